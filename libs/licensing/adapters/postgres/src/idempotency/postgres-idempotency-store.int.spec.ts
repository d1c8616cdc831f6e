import { StorageFaultError } from '@licences/event-store';
import { createTestDatabase } from '../testing/postgres-test-database';
import type { TestDatabase } from '../testing/postgres-test-database';
import { PostgresIdempotencyStore } from './postgres-idempotency-store.adapter';

jest.setTimeout(60_000);

describe('PostgresIdempotencyStore (real PostgreSQL)', () => {
  let database: TestDatabase;
  let stores: PostgresIdempotencyStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    stores = await Promise.all([
      PostgresIdempotencyStore.open({ connectionString: database.url }),
      PostgresIdempotencyStore.open({ connectionString: database.url }),
    ]);
  });

  afterAll(async () => {
    for (const store of stores) await store.close();
    await database.drop();
  });

  const record = (n: number) => ({
    requestHash: `hash-${n}`,
    response: { status: 201, body: { id: `case-${n}`, note: 'ünïcode' } },
    createdAt: `2024-11-28T10:00:0${n}.000Z`,
  });

  it('finds nothing, then the record saved, and keeps the first one saved', async () => {
    const [store] = stores as [PostgresIdempotencyStore];
    const scope = { principal: 'alice', key: 'k-1' };
    expect(await store.find(scope)).toBeUndefined();
    expect(await store.saveIfAbsent(scope, record(1))).toEqual(record(1));
    expect(await store.saveIfAbsent(scope, record(2))).toEqual(record(1));
    expect(await store.find(scope)).toEqual(record(1));
  });

  it('answers two replicas racing on one key with the same first record', async () => {
    const [first, second] = stores as [PostgresIdempotencyStore, PostgresIdempotencyStore];
    for (let round = 0; round < 20; round += 1) {
      const scope = { principal: 'bob', key: `race-${round}` };
      const [a, b] = await Promise.all([
        first.saveIfAbsent(scope, record(1)),
        second.saveIfAbsent(scope, record(2)),
      ]);
      expect(a).toEqual(b);
      expect(await first.find(scope)).toEqual(a);
    }
  });

  it('fails as a StorageFaultError (503 STORAGE_UNAVAILABLE) when its database goes away', async () => {
    const doomed = await createTestDatabase();
    const lost = await PostgresIdempotencyStore.open({ connectionString: doomed.url });
    try {
      await lost.saveIfAbsent({ principal: 'alice', key: 'k-1' }, record(1));
      // Ends the store's connections and removes the database under it.
      await doomed.drop();
      const failure = lost.find({ principal: 'alice', key: 'k-1' });
      await expect(failure).rejects.toBeInstanceOf(StorageFaultError);
      await expect(failure).rejects.toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
        store: 'idempotency store',
      });
    } finally {
      await lost.close();
      await doomed.drop();
    }
  });

  it('keeps principal and key apart', async () => {
    const [store] = stores as [PostgresIdempotencyStore];
    await store.saveIfAbsent({ principal: 'x/y', key: 'k' }, record(3));
    expect(await store.find({ principal: 'x', key: 'y/k' })).toBeUndefined();
    expect(await store.saveIfAbsent({ principal: 'x', key: 'y/k' }, record(4))).toEqual(record(4));
    expect(await store.find({ principal: 'x/y', key: 'k' })).toEqual(record(3));
  });
});
