import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { Pool } from 'pg';
import type { IdempotencyRecord, IdempotencyScope, IdempotencyStore } from '@licences/licensing-application';
import { boundedPool } from '../access-log/postgres-audit-pool';
import { migrateGroup } from '../access-log/postgres-migrations';
import { postgresFaultOf } from '../postgres-storage-faults';

const IDEMPOTENCY_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-idempotency-keys': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`CREATE TABLE idempotency_keys (
        principal TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (principal, idempotency_key)
      )`.execute(db);
    },
  },
};

/** A command waits this long for the database before it fails (and is not decided). */
const BUDGET_MS = 5000;

interface Row {
  request_hash: string;
  response: string;
  created_at: string;
}

/**
 * Idempotency records in PostgreSQL, shared by every API replica, keyed by the principal and the
 * key in columns of their own. The first record stored for a key wins: a replica racing another on
 * the same key stores nothing and answers the record that is there.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private constructor(private readonly pool: Pool) {}

  /** Connects and brings its table up to date (safe with replicas opening at once). */
  static async open(options: { connectionString: string }): Promise<PostgresIdempotencyStore> {
    const pool = boundedPool(options.connectionString, BUDGET_MS);
    try {
      await migrateGroup(pool, 'idempotency', IDEMPOTENCY_MIGRATIONS);
      return new PostgresIdempotencyStore(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async find({ principal, key }: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    const rows = await this.query<Row>(
      'SELECT request_hash, response, created_at FROM idempotency_keys WHERE principal = $1 AND idempotency_key = $2',
      [principal, key],
    );
    const row = rows[0];
    return (
      row && {
        requestHash: row.request_hash,
        response: JSON.parse(row.response) as unknown,
        createdAt: row.created_at,
      }
    );
  }

  async saveIfAbsent(scope: IdempotencyScope, record: IdempotencyRecord): Promise<IdempotencyRecord> {
    await this.query(
      `INSERT INTO idempotency_keys (principal, idempotency_key, request_hash, response, created_at)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (principal, idempotency_key) DO NOTHING`,
      [scope.principal, scope.key, record.requestHash, JSON.stringify(record.response), record.createdAt],
    );
    const stored = await this.find(scope);
    if (!stored) throw new Error('The idempotency record just stored cannot be read back');
    return stored;
  }

  /** A failure of the server as a StorageFaultError: answered 503, and safe to retry under the same key. */
  private async query<R extends object>(text: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(text, params)).rows;
    } catch (error) {
      throw postgresFaultOf(error, 'idempotency store') ?? error;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
