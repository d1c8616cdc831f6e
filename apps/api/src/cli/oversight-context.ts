import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { InvalidArgumentError } from 'commander';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { isLocalDate } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { ProjectionRunner, ProjectionWaiter } from '@licences/licensing-read-models';
import { loadConfig } from '../config/app-config';
import { ProjectorModule } from '../projector.module';

/** How long the CLIs give the projections to catch up with the event store before answering. */
const CATCH_UP_TIMEOUT_MS = 120_000;

/** Commander parser for a calendar date option. */
export function calendarDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new InvalidArgumentError('Expected a calendar date YYYY-MM-DD.');
  return value;
}

/**
 * Runs oversight queries on read models that include every event stored when the command
 * started: the projections run here until they reach the event store's head, then stop, so the
 * answer does not depend on whether a projector or an API happened to be running.
 */
export async function withCaughtUpReadModels<T>(run: (queries: QueryBus) => Promise<T>): Promise<T> {
  const { dataDir, eventStore } = loadConfig();
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(dataDir, eventStore), {
    logger: ['warn', 'error'],
  });
  try {
    const head = await app.get<symbol, EventStore>(EVENT_STORE).headPosition();
    const runner = app.get(ProjectionRunner);
    await runner.start();
    const caughtUp = await app.get(ProjectionWaiter).waitFor(head, CATCH_UP_TIMEOUT_MS);
    runner.stop();
    if (!caughtUp) throw new Error(`The read models did not reach position ${head} in time; try again`);
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
