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
import { ProjectorModule } from '../projector.module';

/**
 * Runs the projections in a process of their own (the production topology); start the API
 * with LICENCES_PROJECTIONS=external beside it. Refuses to start while an API projects inline
 * into the same read models (it leaves a lease in the data folder saying so).
 */
async function main(): Promise<void> {
  // Read models, WAL/SHM and lease files are owner-only, as the API's are.
  process.umask(0o077);
  const { dataDir, eventStore, readStore, logLevel } = loadConfig();
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
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot(dataDir, eventStore, readStore),
    {
      logger: new AppLogger(logLevel),
    },
  );
  app.enableShutdownHooks();
  await app.get(ProjectionRunner).start();
  const source =
    eventStore.kind === 'sqlite'
      ? join(dataDir, 'licences.sqlite')
      : `EventStoreDB ${withoutCredentials(eventStore.connectionString)}`;
  const logger = new Logger('Projector');
  logger.log(`Projecting ${PROJECTION_NAMES.join(', ')} into ${readModels}, from ${source}`);
  logger.log('The API beside this projector must run with LICENCES_PROJECTIONS=external');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Refusing to start: ${error.message}` : error);
  process.exit(1);
});
