import 'reflect-metadata';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PROJECTION_NAMES, ProjectionRunner } from '@licences/licensing-read-models';
import { ConfigError, loadConfig } from '../config/app-config';
import { AppLogger } from '../config/app.logger';
import { prepareDataFolder } from '../config/data-folder';
import { checkDataFolderAtStart } from '../config/store-integrity';
import { inlineProjectionsHolder } from '../config/inline-projections.lease';
import { withoutCredentials } from '../config/start-up-banner';
import { OperabilityModule } from '../metrics/operability.module';
import { metricsPortOf, ProbeServer } from '../metrics/probe-server';
import { ProjectorModule } from '../projector.module';

/**
 * Runs the projections in a process of their own (the production topology); start the API
 * with LICENCES_PROJECTIONS=external beside it. Refuses to start while an API projects inline
 * into the same read models (it leaves a lease in the data folder saying so).
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
  checkDataFolderAtStart(dataDir, (warning) => new Logger('DataFolder').warn(warning));
  const readModels = join(dataDir, 'read-models.sqlite');
  const inline = inlineProjectionsHolder(dataDir);
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
  await app.get(ProjectionRunner).start();
  const source =
    eventStore.kind === 'sqlite'
      ? join(dataDir, 'licences.sqlite')
      : `EventStoreDB ${withoutCredentials(eventStore.connectionString)}`;
  const logger = new Logger('Projector');
  logger.log(`Projecting ${PROJECTION_NAMES.join(', ')} into ${readModels}, from ${source}`);
  logger.log('The API beside this projector must run with LICENCES_PROJECTIONS=external');
  // Its probes and metrics (lag per projection), on LICENCES_METRICS_PORT.
  try {
    const probes = await app.get(ProbeServer).listen(host, metricsPort);
    logger.log(`Metrics and probes at ${probes}/metrics, /health/live, /health/ready`);
  } catch (error) {
    // Asked for by name, the port must serve; the default one taken is said loudly, not fatal.
    if (metricsPortSetting?.trim() || !(error instanceof ConfigError)) throw error;
    logger.warn(`No metrics or probes served: ${error.message}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Refusing to start: ${error.message}` : error);
  process.exit(1);
});
