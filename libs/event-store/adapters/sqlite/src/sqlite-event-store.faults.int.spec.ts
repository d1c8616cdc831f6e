import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageFaultError } from '@licences/event-store';
import type { NewEvent } from '@licences/event-store';
import { SqliteEventStore } from './sqlite-event-store.adapter';
import { corruptMiddlePage } from './testing/corrupt-page';
import { failWritesWhile } from './testing/storage-fault-injection';

function event(n: number): NewEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'Noted',
    schemaVersion: 1,
    data: { n, text: 'x'.repeat(400) },
    metadata: {
      occurredAt: '2025-01-01T00:00:00.000Z',
      actor: { sub: 'tester', role: 'intake' },
      correlationId: `c-${n}`,
      causationId: `c-${n}`,
    },
  };
}

describe('the SQLite event store on failing storage', () => {
  let dir: string;
  let file: string;
  let trigger: string;
  let restore: () => void;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licences-store-faults-'));
    file = join(dir, 'licences.sqlite');
    trigger = join(dir, 'fault');
    restore = failWritesWhile(trigger);
  });
  afterEach(() => {
    restore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its file, WAL and shared memory readable by their owner only', async () => {
    const store = SqliteEventStore.open({ file });
    try {
      await store.append('s-1', [event(1)], 'no-stream');
      for (const suffix of ['', '-wal', '-shm']) {
        expect({ suffix, mode: statSync(file + suffix).mode & 0o777 }).toEqual({ suffix, mode: 0o600 });
      }
    } finally {
      await store.close();
    }
  });

  it.each([
    ['SQLITE_FULL', 'full', 'STORAGE_FULL'],
    ['SQLITE_READONLY', 'read-only', 'STORAGE_READ_ONLY'],
  ])(
    'refuses an append with %s as a %s StorageFaultError, storing nothing of the batch, and takes it once mended',
    async (code, kind, stableCode) => {
      const store = SqliteEventStore.open({ file });
      try {
        await store.append('s-1', [event(1)], 'no-stream');
        writeFileSync(trigger, code);
        const failed = store.append('s-2', [event(2), event(3)], 'no-stream');
        await expect(failed).rejects.toThrow(StorageFaultError);
        await expect(failed).rejects.toMatchObject({ kind, code: stableCode, store: 'event store' });
        expect((await store.readAll()).map((e) => e.streamId)).toEqual(['s-1']);

        rmSync(trigger);
        expect(await store.append('s-2', [event(2), event(3)], 'no-stream')).toEqual({
          nextRevision: 1,
          position: 3,
        });
      } finally {
        await store.close();
      }
    },
  );

  it('answers reads of a damaged file with a corrupted StorageFaultError', async () => {
    const writer = SqliteEventStore.open({ file });
    for (let n = 1; n <= 300; n += 1) await writer.append(`s-${n}`, [event(n)], 'no-stream');
    await writer.close();
    corruptMiddlePage(file);

    const store = SqliteEventStore.open({ file });
    try {
      await expect(store.readAll()).rejects.toMatchObject({
        kind: 'corrupted',
        code: 'STORAGE_CORRUPTED',
      });
    } finally {
      await store.close();
    }
  });
});
