import type { RecordedEvent } from '@licences/event-store';
import { localDate } from '@licences/licensing-domain';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { EventReader, ProjectionName } from '@licences/licensing-read-models';
import { details, extend, goods, issue, register } from '../licence-events.fixture';
import { A, ReadModelHarness } from '../read-model-harness.fixture';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';
import { projectionIndexes } from '../../read-model.indexes';
import { describeRebuildByStream } from './rebuild-by-stream.suite';

/**
 * Two live indexes (one a write index) under their rebuild names, as a swap whose naming was cut
 * short leaves them on SQLite (which makes each again under its live name, then drops the other).
 */
export const SWAP_CUT_SHORT = `
  DROP INDEX licence_validity_status_idx;
  CREATE INDEX licence_validity_status_idx__rebuild ON licence_validity (status, valid_until);
  DROP INDEX licence_validity_goods_case_idx;
  CREATE UNIQUE INDEX licence_validity_goods_case_idx__rebuild
    ON licence_validity_goods (case_id, control_list_entry);`;

const REBUILD_TABLES = [
  'decision_history__rebuild',
  'licence_validity__rebuild',
  'licence_validity_goods__rebuild',
  'revocation_case_state__rebuild',
  'revocation_justification__rebuild',
];

export function describeRebuild(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: rebuild`, () => {
    let h: ReadModelHarness;
    let all: RecordedEvent[];
    let head: number;

    beforeEach(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
      await h.writeLifecycles();
      all = await h.events.readAll();
      head = all.at(-1)!.position;
    });

    afterEach(() => h.dispose());

    /** Reads from the event store as the rebuilder does, and records what it was asked for. */
    function readerFromEventStore(calls: [number, number][]): EventReader {
      return async (after, upTo) => {
        calls.push([after, upTo]);
        return (await h.events.readAll({ after })).filter((e) => e.position <= upTo);
      };
    }

    const tableNames = (db: string) => h.tableNames(db);

    it('catches up with the live tables and swaps in tables equal to a projection from scratch', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all);
      for (const name of PROJECTION_NAMES) await store.startRebuild(name);
      expect(await h.checkpoints(store, 'rebuild')).toEqual([0, 0, 0, 0]);
      expect(await tableNames(file)).toEqual(expect.arrayContaining(REBUILD_TABLES));
      const half = all.slice(0, Math.floor(all.length / 2));
      await h.projectAll(store, half, 'rebuild');

      // Live goes on while the rebuild runs.
      await h.writer.decide(
        'case-e',
        register('case-e', details({ goods: goods('ML10.c') })),
        '2026-07-01T12:00:00Z',
      );
      await h.writer.decide('case-e', issue(), '2026-07-02T12:00:00Z');
      await h.projectAll(store, await h.events.readAll({ after: head }));
      const liveHead = await h.events.headPosition();
      // Damage the live tables, so that only a real swap can make them right again.
      await h.execute(
        file,
        `UPDATE licence_validity SET status = 'withdrawn';
       DELETE FROM licence_validity_goods WHERE case_id = '${A}';
       DELETE FROM decision_history WHERE revision = 0;
       DELETE FROM revocation_justification;
       UPDATE revocation_case_state SET state = '{}';`,
      );
      // Queries keep reading the live tables during the rebuild.
      expect(await store.findValidity(A)).toMatchObject({ status: 'withdrawn' });

      const calls: [number, number][] = [];
      for (const name of PROJECTION_NAMES) {
        expect(await store.completeRebuild(name, readerFromEventStore(calls))).toBe(liveHead);
      }
      expect(calls).toEqual(PROJECTION_NAMES.map(() => [half.at(-1)!.position, liveHead]));
      expect(await h.checkpoints(store)).toEqual([liveHead, liveHead, liveHead, liveHead]);
      expect(await h.checkpoints(store, 'rebuild')).toEqual([0, 0, 0, 0]);

      const fresh = await h.projectedFromScratch('fresh');
      expect(await h.dumpTables(file)).toEqual(await h.dumpTables(fresh.db));
      // Same tables and indexes, under the live names, and no rebuild table left.
      expect(await h.schemaObjects(file)).toEqual(await h.schemaObjects(fresh.db));
      expect((await tableNames(file)).filter((name) => name.endsWith('__rebuild'))).toEqual([]);

      // The swapped-in tables take further events like the old ones did.
      await h.writer.decide('case-e', extend(), '2027-01-04T12:00:00Z');
      const later = await h.events.readAll({ after: liveHead });
      await h.projectAll(store, later);
      await h.projectAll(fresh.store, later);
      expect(await h.dumpTables(file)).toEqual(await h.dumpTables(fresh.db));
      const listed = await store.listValidity({ controlListEntry: 'ML10' }, localDate('2027-01-05'), {
        offset: 0,
        limit: 10,
      });
      expect(listed.rows.map((r) => r.caseId)).toEqual([A, 'case-e']);
    });

    it('keeps the rebuild checkpoint when the rebuild got further than the live tables', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all.slice(0, 4));
      for (const name of PROJECTION_NAMES) await store.startRebuild(name);
      await h.projectAll(store, all, 'rebuild');
      const calls: [number, number][] = [];
      for (const name of PROJECTION_NAMES) {
        expect(await store.completeRebuild(name, readerFromEventStore(calls))).toBe(head);
      }
      expect(calls).toEqual([]);
      expect(await h.checkpoints(store)).toEqual([head, head, head, head]);
      expect(await h.dumpTables(file)).toEqual(
        await h.dumpTables((await h.projectedFromScratch('fresh')).db),
      );
    });

    it('startRebuild drops an earlier rebuild and starts again from nothing', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all);
      for (const name of PROJECTION_NAMES) await store.startRebuild(name);
      // A first rebuild gets some way, with a corrupt row that a restart must not keep.
      await h.projectAll(store, all.slice(0, 5), 'rebuild');
      await h.execute(file, `UPDATE licence_validity__rebuild SET end_user = 'corrupt'`);
      for (const name of PROJECTION_NAMES) await store.startRebuild(name);
      expect(await h.checkpoints(store, 'rebuild')).toEqual([0, 0, 0, 0]);

      await h.projectAll(store, all, 'rebuild');
      for (const name of PROJECTION_NAMES) await store.completeRebuild(name, readerFromEventStore([]));
      expect(await h.dumpTables(file)).toEqual(
        await h.dumpTables((await h.projectedFromScratch('fresh')).db),
      );
    });

    it('abortRebuild drops the rebuild tables and leaves the live ones untouched', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all.slice(0, 8));
      const live = await h.dumpTables(file);
      const schema = await h.schemaObjects(file);
      for (const name of PROJECTION_NAMES) await store.startRebuild(name);
      await h.projectAll(store, all, 'rebuild');
      for (const name of PROJECTION_NAMES) await store.abortRebuild(name);

      expect(await h.dumpTables(file)).toEqual(live);
      expect(await h.schemaObjects(file)).toEqual(schema);
      expect(await h.checkpoints(store)).toEqual(PROJECTION_NAMES.map(() => all[7]!.position));
      expect(await h.checkpoints(store, 'rebuild')).toEqual([0, 0, 0, 0]);
      for (const name of PROJECTION_NAMES) {
        await expect(store.completeRebuild(name, readerFromEventStore([]))).rejects.toThrow(
          `No rebuild of ${name} was started`,
        );
      }
    });

    it('completeRebuild and projecting into the rebuild throw when no rebuild was started', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all);
      const live = await h.dumpTables(file);
      const calls: [number, number][] = [];
      for (const name of PROJECTION_NAMES) {
        await expect(store.completeRebuild(name, readerFromEventStore(calls))).rejects.toThrow(
          `No rebuild of ${name} was started`,
        );
        await expect(store.project(name, all, 'rebuild')).rejects.toThrow(
          `No rebuild of ${name} was started`,
        );
      }
      expect(calls).toEqual([]);
      expect(await h.dumpTables(file)).toEqual(live);
      expect(await h.checkpoints(store)).toEqual([head, head, head, head]);
      await expect(store.startRebuild('no-such-projection' as ProjectionName)).rejects.toThrow(RangeError);
    });

    it('refuses to swap in a rebuild that the reader could not bring up to the live checkpoint', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all);
      const live = await h.dumpTables(file);
      const half = all.slice(0, Math.floor(all.length / 2));
      for (const name of PROJECTION_NAMES) {
        await store.startRebuild(name);
        await store.project(name, half, 'rebuild');
        // A reader that stops short: swapping would lose the events it left out.
        const short: EventReader = async (after, upTo) =>
          (await readerFromEventStore([])(after, upTo)).slice(0, 2);
        await expect(store.completeRebuild(name, short)).rejects.toThrow(/caught up to position/);
        expect(await store.checkpoint(name, 'rebuild')).toBe(half.at(-1)!.position);
        await store.abortRebuild(name);
      }
      expect(await h.dumpTables(file)).toEqual(live);
      expect(await h.checkpoints(store)).toEqual([head, head, head, head]);
      expect((await tableNames(file)).filter((name) => name.endsWith('__rebuild'))).toEqual([]);
    });

    it('rebuilds the same projection twice in a row, ending each time with the schema of a fresh store', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all);
      const fresh = await h.projectedFromScratch('fresh');
      for (let round = 0; round < 2; round++) {
        for (const name of PROJECTION_NAMES) {
          await store.startRebuild(name);
          await store.project(name, all, 'rebuild');
          expect(await store.completeRebuild(name, readerFromEventStore([]))).toBe(head);
        }
        expect(await h.dumpTables(file)).toEqual(await h.dumpTables(fresh.db));
        expect(await h.schemaObjects(file)).toEqual(await h.schemaObjects(fresh.db));
      }
    });

    it('lets the event loop turn between the indexes it makes, before and after the swap', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all);
      for (const name of PROJECTION_NAMES) {
        await store.startRebuild(name);
        await store.project(name, all, 'rebuild');
        // What a request or a health probe needs to be answered during the swap: turns of the loop.
        let turns = 0;
        let swapping = true;
        const turn = () => {
          if (!swapping) return;
          turns++;
          setImmediate(turn);
        };
        setImmediate(turn);
        try {
          await store.completeRebuild(name, readerFromEventStore([]));
        } finally {
          swapping = false;
        }
        expect(turns).toBeGreaterThanOrEqual(projectionIndexes(name).length);
      }
      const fresh = await h.projectedFromScratch('fresh');
      expect(await h.schemaObjects(file)).toEqual(await h.schemaObjects(fresh.db));
    });

    it('gives indexes that a swap cut short left under rebuild names their live names at the next rebuild', async () => {
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all);
      const fresh = await h.projectedFromScratch('fresh');
      // As a process that stopped between a swap and the naming of its indexes leaves them.
      await h.execute(file, SWAP_CUT_SHORT);
      expect((await h.schemaObjects(file)).map((o) => o.name)).toContain(
        'licence_validity_goods_case_idx__rebuild',
      );
      await store.startRebuild('licence-validity');
      await store.project('licence-validity', all, 'rebuild');
      expect(await store.completeRebuild('licence-validity', readerFromEventStore([]))).toBe(head);
      expect(await h.schemaObjects(file)).toEqual(await h.schemaObjects(fresh.db));
      expect(await h.dumpTables(file)).toEqual(await h.dumpTables(fresh.db));
    });

    it('gives empty live tables back the indexes a first build took, when its swap fails and it is aborted', async () => {
      const { store, db: file } = await h.openStore();
      const schema = await h.schemaObjects(file);
      await store.startRebuild('licence-validity');
      await store.project('licence-validity', all, 'rebuild');
      // A rebuild table lost, as by a fault: the indexes are made, then the swap cannot complete.
      await h.execute(file, 'DROP TABLE licence_validity_suspensions__rebuild');
      // Matched by its message: better-sqlite3 makes its errors with the class of the first test file
      // that loaded it in this process, which is not this file's Error, so toThrow would not see one.
      await expect(store.completeRebuild('licence-validity', readerFromEventStore([]))).rejects.toMatchObject(
        {
          message: expect.stringMatching(/licence_validity_suspensions__rebuild/),
        },
      );
      await store.abortRebuild('licence-validity');
      expect(await h.schemaObjects(file)).toEqual(schema);
    });

    it('answers queries while a rebuild runs and swaps, never from a half-built model', async () => {
      const { store } = await h.openStore();
      await h.projectAll(store, all);
      const today = localDate('2026-07-01');
      const expected = await store.listValidity({}, today, { offset: 0, limit: 10 });
      const expectedHistory = await store.historyOf([A]);
      let reading = true;
      let reads = 0;
      const reader = (async () => {
        while (reading) {
          expect(await store.listValidity({}, today, { offset: 0, limit: 10 })).toEqual(expected);
          expect(await store.historyOf([A])).toEqual(expectedHistory);
          reads++;
          // As requests come: each in a turn of the event loop. On SQLite a read settles within the
          // turn, so a loop of reads alone would never let the rebuild's next turn (and index) come.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      try {
        for (let round = 0; round < 2; round++) {
          for (const name of PROJECTION_NAMES) {
            await store.startRebuild(name);
            await store.project(name, all.slice(0, 5), 'rebuild');
            await store.completeRebuild(name, readerFromEventStore([]));
          }
        }
      } finally {
        reading = false;
        await reader;
      }
      expect(reads).toBeGreaterThan(0);
      expect(await h.checkpoints(store)).toEqual([head, head, head, head]);
    });
  });
  describeRebuildByStream(setup);
}
