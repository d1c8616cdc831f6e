import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderWriteRefusal, StorageFaultError, storageFaultKindOf, storageFaultOf } from './storage-fault';

const driverError = (code: string) => Object.assign(new Error(`driver says ${code}`), { code });

describe('storage faults', () => {
  it.each([
    ['SQLITE_FULL', 'full'],
    ['ENOSPC', 'full'],
    ['EDQUOT', 'full'],
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    ['EROFS', 'read-only'],
    ['SQLITE_CORRUPT', 'corrupted'],
    ['SQLITE_CORRUPT_INDEX', 'corrupted'],
    ['SQLITE_NOTADB', 'corrupted'],
    ['SQLITE_IOERR_WRITE', 'unavailable'],
    ['SQLITE_CANTOPEN', 'unavailable'],
    ['EIO', 'unavailable'],
  ])('reads %s as %s', (code, kind) => {
    expect(storageFaultKindOf(code)).toBe(kind);
  });

  it.each(['SQLITE_BUSY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'ENOENT'])(
    'leaves %s alone: a lock, a constraint or a bug is no storage fault',
    (code) => {
      expect(storageFaultKindOf(code)).toBeUndefined();
      expect(storageFaultOf(driverError(code), 'event store')).toBeUndefined();
    },
  );

  it('names the store and keeps the driver error as the cause', () => {
    const cause = driverError('SQLITE_FULL');
    const fault = storageFaultOf(cause, 'read models');
    expect(fault).toBeInstanceOf(StorageFaultError);
    expect(fault).toMatchObject({ kind: 'full', code: 'STORAGE_FULL', store: 'read models', cause });
    expect(fault?.message).toContain('read models: the storage is full (SQLITE_FULL');
  });

  it('keeps an I/O error as such when the folder still takes writes, and leaves no probe file behind', () => {
    const folder = mkdtempSync(join(tmpdir(), 'licences-storage-fault-'));
    try {
      expect(folderWriteRefusal(folder)).toBeUndefined();
      expect(storageFaultOf(driverError('SQLITE_IOERR_WRITE'), 'access log', folder)?.kind).toBe(
        'unavailable',
      );
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads an I/O error as the refusal of the folder when it refuses writes', () => {
    const missing = join(tmpdir(), 'licences-no-such-folder', 'x');
    expect(folderWriteRefusal(missing)).toBe('ENOENT');
    // ENOENT is no storage fault of its own: the I/O error stays "unavailable".
    expect(storageFaultOf(driverError('SQLITE_IOERR_FSYNC'), 'event store', missing)?.kind).toBe(
      'unavailable',
    );
  });
});
