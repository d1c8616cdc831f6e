import { statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StorageFaultError } from '@licences/event-store';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the storage-fault seam of the SQLite driver
import { failWritesWhile } from '../../../../event-store/adapters/sqlite/src/testing/storage-fault-injection';
import { AccessLogUnavailableError } from '@licences/licensing-application';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import { ReadModelHarness } from '@licences/licensing-kysely/testing';
import type { SqliteReadModelStore } from './read-models/sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './read-models/testing/sqlite-read-model.setup';
import { SqliteAccessLog } from './sqlite-access-log.adapter';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store.adapter';
import { SqliteWriteProbe } from './sqlite-write-probe.adapter';

describe('the licensing SQLite stores on a full disk', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;
  let trigger: string;
  let restore: () => void;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
    trigger = join(h.dir, 'fault');
    restore = failWritesWhile(trigger);
  });

  afterEach(async () => {
    restore();
    await h.dispose();
  });

  const full = () => writeFileSync(trigger, 'SQLITE_FULL');
  const mend = () => rm(trigger);

  it('keeps a projection checkpoint where it was when a batch cannot be written, and applies the batch later', async () => {
    await h.writeLifecycles();
    const { store, db: file } = await h.openStore();
    const events = await h.events.readAll();
    const [first, rest] = [events.slice(0, 5), events.slice(5)];
    await h.projectAll(store, first);
    const before = await h.checkpoints(store);

    full();
    for (const name of PROJECTION_NAMES) {
      await expect(store.project(name, rest)).rejects.toMatchObject({
        code: 'STORAGE_FULL',
        store: 'read models',
      });
    }
    expect(await h.checkpoints(store)).toEqual(before);

    await mend();
    await h.projectAll(store, events);
    const fresh = await h.projectedFromScratch('fresh.sqlite');
    expect(await h.checkpoints(store)).toEqual(await h.checkpoints(fresh.store));
    expect(await store.findValidity('case-a')).toEqual(await fresh.store.findValidity('case-a'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses an idempotency record as STORAGE_FULL and stores it once mended', async () => {
    const file = join(h.dir, 'events.sqlite');
    const idempotency = SqliteIdempotencyStore.open(file);
    try {
      const scope = { principal: 'alice', key: 'k-1' };
      const record = { requestHash: 'h', response: { id: 'case-x' }, createdAt: '2025-01-01T00:00:00.000Z' };
      full();
      await expect(idempotency.saveIfAbsent(scope, record)).rejects.toBeInstanceOf(StorageFaultError);
      expect(await idempotency.find(scope)).toBeUndefined();
      await mend();
      expect(await idempotency.saveIfAbsent(scope, record)).toEqual(record);
    } finally {
      idempotency.close();
    }
  });

  it('refuses an access record as unavailable, saying the storage is full, and appends it once mended', async () => {
    const log = SqliteAccessLog.open(join(h.dir, 'access-log.sqlite'));
    try {
      const entry = {
        kind: 'access' as const,
        at: '2025-02-03T09:00:00.000Z',
        sub: 'audit-office',
        roles: ['oversight'],
        role: 'oversight',
        method: 'GET',
        route: '/api/licences/:id',
        url: '/api/licences/case-a',
        caseId: 'case-a',
        status: 200,
        correlationId: null,
        detail: null,
      };
      full();
      const refused = log.append(entry);
      await expect(refused).rejects.toBeInstanceOf(AccessLogUnavailableError);
      await expect(refused).rejects.toThrow(/the storage is full/);
      expect(await log.head()).toBeNull();
      await mend();
      expect(await log.append(entry)).toMatchObject({ seq: 1 });
    } finally {
      await log.close();
    }
  });

  it('probes writes: STORAGE_FULL while full, fine once mended, and never creates the file it checks', async () => {
    const missing = new SqliteWriteProbe(join(h.dir, 'nothing-here.sqlite'), 'read models');
    await expect(missing.probeWrites()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(() => statSync(join(h.dir, 'nothing-here.sqlite'))).toThrow();

    const { db: file } = await h.openStore();
    const probe = new SqliteWriteProbe(file, 'read models');
    try {
      await probe.probeWrites();
      full();
      await expect(probe.probeWrites()).rejects.toMatchObject({ code: 'STORAGE_FULL', store: 'read models' });
      await mend();
      await probe.probeWrites();
      // A writer holding the file (the projector at work) is no fault of the storage.
      const writer = new Database(file);
      writer.exec('BEGIN IMMEDIATE');
      try {
        await probe.probeWrites();
      } finally {
        writer.exec('ROLLBACK');
        writer.close();
      }
    } finally {
      probe.close();
    }
  });
});
