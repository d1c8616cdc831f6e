import {
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkStores } from './store-integrity';
import { isSealed, SEAL_FILE, sealStores } from './store-seal';

const AT = new Date('2026-12-02T04:00:00.000Z');

/** A store file in WAL mode with enough rows for a page in the middle, closed cleanly. */
function writeStore(path: string, rows = 400): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
  db.transaction(() => {
    for (let n = 0; n < rows; n += 1) insert.run(`note ${n} `.repeat(30));
  })();
  db.close();
}

describe('the seal of the stores at a clean exit', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licences-seal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('trusts a file that nothing changed since its seal, and the start only reads its header and schema', async () => {
    writeStore(join(dir, 'licences.sqlite'));
    expect(sealStores(dir, ['licences.sqlite', 'read-models.sqlite'], AT)).toEqual(['licences.sqlite']);

    expect(isSealed(dir, 'licences.sqlite')?.sealedAt).toBe(AT.toISOString());
    expect(await checkStores(dir)).toEqual([
      expect.objectContaining({ file: 'licences.sqlite', depth: 'sealed', sealedAt: AT.toISOString() }),
    ]);
    // Reading it at start changed nothing: the next start trusts it as well.
    expect(isSealed(dir, 'licences.sqlite')).toBeDefined();
  });

  it('checks in full a file whose middle was overwritten in place after the seal (same size)', async () => {
    const path = join(dir, 'licences.sqlite');
    writeStore(path);
    sealStores(dir, ['licences.sqlite'], AT);
    const size = statSync(path).size;

    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
    } finally {
      closeSync(fd);
    }

    expect(statSync(path).size).toBe(size);
    expect(isSealed(dir, 'licences.sqlite')).toBeUndefined();
    expect(await checkStores(dir)).toEqual([
      expect.objectContaining({ file: 'licences.sqlite', depth: 'full' }),
    ]);
  });

  it('trusts no file written since, however small the write', () => {
    const path = join(dir, 'licences.sqlite');
    writeStore(path);
    sealStores(dir, ['licences.sqlite'], AT);
    writeStore(path, 1);
    expect(isSealed(dir, 'licences.sqlite')).toBeUndefined();
  });

  it('trusts no copy put in its place (a restore by hand), even of the same bytes', () => {
    const path = join(dir, 'licences.sqlite');
    writeStore(path);
    sealStores(dir, ['licences.sqlite'], AT);
    copyFileSync(path, join(dir, 'copy.sqlite'));
    renameSync(join(dir, 'copy.sqlite'), path);
    expect(isSealed(dir, 'licences.sqlite')).toBeUndefined();
  });

  it('neither seals nor trusts a file with frames in its write-ahead log, as a crash or a writer leaves it', () => {
    const path = join(dir, 'licences.sqlite');
    writeStore(path);
    sealStores(dir, ['licences.sqlite'], AT);
    const writer = new Database(path);
    try {
      writer.prepare('INSERT INTO notes (text) VALUES (?)').run('written after the seal');
      // The main file is untouched so far: the frame waits in the log.
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      expect(isSealed(dir, 'licences.sqlite')).toBeUndefined();
      expect(sealStores(dir, ['licences.sqlite'], AT)).toEqual([]);
    } finally {
      writer.close();
    }
    // The seal taken while frames waited is gone, not left to vouch for the file.
    expect(isSealed(dir, 'licences.sqlite')).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, SEAL_FILE), 'utf8'))).toEqual({ version: 1, files: {} });
  });

  it('trusts a file that a reader holds open (its log empty), until a write', () => {
    const path = join(dir, 'licences.sqlite');
    writeStore(path);
    sealStores(dir, ['licences.sqlite'], AT);
    const reader = new Database(path);
    try {
      reader.prepare('SELECT count(*) FROM notes').get();
      expect(isSealed(dir, 'licences.sqlite')).toBeDefined();
      reader.prepare('INSERT INTO notes (text) VALUES (?)').run('now a writer');
      expect(isSealed(dir, 'licences.sqlite')).toBeUndefined();
    } finally {
      reader.close();
    }
    expect(isSealed(dir, 'licences.sqlite')).toBeUndefined();
  });

  it('takes a seal that cannot be read for no seal', async () => {
    writeStore(join(dir, 'licences.sqlite'));
    sealStores(dir, ['licences.sqlite'], AT);
    writeFileSync(join(dir, SEAL_FILE), '{"version": 1, "files": ');
    expect(isSealed(dir, 'licences.sqlite')).toBeUndefined();
    expect((await checkStores(dir))[0]?.depth).toBe('full');
  });
});

describe('the start while files are checked in full', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licences-seal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the gate for the files checked in full only, and closes it once their check ended', async () => {
    writeStore(join(dir, 'licences.sqlite'));
    writeStore(join(dir, 'read-models.sqlite'));
    sealStores(dir, ['read-models.sqlite'], AT);
    const steps: string[] = [];

    const checks = await checkStores(dir, (files) => {
      steps.push(`opened for ${files.join(', ')}`);
      return Promise.resolve(() => {
        steps.push('closed');
        return Promise.resolve();
      });
    });

    expect(steps).toEqual(['opened for licences.sqlite', 'closed']);
    expect(checks.map(({ file, depth }) => `${file} ${depth}`)).toEqual([
      'licences.sqlite full',
      'read-models.sqlite sealed',
    ]);
  });

  it('opens no gate when every file is sealed', async () => {
    writeStore(join(dir, 'licences.sqlite'));
    sealStores(dir, ['licences.sqlite'], AT);
    const opened = jest.fn(() => Promise.resolve(() => Promise.resolve()));
    await checkStores(dir, opened);
    expect(opened).not.toHaveBeenCalled();
  });

  it('closes the gate when the check finds damage too, and reports the finding', async () => {
    const path = join(dir, 'licences.sqlite');
    writeStore(path);
    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    } finally {
      closeSync(fd);
    }
    const closed = jest.fn(() => Promise.resolve());
    const [check] = await checkStores(dir, () => Promise.resolve(closed));
    expect(closed).toHaveBeenCalledTimes(1);
    expect(check?.finding).toMatch(/not a database/);
  });
});
