import { createTestDatabase } from '../testing/postgres-test-database';
import type { TestDatabase } from '../testing/postgres-test-database';
import { PostgresAccessLogAnchor } from './postgres-access-log-anchor.adapter';

jest.setTimeout(60_000);

describe('PostgresAccessLogAnchor (real PostgreSQL)', () => {
  let database: TestDatabase;
  let anchors: PostgresAccessLogAnchor[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const anchor of anchors) await anchor.close();
    await database.drop();
  });

  it('moves only forward along one log, and is set anew only by reset', async () => {
    // Two replicas opening at once migrate the schema once.
    anchors = await Promise.all([
      PostgresAccessLogAnchor.open({ connectionString: database.url }),
      PostgresAccessLogAnchor.open({ connectionString: database.url }),
    ]);
    const [first, second] = anchors as [PostgresAccessLogAnchor, PostgresAccessLogAnchor];
    expect(await first.read()).toBeNull();
    await first.advance({ origin: 'o1', seq: 3, hash: 'h3' });
    expect(await first.read()).toBeNull();

    await first.reset({ origin: 'o1', seq: 1, hash: 'h1' });
    await second.advance({ origin: 'o1', seq: 5, hash: 'h5' });
    await first.advance({ origin: 'o1', seq: 4, hash: 'h4' });
    await first.advance({ origin: 'o2', seq: 9, hash: 'x9' });
    expect(await second.read()).toEqual({ origin: 'o1', seq: 5, hash: 'h5' });

    await second.reset({ origin: 'o2', seq: 1, hash: 'o2' });
    expect(await first.read()).toEqual({ origin: 'o2', seq: 1, hash: 'o2' });
  });
});
