import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import type { EventStore } from '@licences/event-store';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { logOpeningEntry } from '@licences/licensing-application';
import { accessLogBackend } from '../audit/access-log-backend.factory';
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

/**
 * Starts a new access log when the old one is lost or damaged, so that the API serves again. The
 * loss stays on record: the new log's first record names who acknowledged it, why, what start-up
 * found and the anchor's old head, and the old file is kept beside it. Refused while the log is
 * in order, so that a sound log is never replaced.
 */
async function acknowledgeNew(options: AcknowledgeOptions): Promise<void> {
  const [by, reason] = [options.by.trim(), options.reason.trim()];
  if (!by || !reason) throw new Error('--by and --reason must not be empty');
  const { dataDir, eventStore, readStore } = loadConfig();
  const backend = accessLogBackend(dataDir, eventStore, readStore);
  const anchor = await backend.openAnchor();
  try {
    // Under the lock replicas take at start-up: none starts a log of its own meanwhile.
    await backend.exclusively(async () => {
      const anchored = await anchor.read();
      const { log, decision } = await backend.inspect(anchor, () =>
        eventsHead(eventStore, join(dataDir, 'licences.sqlite')),
      );
      await log?.close();
      if (decision.action !== 'refuse') {
        throw new Error(
          'Nothing to acknowledge: the access log is in order, and the API starts with it as it is',
        );
      }
      const now = new Date();
      const { log: fresh, keptAs } = await backend.replace(now.toISOString().replace(/[:.]/g, '-'));
      try {
        const first = await fresh.append(
          logOpeningEntry('new-log-acknowledged', now.toISOString(), by, {
            reason,
            found: decision.problem,
            anchor: anchored,
            previousLogKeptAs: keptAs && basename(keptAs),
          }),
        );
        await anchor.reset({ origin: first.hash, seq: first.seq, hash: first.hash });
        process.stdout.write(
          `Started a new access log (${backend.where}); its first record acknowledges: ${decision.problem}.\n` +
            (keptAs ? `The old log is kept as ${keptAs}.\n` : ''),
        );
      } finally {
        await fresh.close();
      }
    });
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
