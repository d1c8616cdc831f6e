import { existsSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import type { EventStore } from '@licences/event-store';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { logOpeningEntry } from '@licences/licensing-application';
import { SqliteAccessLog, SqliteAccessLogAnchor } from '@licences/licensing-sqlite';
import { accessLogLocation, inspectAccessLog } from '../audit/access-log-files';
import type { AccessLogLocation } from '../audit/access-log-files';
import { loadConfig } from '../config/app-config';
import type { EventStoreConfig } from '../config/app-config';
import { echoCommand } from './echo-command';

interface AcknowledgeOptions {
  by: string;
  reason: string;
}

/** The head of the event store, without creating an SQLite file that is not there. */
async function eventsHead(config: EventStoreConfig, eventsFile: string): Promise<number> {
  if (config.kind === 'sqlite' && !existsSync(eventsFile)) return 0;
  const store: EventStore =
    config.kind === 'esdb'
      ? EsdbEventStore.connect({ connectionString: config.connectionString })
      : SqliteEventStore.open({ file: eventsFile });
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

/** Moves the old log (with its WAL, which may hold its newest records) aside, as evidence. */
function keepAside(location: AccessLogLocation, stamp: string): string | null {
  if (!existsSync(location.logFile)) return null;
  const kept = location.logFile.replace(/\.sqlite$/, `.replaced-${stamp}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(location.logFile + suffix)) renameSync(location.logFile + suffix, kept + suffix);
  }
  return kept;
}

/**
 * Starts a new access log when the old one is lost or damaged, so that the API serves again. The
 * loss stays on record: the new log's first record names who acknowledged it, why, what start-up
 * found and the anchor's old head, and the old file is kept beside it. Refused while the log is
 * in order, so that a sound log is never replaced.
 */
async function acknowledgeNew(options: AcknowledgeOptions): Promise<void> {
  const [by, reason] = [options.by.trim(), options.reason.trim()];
  if (!by || !reason) throw new Error('--by and --reason must not be empty');
  const { dataDir, eventStore } = loadConfig();
  const location = accessLogLocation(dataDir, eventStore);
  if (!existsSync(location.anchorFile)) {
    throw new Error(`Nothing to acknowledge: there is no ${basename(location.anchorFile)} in ${dataDir} yet`);
  }
  const anchor = SqliteAccessLogAnchor.open(location.anchorFile);
  try {
    const anchored = await anchor.read();
    const { log, decision } = await inspectAccessLog(location, anchor, () =>
      eventsHead(eventStore, join(dataDir, 'licences.sqlite')),
    );
    await log?.close();
    if (decision.action !== 'refuse') {
      throw new Error(
        'Nothing to acknowledge: the access log is in order, and the API starts with it as it is',
      );
    }
    const now = new Date();
    const kept = keepAside(location, now.toISOString().replace(/[:.]/g, '-'));
    const fresh = SqliteAccessLog.open(location.logFile);
    try {
      const first = await fresh.append(
        logOpeningEntry('new-log-acknowledged', now.toISOString(), by, {
          reason,
          found: decision.problem,
          anchor: anchored,
          previousLogKeptAs: kept && basename(kept),
        }),
      );
      await anchor.reset({ origin: first.hash, seq: first.seq, hash: first.hash });
      process.stdout.write(
        `Started a new access log at ${location.logFile}; its first record acknowledges: ${decision.problem}.\n` +
          (kept ? `The old log is kept as ${kept}.\n` : ''),
      );
    } finally {
      await fresh.close();
    }
  } finally {
    await anchor.close();
  }
}

echoCommand('access-log');
const program = new Command('access-log').description('The access log of the admin API');
program
  .command('acknowledge-new')
  .description(
    'Start a new access log after the old one was lost or damaged (the API refuses to start until then); its first record is this acknowledgement',
  )
  .requiredOption('--by <admin>', 'who acknowledges the loss')
  .requiredOption('--reason <why>', 'why the old log is lost, and what was done about it')
  .action(acknowledgeNew);
program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
