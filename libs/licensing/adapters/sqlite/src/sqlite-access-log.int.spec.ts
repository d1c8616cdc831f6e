import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AccessLogUnavailableError, verifyAccessLog } from '@licences/licensing-application';
import type { AccessLogEntry } from '@licences/licensing-application';
import { SqliteAccessLogAnchor } from './sqlite-access-log-anchor.adapter';
import { SqliteAccessLog } from './sqlite-access-log.adapter';

function access(n: number, sub = 'audit-office'): AccessLogEntry {
  return {
    kind: 'access',
    at: `2025-02-03T09:00:${String(n).padStart(2, '0')}.000Z`,
    sub,
    roles: ['oversight', 'intake'],
    role: 'oversight',
    method: 'GET',
    route: '/api/licences/:id',
    url: `/api/licences/case-${n}?asOf=2025-01-01T00:00:00Z`,
    caseId: `case-${n}`,
    status: 200,
    correlationId: n % 2 ? `corr-${n}` : null,
    detail: null,
  };
}

/** Holds the write lock of `file` from another connection, as another process would. */
function holdLock(file: string): { release: () => void } {
  const other = new Database(file);
  other.exec('BEGIN EXCLUSIVE');
  return {
    release: () => {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

describe('the SQLite access log', () => {
  let dir: string;
  let file: string;
  const opened: { close(): Promise<void> }[] = [];
  const open = (options = {}) => {
    const log = SqliteAccessLog.open(file, options);
    opened.push(log);
    return log;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licences-access-log-'));
    file = join(dir, 'access-log.sqlite');
  });

  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((log) => log.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('chains every record, lists them newest first, and refuses updates and deletes', async () => {
    const log = open();
    const first = await log.append(access(1));
    const second = await log.append(access(2, 'stats-job'));
    await log.append(access(3));

    expect(first).toMatchObject({ seq: 1, prevHash: '0'.repeat(64), ...access(1) });
    expect(second.prevHash).toBe(first.hash);
    expect(await verifyAccessLog(log, null)).toMatchObject({ intact: true, recordsChecked: 3 });
    expect(await log.readAfter(0, 10)).toEqual([first, second, expect.objectContaining({ seq: 3 })]);
    const listed = await log.list({ sub: 'audit-office' }, { offset: 0, limit: 10 });
    expect(listed.total).toBe(2);
    expect(listed.items.map((r) => r.seq)).toEqual([3, 1]);
    const db = new Database(file);
    try {
      expect(() => db.prepare("UPDATE access_log SET sub = 'someone-else'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('keeps one linear chain when two connections append in turn', async () => {
    const a = open();
    const b = open();
    for (let n = 1; n <= 6; n += 1) await (n % 2 ? a : b).append(access(n));

    const records = await a.readAfter(0, 10);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyAccessLog(a, null)).toMatchObject({ intact: true, recordsChecked: 6 });
  });

  it('fails an append within its bound while another connection holds the lock, never holding the event loop', async () => {
    const log = open({ lockBudgetMs: 300 });
    await log.append(access(1));
    const lock = holdLock(file);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    try {
      const started = Date.now();
      await expect(log.append(access(2))).rejects.toThrow(AccessLogUnavailableError);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(200);
      expect(took).toBeLessThan(5000);
      // Timers kept firing while the append waited: it waited asynchronously.
      expect(ticks).toBeGreaterThanOrEqual(5);
    } finally {
      clearInterval(ticker);
      lock.release();
    }
    expect(await log.append(access(3))).toMatchObject({ seq: 2 });
  });

  it('writes once a lock held for a moment is released', async () => {
    const log = open({ lockBudgetMs: 5000 });
    const lock = holdLock(file);
    const appended = log.append(access(1));
    setTimeout(() => lock.release(), 100);

    expect(await appended).toMatchObject({ seq: 1 });
  });

  it('refuses to append once its file was removed or replaced, or its newest records removed', async () => {
    const log = open();
    await log.append(access(1));
    await log.append(access(2));
    const db = new Database(file);
    db.exec('DROP TRIGGER access_log_no_delete');
    db.prepare('DELETE FROM access_log WHERE seq = 2').run();
    db.close();
    await expect(log.append(access(3))).rejects.toThrow(
      'the access log ends at record 1, but record 2 was written before: its newest records were removed',
    );

    renameSync(file, join(dir, 'moved.sqlite'));
    await expect(log.append(access(4))).rejects.toThrow(`the access log ${file} was removed while in use`);
    writeFileSync(file, '');
    await expect(log.append(access(4))).rejects.toThrow(`the access log ${file} was replaced while in use`);
  });

  it('will not create a log that must exist', () => {
    expect(() => SqliteAccessLog.open(file, { mustExist: true })).toThrow();
  });

  it('seals the records of a first-version file in the order they were written', async () => {
    const old = new Database(file);
    old.exec(`CREATE TABLE access_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, sub TEXT NOT NULL,
      role TEXT NOT NULL, method TEXT NOT NULL, route TEXT NOT NULL, url TEXT NOT NULL, case_id TEXT,
      status INTEGER NOT NULL);
      CREATE INDEX access_log_case ON access_log (case_id);
      CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;`);
    const insert = old.prepare(
      "INSERT INTO access_log (at, sub, role, method, route, url, case_id, status) VALUES (?, ?, ?, 'GET', '/api/licences', ?, NULL, 200)",
    );
    old.transaction(() => {
      for (let n = 1; n <= 1205; n += 1) {
        insert.run('2024-12-01T10:00:00.000Z', `user-${n}`, 'reporting', `/api/licences?n=${n}`);
      }
    })();
    old.close();

    const log = open();
    const records = await log.readAfter(0, 2000);

    expect(records).toHaveLength(1205);
    expect(records[1204]).toMatchObject({
      seq: 1205,
      sub: 'user-1205',
      roles: ['reporting'],
      role: 'reporting',
    });
    expect(await verifyAccessLog(log, null)).toMatchObject({ intact: true, recordsChecked: 1205 });
    expect(await log.append(access(1))).toMatchObject({ seq: 1206, prevHash: records[1204]!.hash });
  });
});

describe('the SQLite access log anchor', () => {
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'licences-anchor-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('moves only forward along one log, and is replaced only by a reset', async () => {
    const file = join(dir, 'licences.sqlite');
    new Database(file).close();
    expect(await withAnchor(file, { readonly: true }, (anchor) => anchor.read())).toBeNull();

    const first = { origin: 'a'.repeat(64), seq: 3, hash: 'b'.repeat(64) };
    const read = await withAnchor(file, {}, async (anchor) => {
      expect(await anchor.read()).toBeNull();
      await anchor.reset(first);
      await anchor.advance({ ...first, seq: 5, hash: 'c'.repeat(64) });
      await anchor.advance({ ...first, seq: 4, hash: 'd'.repeat(64) });
      await anchor.advance({ origin: 'e'.repeat(64), seq: 9, hash: 'f'.repeat(64) });
      return anchor.read();
    });
    expect(read).toEqual({ ...first, seq: 5, hash: 'c'.repeat(64) });

    const again = await withAnchor(file, {}, async (anchor) => {
      await anchor.reset({ origin: 'e'.repeat(64), seq: 1, hash: 'e'.repeat(64) });
      return anchor.read();
    });
    expect(again).toEqual({ origin: 'e'.repeat(64), seq: 1, hash: 'e'.repeat(64) });
  });
});

async function withAnchor<T>(
  file: string,
  options: { readonly?: boolean },
  use: (anchor: SqliteAccessLogAnchor) => Promise<T>,
): Promise<T> {
  const anchor = SqliteAccessLogAnchor.open(file, options);
  try {
    return await use(anchor);
  } finally {
    await anchor.close();
  }
}
