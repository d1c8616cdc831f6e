import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PROJECTION_NAMES, ProjectionRunner } from '@licences/licensing-read-models';
import { loadConfig } from '../config/app-config';
import { ProjectorModule } from '../projector.module';

/**
 * Runs the projections in a process of their own (the production topology); start the API
 * with LICENCES_PROJECTIONS=external beside it.
 */
async function main(): Promise<void> {
  const { dataDir, eventStore } = loadConfig();
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(dataDir, eventStore), {
    logger: ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  await app.get(ProjectionRunner).start();
  new Logger('Projector').log(`Projecting ${PROJECTION_NAMES.join(', ')} from ${dataDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
