import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import {
  HistoricalImportModule,
  HistoricalImportService,
  systemClock,
} from '@licences/licensing-application';
import type { ImportProgress } from '@licences/licensing-application';
import { loadConfig } from '../config/app-config';
import type { EventStoreConfig } from '../config/app-config';
import { InfrastructureModule } from '../infrastructure/infrastructure.module';
import { echoCommand } from './echo-command';
import { progressBar } from './progress-bar';

/** Exit code when the import ran but refused some cases (0: all in, 1: it failed). */
const SOME_REFUSED = 3;

/** The event store and the import service, without the HTTP API or the projections. */
@Module({})
class ImportCliModule {
  static forRoot(dataDir: string, eventStore?: EventStoreConfig): DynamicModule {
    return {
      module: ImportCliModule,
      imports: [
        InfrastructureModule.forRoot({ dataDir, clock: systemClock, ...(eventStore && { eventStore }) }),
        HistoricalImportModule,
      ],
    };
  }
}

/** The file's lines, streamed: the import reads it twice, never whole. */
function linesOf(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
}

/** Counts lines as readline yields them, so that the progress bar has a total. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
    last = chunk.at(-1) ?? last;
  }
  return last === 0x0a ? lines : lines + 1;
}

async function importHistory(file: string): Promise<void> {
  await access(file);
  const { dataDir, eventStore } = loadConfig();
  const total = await countLines(file);
  const app = await NestFactory.createApplicationContext(ImportCliModule.forRoot(dataDir, eventStore), {
    logger: ['warn', 'error'],
  });
  // Both passes read every line: the bar runs over twice the file, and shows the cases as it goes.
  const bar = progressBar(
    'import [{bar}] {percentage}% | {phase} | {linesRead}/{lines} lines | {cases} | ETA {eta}s',
  );
  const payload = (p: ImportProgress) => ({
    phase: p.phase,
    linesRead: p.linesRead,
    lines: total,
    cases: p.phase === 'check' ? `${p.casesDone} cases seen` : `${p.casesDone}/${p.casesTotal} cases`,
  });
  bar.start(
    Math.max(2 * total, 1),
    0,
    payload({ phase: 'check', linesRead: 0, casesDone: 0, casesTotal: 0 }),
  );
  try {
    const report = await app.get(HistoricalImportService).run(() => linesOf(file), {
      onProgress: (p) => bar.update((p.phase === 'check' ? 0 : total) + p.linesRead, payload(p)),
    });
    bar.stop();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.exitCode = report.refused.length > 0 ? SOME_REFUSED : 0;
  } finally {
    bar.stop();
    await app.close();
  }
}

new Command('import')
  .description(
    'Import historical decisions from a JSON Lines file; prints the report as JSON (exit 3 when cases were refused)',
  )
  .argument('<file>', 'one event per line: { caseId, type, occurredAt, actor, data }')
  .hook('preAction', () => echoCommand('import'))
  .action(importHistory)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
