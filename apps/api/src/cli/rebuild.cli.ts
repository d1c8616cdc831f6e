import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { isProjectionName, PROJECTION_NAMES, ProjectionRebuilder } from '@licences/licensing-read-models';
import type { RebuildProgress } from '@licences/licensing-read-models';
import { loadConfig } from '../config/app-config';
import { ProjectorModule } from '../projector.module';
import { echoCommand } from './echo-command';
import { progressBar } from './progress-bar';

async function rebuild(name: string): Promise<void> {
  if (!isProjectionName(name)) {
    throw new Error(`Unknown projection ${name}; use one of ${PROJECTION_NAMES.join(', ')}`);
  }
  const { dataDir, eventStore, readStore } = loadConfig();
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot(dataDir, eventStore, readStore),
    {
      logger: ['warn', 'error'],
    },
  );
  const bar = progressBar(
    `${name} [{bar}] {percentage}% | {value}/{total} positions | {eventsDone} events | {rate} ev/s | ETA {eta}s`,
  );
  const payload = (p: RebuildProgress) => ({ eventsDone: p.eventsDone, rate: p.eventsPerSecond });
  let started = false;
  try {
    const report = await app.get(ProjectionRebuilder).rebuild(name, (progress) => {
      if (!started) {
        bar.start(Math.max(progress.targetPosition, 1), 0, payload(progress));
        started = true;
      }
      // Read stream by stream, the checkpoint stays 0 until the pass ends: the share done moves instead.
      bar.update(Math.round(progress.fractionDone * progress.targetPosition), payload(progress));
    });
    bar.stop();
    process.stdout.write(
      `Rebuilt ${name}: ${report.eventsDone} events, checkpoint ${report.position}, ${report.eventsPerSecond} events/s\n`,
    );
  } finally {
    bar.stop();
    await app.close();
  }
}

new Command('rebuild')
  .description('Rebuild a projection from the first event; the live tables are replaced once it caught up')
  .argument('<projection>', PROJECTION_NAMES.join(' | '))
  .hook('preAction', () => echoCommand('rebuild'))
  .action(rebuild)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
