import { Pool } from 'pg';
import { createTestDatabase } from '../testing/postgres-test-database';
import type { TestDatabase } from '../testing/postgres-test-database';
import { readModelPoolConfig } from './postgres-read-model.pool';

describe('PostgreSQL read-model pool', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeEach(async () => {
    database = await createTestDatabase();
    pool = new Pool(
      readModelPoolConfig({ connectionString: database.url, applicationName: 'licences-pool-test' }),
    );
  });

  afterEach(async () => {
    try {
      await pool.end();
    } finally {
      await database.drop();
    }
  });

  it('opens sessions that never JIT-compile a query, named for pg_stat_activity', async () => {
    // The server's own default is on: only the pool's session options turn it off.
    expect((await pool.query<{ jit: string }>('SHOW jit')).rows).toEqual([{ jit: 'off' }]);
    expect((await pool.query('SHOW application_name')).rows).toEqual([
      { application_name: 'licences-pool-test' },
    ]);
  });

  it('reads a BIGINT as a number, and refuses one beyond a safe integer instead of rounding it', async () => {
    expect((await pool.query('SELECT 42::bigint AS n')).rows).toEqual([{ n: 42 }]);
    await expect(pool.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(RangeError);
  });
});
