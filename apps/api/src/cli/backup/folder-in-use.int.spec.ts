import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { whyFolderInUse } from './folder-in-use';
import { snapshotDatabase } from './sqlite-snapshot';

describe('a data folder in use, and a snapshot of a database being written', () => {
  let folder: string;
  let open: Database.Database | undefined;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'licences-in-use-'));
    const db = new Database(join(folder, 'licences.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x INTEGER)');
    db.exec('INSERT INTO t VALUES (1)');
    open = db;
  });
  afterEach(() => {
    open?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is in use while another connection holds a database open, idle or not, and free once it is closed', () => {
    expect(whyFolderInUse(folder)).toBe(
      `${join(folder, 'licences.sqlite')} is open in another process (an API, a projector or a CLI)`,
    );
    open?.close();
    open = undefined;
    expect(whyFolderInUse(folder)).toBeUndefined();
  });

  it('is not in use, rather than failing, when a database is damaged beyond opening', () => {
    open?.close();
    open = undefined;
    writeFileSync(
      join(folder, 'licences.sqlite'),
      'not a database at all, just text that is long enough'.repeat(200),
    );
    expect(whyFolderInUse(folder)).toBeUndefined();
  });

  it('copies what is committed, not a transaction still open, into an owner-only file', async () => {
    open!.exec('BEGIN IMMEDIATE');
    open!.exec('INSERT INTO t VALUES (2)');
    const copy = join(folder, 'copy.sqlite');
    await snapshotDatabase(join(folder, 'licences.sqlite'), copy);
    open!.exec('COMMIT');
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    const db = new Database(copy, { readonly: true });
    try {
      expect(db.prepare('SELECT x FROM t').pluck().all()).toEqual([1]);
    } finally {
      db.close();
    }
  });
});
