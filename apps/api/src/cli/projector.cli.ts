import 'reflect-metadata';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PROJECTION_NAMES, ProjectionRebuilder, ProjectionRunner } from '@licences/licensing-read-models';
import { ConfigError, loadConfig } from '../config/app-config';
import { AppLogger } from '../config/app.logger';
import { prepareDataFolder } from '../config/data-folder';
import { checkDataFolderAtStart } from '../config/store-integrity';
import { inlineProjectionsHolder } from '../config/inline-projections.lease';
import { postgresLocation, withoutCredentials } from '../config/start-up-banner';
import { openStartUpGate } from '../health/start-up-gate';
import { OperabilityModule } from '../metrics/operability.module';
import { metricsPortOf, ProbeServer } from '../metrics/probe-server';
import { ProjectorModule } from '../projector.module';
import { buildEmptyReadModels } from './build-empty';

/**
 * Runs the projections in a process of their own (the production topology); start the API
 * with LICENCES_PROJECTIONS=external beside it. With SQLite read models it refuses to start while
 * an API projects inline into the same folder (it leaves a lease file there saying so). With
 * PostgreSQL several projectors may run, on several machines: leases there give each projection
 * to one of them, and another takes over within seconds when it dies.
 */
async function main(): Promise<void> {
  // Read models, WAL/SHM and lease files are owner-only, as the API's are.
  process.umask(0o077);
  const { dataDir, eventStore, readStore, logLevel, host, maxProjectionLag } = loadConfig();
  const metricsPortSetting = process.env['LICENCES_METRICS_PORT'];
  const metricsPort = metricsPortOf(metricsPortSetting);
  // JSON lines from the first one on, the data folder's warnings included.
  const appLogger = new AppLogger(logLevel);
  Logger.overrideLogger(appLogger);
  prepareDataFolder(dataDir);
  // A full check of a large history takes minutes: the probes' port says alive meanwhile.
  await checkDataFolderAtStart(dataDir, new Logger('DataFolder'), async (files) => {
    try {
      return await openStartUpGate(host, metricsPort, files);
    } catch (error) {
      const problem = `cannot serve probes on ${host}:${metricsPort} during the check (${String(error)})`;
      // As for the probe server below: a port asked for by name must serve; the default one taken is said.
      if (metricsPortSetting?.trim())
        throw new ConfigError(`${problem}; set LICENCES_METRICS_PORT (or HOST)`);
      new Logger('Projector').warn(problem);
      return () => Promise.resolve();
    }
  });
  const readModels =
    readStore.kind === 'postgres'
      ? `PostgreSQL ${postgresLocation(readStore.connectionString)}`
      : join(dataDir, 'read-models.sqlite');
  // With PostgreSQL the leases decide who projects what, whoever else runs.
  const inline = readStore.kind === 'sqlite' ? inlineProjectionsHolder(dataDir) : undefined;
  if (inline) {
    throw new ConfigError(
      `the API (pid ${inline.pid} on ${inline.host}, since ${inline.startedAt}) already projects inline ` +
        `into ${readModels}; restart it with LICENCES_PROJECTIONS=external to run the projections here`,
    );
  }
  const projector = ProjectorModule.forRoot(dataDir, eventStore, readStore);
  const app = await NestFactory.createApplicationContext(
    // With this process's metrics, lag check and graceful stop (npm run rebuild goes without).
    {
      ...projector,
      imports: [...(projector.imports ?? []), OperabilityModule.forRoot({ maxProjectionLag })],
    },
    {
      logger: appLogger,
    },
  );
  // Exit 0 once the batches in flight stored their checkpoints, instead of re-raising the signal.
  app.enableShutdownHooks([], { useProcessExit: true });
  const logger = new Logger('Projector');
  // Its probes and metrics (lag per projection, progress of a build), on LICENCES_METRICS_PORT,
  // from the start: a build of an empty read model may take long, and must show it is alive.
  try {
    const probes = await app.get(ProbeServer).listen(host, metricsPort);
    logger.log(`Metrics and probes at ${probes}/metrics, /health/live, /health/ready`);
  } catch (error) {
    // Asked for by name, the port must serve; the default one taken is said loudly, not fatal.
    if (metricsPortSetting?.trim() || !(error instanceof ConfigError)) throw error;
    logger.warn(`No metrics or probes served: ${error.message}`);
  }
  const runner = app.get(ProjectionRunner);
  if (readStore.kind === 'sqlite') {
    // This process writes every projection alone: an empty one is built stream by stream first.
    // With PostgreSQL, projectors share the store and the leases decide; they catch up instead.
    const started = Date.now();
    const built = await buildEmptyReadModels(app.get(ProjectionRebuilder), {
      started: (name, target) =>
        logger.log(
          `Building ${name} stream by stream from the events up to position ${target} (its read model was empty)`,
        ),
      yielded: (error) =>
        logger.warn(`${error.message} in another process: catching up in global order instead of building`),
    });
    if (built.length > 0)
      logger.log(`Built ${built.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await runner.start();
  const source =
    eventStore.kind === 'sqlite'
      ? join(dataDir, 'licences.sqlite')
      : `EventStoreDB ${withoutCredentials(eventStore.connectionString)}`;
  if (readStore.kind === 'postgres') {
    const holds: string[] = [];
    const waiting: string[] = [];
    for (const name of PROJECTION_NAMES) {
      const lease = runner.held(name);
      if (lease) holds.push(`${name} (fence ${lease.fence})`);
      else waiting.push(name);
    }
    logger.log(
      `Projecting into ${readModels}, from ${source}: holds ${holds.join(', ') || 'none'}; ` +
        `waits for ${waiting.join(', ') || 'none'} (held by another projector, taken over when it goes)`,
    );
  } else {
    logger.log(`Projecting ${PROJECTION_NAMES.join(', ')} into ${readModels}, from ${source}`);
    // With PostgreSQL the leases decide who projects; an SQLite file takes one projector only.
    logger.log('The API beside this projector must run with LICENCES_PROJECTIONS=external');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Refusing to start: ${error.message}` : error);
  process.exit(1);
});
