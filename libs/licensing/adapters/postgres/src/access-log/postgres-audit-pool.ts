import { Pool } from 'pg';
import type { PoolClient } from 'pg';

/** How long an access waits for a connection, the log's lock or an answer before it is refused. */
export const ACCESS_LOG_WRITE_BUDGET_MS = 2000;

/** A fixed key for the advisory lock that serialises start-up checks across replicas. */
const START_UP_LOCK_KEY = 0x4c4f4731; // 'LOG1'

/** Start-up waits for a peer's start-up, which is short; a stuck peer is reported, not waited on forever. */
const START_UP_LOCK_WAIT_MS = 60_000;

/**
 * A small pool whose every wait is bounded: connecting, and each statement (client-side too, so a
 * server that stops answering mid-query cannot hold a request). A broken idle connection is
 * dropped by the pool rather than crashing the process.
 */
export function boundedPool(connectionString: string, budgetMs: number, max = 4): Pool {
  const pool = new Pool({
    connectionString,
    max,
    connectionTimeoutMillis: budgetMs,
    query_timeout: budgetMs * 2,
    statement_timeout: budgetMs * 2,
    idle_in_transaction_session_timeout: budgetMs * 5,
    application_name: 'licences-audit',
  });
  pool.on('error', () => undefined);
  return pool;
}

/** Whether a table of this name exists in the public schema. */
export async function tableExists(client: Pick<PoolClient, 'query'>, table: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [
    `public.${table}`,
  ]);
  return rows[0]?.found ?? false;
}

/**
 * Runs `work` while holding a session advisory lock that every replica's start-up takes, so that
 * two replicas finding no log at once do not both start one.
 * @throws Error when the lock is not granted within a minute (a peer stuck in its start-up).
 */
export async function withAuditStartUpLock<T>(connectionString: string, work: () => Promise<T>): Promise<T> {
  const pool = boundedPool(connectionString, START_UP_LOCK_WAIT_MS, 1);
  try {
    const client = await pool.connect();
    try {
      await client.query(`SET lock_timeout = ${START_UP_LOCK_WAIT_MS}`);
      await client.query('SET statement_timeout = 0');
      await client.query('SELECT pg_advisory_lock($1)', [START_UP_LOCK_KEY]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [START_UP_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}
