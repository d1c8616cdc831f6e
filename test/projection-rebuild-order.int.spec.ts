import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { SqliteReadModelStore } from '@licences/licensing-sqlite';
import { PROJECTION_NAMES, ProjectionRebuilder } from '@licences/licensing-read-models';
import type { RebuildProgress } from '@licences/licensing-read-models';
import { dumpReadModels, writeBacklog } from './support/backlog';
import { projectEverything } from './support/postgres-read-models';

/** The same store seen through the port without its optional stream-ordered read (as EventStoreDB). */
function globalOrderOnly(store: EventStore): EventStore {
  return {
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    streamRevision: (...args) => store.streamRevision(...args),
    readAll: (...args) => store.readAll(...args),
    headPosition: () => store.headPosition(),
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    close: () => store.close(),
  };
}

/**
 * A rebuild reads stream by stream where the event store can, and in global order where it
 * cannot; both must swap in exactly what projecting every event from scratch gives.
 */
describe('rebuild of every projection, read stream by stream or in global order', () => {
  let dir: string;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licences-rebuild-order-'));
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  async function readStore(name: string): Promise<{ store: SqliteReadModelStore; file: string }> {
    const file = join(dir, `${name}.sqlite`);
    const store = await SqliteReadModelStore.open(file);
    closers.push(() => store.close());
    return { store, file };
  }

  /** A store of 40 cases, and a read store with every event projected in global order. */
  async function backlogAndFresh() {
    const eventsFile = join(dir, 'licences.sqlite');
    const head = await writeBacklog(eventsFile, 40);
    const events = SqliteEventStore.open({ file: eventsFile });
    closers.push(() => events.close());
    const fresh = await readStore('fresh');
    await projectEverything(events, fresh.store);
    return { head, events, fresh };
  }

  it('swaps in the tables of a projection from scratch either way, and says which way it read', async () => {
    const { head, events, fresh } = await backlogAndFresh();

    for (const [label, store] of [
      ['by-stream', events],
      ['global', globalOrderOnly(events)],
    ] as const) {
      const target = await readStore(label);
      await projectEverything(events, target.store);
      // Damaged live tables: only a real rebuild and swap make them right again.
      const db = new Database(target.file);
      try {
        db.exec(`UPDATE licence_validity SET status = 'withdrawn';
          DELETE FROM decision_history WHERE revision = 0;
          DELETE FROM revocation_justification;
          DELETE FROM statistics_facts;`);
      } finally {
        db.close();
      }
      expect(dumpReadModels(target.file)).not.toEqual(dumpReadModels(fresh.file));
      const rebuilder = new ProjectionRebuilder(store, target.store);
      for (const name of PROJECTION_NAMES) {
        const seen: RebuildProgress[] = [];
        const done = await rebuilder.rebuild(name, (progress) => seen.push(progress));

        expect(done).toMatchObject({ state: 'completed', readOrder: label, position: head, fractionDone: 1 });
        expect(seen.every((progress) => progress.readOrder === label)).toBe(true);
        const fractions = seen.map((progress) => progress.fractionDone);
        expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
      }
      expect(dumpReadModels(target.file)).toEqual(dumpReadModels(fresh.file));
    }
  });

  it('builds only the empty projections, and only from enough events read stream by stream', async () => {
    const { head, events, fresh } = await backlogAndFresh();
    const target = await readStore('target');
    // One projection already holds events: it is left to the runner.
    const first = await events.readAll({ maxCount: 10 });
    await target.store.project('statistics', first);

    expect(await new ProjectionRebuilder(events, target.store).buildEmpty(PROJECTION_NAMES)).toEqual([]);
    expect(
      await new ProjectionRebuilder(globalOrderOnly(events), target.store, 10).buildEmpty(PROJECTION_NAMES),
    ).toEqual([]);
    expect(
      await new ProjectionRebuilder(events, target.store, head + 1).buildEmpty(PROJECTION_NAMES),
    ).toEqual([]);
    for (const name of PROJECTION_NAMES) {
      expect(await target.store.checkpoint(name)).toBe(name === 'statistics' ? first.at(-1)!.position : 0);
    }

    const started: string[] = [];
    const built = await new ProjectionRebuilder(events, target.store, head).buildEmpty(
      PROJECTION_NAMES,
      (name, upTo) => started.push(`${name}@${upTo}`),
    );

    const empty = PROJECTION_NAMES.filter((name) => name !== 'statistics');
    expect(built).toEqual(empty);
    expect(started).toEqual(empty.map((name) => `${name}@${head}`));
    for (const name of empty) expect(await target.store.checkpoint(name)).toBe(head);
    const dump = dumpReadModels(target.file);
    const expected = dumpReadModels(fresh.file);
    for (const table of [
      'licence_validity',
      'decision_history',
      'validity_periods',
      'revocation_justification',
    ]) {
      expect(dump[table]).toEqual(expected[table]);
    }
  });
});
