import { createHash } from 'node:crypto';
import type { Client } from 'pg';

/**
 * The advisory-lock key of a name: 64 bits of its SHA-256, as PostgreSQL's signed bigint. A
 * prefix keeps these keys apart from other users of advisory locks in the same database.
 */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(`licences:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * The lease tables' versions, applied in order and recorded in `lease_migrations`; never edit a
 * step that has shipped, add one.
 */
const STEPS: readonly (readonly [version: number, sql: string])[] = [
  [
    1,
    `CREATE TABLE IF NOT EXISTS projection_leases (
       name text PRIMARY KEY,
       fence bigint NOT NULL CHECK (fence > 0),
       holder text NOT NULL,
       acquired_at timestamptz NOT NULL
     )`,
  ],
];

/**
 * Brings the lease tables up to date. Under a transaction-level advisory lock, so that projectors
 * starting together migrate once (concurrent CREATE TABLE IF NOT EXISTS can otherwise fail).
 */
export async function migrateLeaseTables(client: Client): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey('lease_migrations')]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS lease_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = await client.query<{ version: number }>('SELECT version FROM lease_migrations');
    const done = new Set(applied.rows.map((row) => row.version));
    for (const [version, sql] of STEPS) {
      if (done.has(version)) continue;
      await client.query(sql);
      await client.query('INSERT INTO lease_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(
      `The projection lease tables could not be brought up to date: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
}
