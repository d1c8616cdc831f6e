import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeFences, describeProjection, ReadModelHarness } from '@licences/licensing-kysely/testing';
import { PROJECTION_NAMES, ProjectionFencedOffError } from '@licences/licensing-read-models';
import { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeProjection(SQLITE_READ_MODELS);
describeFences(SQLITE_READ_MODELS);

/** Upgrades of an SQLite file in place; PostgreSQL has versioned migrations instead. */
describe('SqliteReadModelStore on a file from before the fences', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  it('adds the fence column at 0, keeping every checkpoint and row, and fences from then on', async () => {
    await h.writeLifecycles();
    const all = await h.events.readAll();
    const { store, db } = await h.openStore();
    await h.projectAll(store, all.slice(0, 6));
    await store.close();
    await h.execute(db, 'ALTER TABLE projection_checkpoints DROP COLUMN fence');
    const before = await h.dumpTables(db);

    const reopened = (await h.openStore()).store;
    expect(await h.dumpTables(db)).toEqual(before);
    for (const name of PROJECTION_NAMES) {
      expect(await reopened.checkpoint(name)).toBe(all[5]!.position);
      expect(await reopened.fenceOf(name)).toBe(0);
    }
    expect(await reopened.claimFence('statistics', 2)).toBe(true);
    await expect(reopened.project('statistics', all, 'live', 1)).rejects.toThrow(ProjectionFencedOffError);
    expect(await reopened.project('statistics', all, 'live', 2)).toBe(all.at(-1)!.position);
  });
});

/**
 * Holds the write lock of the file in argv[2] for argv[3] ms: BEGIN IMMEDIATE, a table as its mark,
 * "locked" on stdout, then COMMIT after the wait. A process upgrading the file on open does the same.
 */
const LOCK_HOLDER = `
  const Database = require(process.argv[1]);
  const db = new Database(process.argv[2]);
  db.exec('BEGIN IMMEDIATE; CREATE TABLE lock_holder_mark (x)');
  process.stdout.write('locked\\n');
  setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[3]));
`;

/** Longer than the 5 s SQLite itself waits for a lock, so that only waiting on past it opens the file. */
const HOLD_MS = 6500;

describe('SqliteReadModelStore opened while another process holds the write lock', () => {
  it('waits for the lock (another process upgrading the file on open) instead of failing to start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'read-models-lock-'));
    const file = join(dir, 'read-models.sqlite');
    await (await SqliteReadModelStore.open(file)).close();
    const holder = spawn(
      process.execPath,
      ['-e', LOCK_HOLDER, require.resolve('better-sqlite3'), file, String(HOLD_MS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      holder.stdout.setEncoding('utf8');
      const [first] = (await once(holder.stdout, 'data')) as [string];
      expect(first).toBe('locked\n');

      const store = await SqliteReadModelStore.open(file);
      await store.close();
      // It opened after the holder committed: the holder's mark is in the file.
      const reader = new Database(file, { readonly: true });
      try {
        expect(
          reader.prepare("SELECT name FROM sqlite_master WHERE name = 'lock_holder_mark'").all(),
        ).toEqual([{ name: 'lock_holder_mark' }]);
      } finally {
        reader.close();
      }
    } finally {
      holder.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
