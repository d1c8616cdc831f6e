import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL server the tests use: the machine's own, on loopback with trust auth, unless
 * LICENCES_TEST_POSTGRES_URL names another (a URL of its maintenance database, e.g. `postgres`).
 */
export const TEST_POSTGRES_SERVER_URL =
  process.env['LICENCES_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Every test database's name starts with this, so that one left by a killed run can be told apart. */
export const TEST_DATABASE_PREFIX = 'licences_test_';

export interface TestDatabase {
  readonly name: string;
  /** Connection string of the new, empty database. */
  readonly url: string;
  /** Drops the database, ending whatever connections are still open to it. */
  drop(): Promise<void>;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on a connection of its own to `url`, ended whatever happens. */
export async function withConnection<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `statements` one after another on a connection of their own; the rows of each. */
export function runStatements(url: string, statements: readonly string[]): Promise<unknown[][]> {
  return withConnection(url, async (client) => {
    const results: unknown[][] = [];
    for (const statement of statements) results.push((await client.query(statement)).rows);
    return results;
  });
}

/**
 * Creates an empty database of its own for one test file (or one run), so that tests running in
 * parallel never see each other's tables. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(
  serverUrl: string = TEST_POSTGRES_SERVER_URL,
): Promise<TestDatabase> {
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await withConnection(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    throw new Error(
      `The tests need a PostgreSQL server at ${new URL(serverUrl).host} (set LICENCES_TEST_POSTGRES_URL ` +
        `to use another): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let dropped = false;
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withConnection(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}
