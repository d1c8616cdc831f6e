import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { EventStore } from '@licences/event-store';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { verifyIntegrity } from '@licences/licensing-application';
import type { IntegrityReport } from '@licences/licensing-application';
import { accessLogLocation } from '../audit/access-log-files';
import { loadConfig } from '../config/app-config';
import { checkAccessLog, describeAccessLog } from './access-log-verification';
import { checkPostgresAccessLog } from './postgres-access-log-verification';
import type { AccessLogCheck } from './access-log-verification';
import { echoCommand } from './echo-command';

/** 0: intact; 2: tampered (or the published head does not match); 1: could not verify. */
const EXIT_INTACT = 0;
const EXIT_ERROR = 1;
const EXIT_TAMPERED = 2;

interface Options {
  expectHead?: string;
  at?: number;
  json?: boolean;
}

function open(): { store: EventStore; name: string } {
  const { dataDir, eventStore } = loadConfig();
  if (eventStore.kind === 'esdb') {
    return { store: EsdbEventStore.connect({ connectionString: eventStore.connectionString }), name: 'esdb' };
  }
  const file = join(dataDir, 'licences.sqlite');
  // Opening a missing file would create an empty store, which would verify as intact.
  if (!existsSync(file)) throw new Error(`No event store at ${file} (set LICENCES_DATA_DIR)`);
  return { store: SqliteEventStore.open({ file }), name: file };
}

function describe(report: IntegrityReport, name: string): string {
  const lines = [`Event store ${name}`];
  if (!report.sealed) return [...lines, report.summary].join('\n');
  lines.push(`  result:           ${report.intact ? 'INTACT' : 'TAMPERED'}`);
  const problem = report.firstProblem;
  if (problem) {
    lines.push(
      `  first problem:    ${problem.kind} at position ${problem.position}`,
      `    event:          ${problem.eventId} (${problem.streamId} revision ${problem.revision})`,
      `    detail:         ${problem.detail}`,
      `  verified before:  ${report.eventsChecked} events, up to position ${report.headPosition}` +
        ` (chain hash ${report.headHash})`,
    );
  } else {
    lines.push(
      `  events checked:   ${report.eventsChecked}`,
      `  head position:    ${report.headPosition}`,
      `  head hash:        ${report.headHash}`,
    );
  }
  const checkpoint = report.checkpoint;
  if (checkpoint) {
    lines.push(
      `  published hash:   ${checkpoint.expectedHash} at position ${checkpoint.position}: ` +
        (checkpoint.matches ? 'matches' : 'DOES NOT MATCH'),
      ...(checkpoint.matches ? [] : [`    found:          ${checkpoint.finding}`]),
    );
  }
  if (report.intact) {
    lines.push(
      `Publish the head hash with its position: anyone holding the events can later check with`,
      `  npm run verify -- --expect-head ${report.headHash} --at ${report.headPosition}`,
      `that nothing up to that position was changed, removed, inserted or reordered.`,
    );
  }
  return lines.join('\n');
}

/** Tampered when either chain is; otherwise not verified when either could not be checked. */
function exitCodeOf(events: IntegrityReport, accessLog: AccessLogCheck): number {
  if ((events.sealed && !events.intact) || accessLog.state === 'tampered') return EXIT_TAMPERED;
  if (!events.sealed || accessLog.state === 'unreadable') return EXIT_ERROR;
  return EXIT_INTACT;
}

async function verify(options: Options): Promise<void> {
  if (options.at !== undefined && options.expectHead === undefined) {
    throw new Error('--at needs --expect-head <hash>');
  }
  const { store, name } = open();
  try {
    const report = await verifyIntegrity(store, {
      ...(options.expectHead !== undefined && {
        expectHead: { hash: options.expectHead, ...(options.at !== undefined && { position: options.at }) },
      }),
    });
    const { dataDir, eventStore, readStore } = loadConfig();
    const accessLog =
      readStore.kind === 'postgres'
        ? await checkPostgresAccessLog(readStore.connectionString)
        : await checkAccessLog(accessLogLocation(dataDir, eventStore));
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ ...report, accessLog }, null, 2)}\n`
        : `${describe(report, name)}\n${describeAccessLog(accessLog)}\n`,
    );
    process.exitCode = exitCodeOf(report, accessLog);
  } finally {
    await store.close();
  }
}

new Command('verify')
  .description(
    'Check the hash chains over every stored event and over the access log; name the first event (record) changed, removed, inserted or reordered',
  )
  .option(
    '--expect-head <hash>',
    'a published chain hash that must still be the one at its position',
    (value) => {
      if (!/^[0-9a-fA-F]{64}$/.test(value))
        throw new InvalidArgumentError('a hash is 64 hexadecimal characters');
      return value.toLowerCase();
    },
  )
  .option('--at <position>', 'the position the published hash was taken at (default: the head)', (value) => {
    if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('a position is a whole number from 1');
    return Number(value);
  })
  .option('--json', 'print the report as JSON')
  .hook('preAction', () => echoCommand('verify'))
  .action(verify)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_ERROR;
  });
