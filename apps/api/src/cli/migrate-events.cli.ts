import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { EventStore } from '@licences/event-store';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { copyEvents } from '@licences/licensing-application';
import type { CopyProgress } from '@licences/licensing-application';
import { loadConfig } from '../config/app-config';

type Kind = 'sqlite' | 'esdb';

interface Options {
  from: Kind;
  to: Kind;
  sqliteFile?: string;
  batchSize: string;
  checkpoint?: string;
  restart?: boolean;
}

function open(kind: Kind, sqliteFile: string): EventStore {
  if (kind === 'sqlite') return SqliteEventStore.open({ file: sqliteFile });
  const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
  if (!connectionString) throw new Error('EVENTSTORE_CONNECTION_STRING must name the EventStoreDB cluster');
  return EsdbEventStore.connect({ connectionString });
}

/** The checkpoint is written to a new file and renamed, so a crash never leaves half a checkpoint. */
function saveCheckpoint(file: string, progress: CopyProgress): void {
  writeFileSync(`${file}.tmp`, JSON.stringify({ after: progress.after, savedAt: new Date().toISOString() }));
  renameSync(`${file}.tmp`, file);
}

async function migrate(options: Options): Promise<void> {
  if (options.from === options.to) throw new Error('--from and --to must name different stores');
  const { dataDir } = loadConfig();
  const sqliteFile = options.sqliteFile ?? join(dataDir, 'licences.sqlite');
  const checkpointFile =
    options.checkpoint ?? join(dataDir, `migrate-events.${options.from}-to-${options.to}.json`);
  const resumeAfter =
    !options.restart && existsSync(checkpointFile)
      ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { after: number }).after
      : 0;
  const source = open(options.from, sqliteFile);
  const target = open(options.to, sqliteFile);
  const bar = new SingleBar({
    format: `${options.from} -> ${options.to} [{bar}] {percentage}% | position {value}/{total} | {copied} events | ETA {eta}s`,
    noTTYOutput: true,
    notTTYSchedule: 500,
  });
  try {
    const head = await source.headPosition();
    bar.start(Math.max(head, 1), Math.min(resumeAfter, head), { copied: 0 });
    const result = await copyEvents(source, target, {
      after: resumeAfter,
      batchSize: Number(options.batchSize),
      onBatch: (progress) => {
        saveCheckpoint(checkpointFile, progress);
        bar.update(Math.min(progress.after, head), { copied: progress.copied });
      },
    });
    bar.stop();
    process.stdout.write(
      `Copied ${result.copied} events from ${options.from} to ${options.to}` +
        (resumeAfter ? ` (resumed after position ${resumeAfter})` : '') +
        `; source position ${result.after} of ${result.sourceHead}. Checkpoint: ${checkpointFile}\n` +
        'The target numbers positions its own way: rebuild every projection before serving from it ' +
        '(npm run rebuild -- <projection>).\n',
    );
  } finally {
    bar.stop();
    await source.close();
    await target.close();
  }
}

new Command('migrate-events')
  .description(
    'Copy every event between the embedded store and EventStoreDB, keeping ids, order and metadata',
  )
  .addOption(new Option('--from <store>', 'source').choices(['sqlite', 'esdb']).makeOptionMandatory())
  .addOption(new Option('--to <store>', 'target').choices(['sqlite', 'esdb']).makeOptionMandatory())
  .option('--sqlite-file <file>', 'the embedded store (default: $LICENCES_DATA_DIR/licences.sqlite)')
  .option(
    '--batch-size <n>',
    'events per read (1..10000)',
    (value: string) => {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) {
        throw new InvalidArgumentError('--batch-size must be a whole number from 1 to 10000');
      }
      return value;
    },
    '500',
  )
  .option('--checkpoint <file>', 'where the progress is kept between runs')
  .option('--restart', 'ignore the checkpoint and start from the first event')
  .action(migrate)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
