import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@licences/event-store';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { copyEvents } from '@licences/licensing-application';
import { EsdbStandIn } from '../esdb-stand-in/esdb-stand-in';
import { runScriptAsync } from '../support/app-process';
import { SCRIPT_MS } from '../support/child-processes';
import { timeoutAbove } from '../support/waiting';
import { writeBacklog } from '../support/backlog';

/** What must survive a migration: everything but the store's own numbering of positions and its seals. */
const portable = (events: RecordedEvent[]) =>
  events.map(({ position: _position, seal: _seal, ...rest }) => rest);

describe('migrating events between the embedded store and EventStoreDB', () => {
  let dir: string;
  let standIn: EsdbStandIn;
  const opened: EventStore[] = [];
  const sqlite = (name = 'licences.sqlite') => {
    const store = SqliteEventStore.open({ file: join(dir, name) });
    opened.push(store);
    return store;
  };
  const esdb = () => {
    const store = EsdbEventStore.connect({ connectionString: standIn.connectionString });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'licences-migrate-'));
    standIn = await EsdbStandIn.start();
    standIn.appendSystemEvent('$settings', '$settings');
    await writeBacklog(join(dir, 'licences.sqlite'), 120);
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await standIn.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies everything keeping ids, order, revisions, metadata and recording times, resumably, and back', async () => {
    const source = sqlite();
    const target = esdb();
    const original = await source.readAll();

    const interrupted = await copyEvents(source, target, { batchSize: 50, maxBatches: 2 });
    expect(interrupted.copied).toBe(100);
    const resumed = await copyEvents(source, target, { batchSize: 50, after: interrupted.after });
    expect(interrupted.copied + resumed.copied).toBe(original.length);
    // Running the whole copy again finds every event there already and duplicates nothing.
    await copyEvents(source, target, { batchSize: 64 });

    const inEsdb = await target.readAll();
    expect(portable(inEsdb)).toEqual(portable(original));

    const back = sqlite('back.sqlite');
    await copyEvents(target, back, { batchSize: 37 });
    expect(portable(await back.readAll())).toEqual(portable(original));
    expect((await back.readAll()).map((e) => e.position)).toEqual(original.map((e) => e.position));
  });

  it(
    'runs as npm run migrate-events with a progress bar and resumes from its checkpoint',
    async () => {
      const env = { LICENCES_DATA_DIR: dir, EVENTSTORE_CONNECTION_STRING: standIn.connectionString };
      const cli = (...args: string[]) =>
        runScriptAsync(
          ['-r', './tools/register.cjs', 'apps/api/src/cli/migrate-events.cli.ts', ...args],
          env,
        );
      const total = (await sqlite().readAll()).length;

      const first = await cli('--from', 'sqlite', '--to', 'esdb', '--batch-size', '100');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain(`Copied ${total} events from sqlite to esdb`);
      expect(first.stderr).toMatch(/sqlite -> esdb \[=+\] 100%/);

      const again = await cli('--from', 'sqlite', '--to', 'esdb');
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('Copied 0 events from sqlite to esdb (resumed after position');
      // On the server: each event once, beside the claim that binds its id to its stream.
      const onServer = standIn.events.filter((e) => !e.streamName.startsWith('$'));
      const claims = onServer.filter((e) => e.streamName.startsWith('event-id-claim-'));
      const events = onServer.filter((e) => !e.streamName.startsWith('event-id-claim-'));
      expect(events).toHaveLength(total);
      expect(new Set(claims.map((c) => c.streamName))).toEqual(
        new Set(events.map((e) => `event-id-claim-${e.id}`)),
      );

      const same = await cli('--from', 'esdb', '--to', 'esdb');
      expect(same.status).not.toBe(0);
      expect(same.stderr).toContain('--from and --to must name different stores');
    },
    timeoutAbove(3 * SCRIPT_MS),
  );
});
