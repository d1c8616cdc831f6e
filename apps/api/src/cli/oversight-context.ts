import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { InvalidArgumentError } from 'commander';
import { isLocalDate } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { loadConfig } from '../config/app-config';
import { ProjectorModule } from '../projector.module';
import { catchUpReadModels } from './catch-up';

/** Commander parser for a calendar date option. */
export function calendarDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new InvalidArgumentError('Expected a calendar date YYYY-MM-DD.');
  return value;
}

/**
 * Runs oversight queries on read models that include every event stored when the command
 * started (see catchUpReadModels).
 */
export async function withCaughtUpReadModels<T>(run: (queries: QueryBus) => Promise<T>): Promise<T> {
  const { dataDir, eventStore, readStore } = loadConfig();
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot(dataDir, eventStore, readStore),
    {
      logger: ['warn', 'error'],
    },
  );
  try {
    await catchUpReadModels(app, { buildEmpty: readStore.kind === 'sqlite' });
    return await run(app.get(QueryBus));
  } finally {
    await app.close();
  }
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function fail(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
