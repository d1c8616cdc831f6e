import type { Pool, PoolClient } from 'pg';
import { AccessLogUnavailableError } from '@licences/licensing-application';
import type {
  AccessLog,
  AccessLogEntry,
  AccessLogFilter,
  AccessRecord,
} from '@licences/licensing-application';
import { ACCESS_LOG_WRITE_BUDGET_MS, boundedPool, tableExists } from './postgres-audit-pool';
import {
  ACCESS_LOG_COLUMNS,
  accessLogWhere,
  sealAsStored,
  toAccessRecord,
  toInsertParameters,
} from '@licences/licensing-kysely';
import type { AccessLogRow } from '@licences/licensing-kysely';
import { ACCESS_LOG_TABLE_DDL, AUDIT_MIGRATIONS } from './postgres-access-log.schema';
import { migrateGroup } from './postgres-migrations';

export interface PostgresAccessLogOptions {
  readonly connectionString: string;
  /** Bound on connecting, waiting for the log's lock and each statement of an append. */
  readonly writeBudgetMs?: number; /** False for a reader that must not create anything (`npm run verify`): the tables are taken as they are. */
  readonly migrate?: boolean;
}

const SELECT_HEAD = `SELECT ${ACCESS_LOG_COLUMNS} FROM access_log ORDER BY seq DESC LIMIT 1`;
const INSERT = `INSERT INTO access_log (${ACCESS_LOG_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;

/**
 * The access log in a PostgreSQL table shared by every API replica, hash-chained like the SQLite
 * log (`sealAccessRecord`, same columns); triggers refuse UPDATE, DELETE and TRUNCATE. An append is
 * one transaction that locks the table against every other writer (SHARE ROW EXCLUSIVE), reads the
 * head and inserts after it, so that records from any number of replicas form one linear chain.
 * Every wait in it is bounded: past the bound the append fails with AccessLogUnavailableError and
 * the access is not answered.
 */
export class PostgresAccessLog implements AccessLog {
  /** The newest seq this process wrote or saw: the log can only grow beyond it. */
  private highestSeq = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly budgetMs: number,
  ) {}

  /**
   * Connects and brings the audit schema up to date (safe with replicas opening at once). The
   * table may still be missing afterwards, if it was dropped: see `exists` and `createIfMissing`.
   */
  static async open(options: PostgresAccessLogOptions): Promise<PostgresAccessLog> {
    const budgetMs = options.writeBudgetMs ?? ACCESS_LOG_WRITE_BUDGET_MS;
    const pool = boundedPool(options.connectionString, budgetMs);
    try {
      if (options.migrate ?? true) await migrateGroup(pool, 'audit', AUDIT_MIGRATIONS);
      const log = new PostgresAccessLog(pool, budgetMs);
      if (await log.exists()) log.highestSeq = (await log.head())?.seq ?? 0;
      return log;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** Whether the log table is there (it is unless someone dropped or moved it). */
  exists(): Promise<boolean> {
    return this.read(async () => {
      const client = await this.pool.connect();
      try {
        return await tableExists(client, 'access_log');
      } finally {
        client.release();
      }
    });
  }

  /** Creates the log table when it is not there (a lost log about to be started anew). */
  async createIfMissing(): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['licences.access_log.create']);
      if (!(await tableExists(client, 'access_log'))) await client.query(ACCESS_LOG_TABLE_DDL);
    });
  }

  /**
   * Moves the log table aside, whole and unchanged, into a schema of its own named after `stamp`,
   * and creates an empty log in its place: only for a new log whose loss an operator acknowledged.
   * @returns the name the old table is kept under, or null when there was none.
   */
  async replaceWithEmptyLog(stamp: string): Promise<string | null> {
    const schema = `access_log_replaced_${stamp.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
    const kept = await this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['licences.access_log.create']);
      let moved: string | null = null;
      if (await tableExists(client, 'access_log')) {
        await client.query('LOCK TABLE access_log IN ACCESS EXCLUSIVE MODE');
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.query(`ALTER TABLE public.access_log SET SCHEMA ${schema}`);
        moved = `${schema}.access_log`;
      }
      await client.query(ACCESS_LOG_TABLE_DDL);
      return moved;
    });
    this.highestSeq = 0;
    return kept;
  }

  async append(entry: AccessLogEntry): Promise<AccessRecord> {
    let record: AccessRecord;
    try {
      record = await this.inTransaction(async (client) => {
        await client.query(`SET LOCAL lock_timeout = ${this.budgetMs}`);
        // Self-conflicting, and conflicting with any plain INSERT: one writer at a time, from anywhere.
        await client.query('LOCK TABLE access_log IN SHARE ROW EXCLUSIVE MODE');
        const { rows } = await client.query<AccessLogRow>(SELECT_HEAD);
        const head = rows[0] ? toAccessRecord(rows[0]) : undefined;
        if ((head?.seq ?? 0) < this.highestSeq) {
          throw new AccessLogUnavailableError(
            `the access log ends at record ${head?.seq ?? 0}, but record ${this.highestSeq} was written before: its newest records were removed`,
          );
        }
        const sealed = sealAsStored(head, entry);
        await client.query(INSERT, toInsertParameters(sealed));
        return sealed;
      });
    } catch (error) {
      if (error instanceof AccessLogUnavailableError) throw error;
      throw new AccessLogUnavailableError(
        `the access log could not be written within ${this.budgetMs} ms (${describe(error)})`,
        { cause: error },
      );
    }
    this.highestSeq = Math.max(this.highestSeq, record.seq);
    return record;
  }

  async head(): Promise<AccessRecord | null> {
    const rows = await this.query<AccessLogRow>(SELECT_HEAD);
    const head = rows[0] ? toAccessRecord(rows[0]) : null;
    if (head) this.highestSeq = Math.max(this.highestSeq, head.seq);
    return head;
  }

  async readAfter(afterSeq: number, maxCount: number): Promise<AccessRecord[]> {
    const rows = await this.query<AccessLogRow>(
      `SELECT ${ACCESS_LOG_COLUMNS} FROM access_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, maxCount],
    );
    return rows.map(toAccessRecord);
  }

  async seqsWithHash(hash: string): Promise<number[]> {
    const rows = await this.query<{ seq: string }>(
      'SELECT seq FROM access_log WHERE hash = $1 ORDER BY seq',
      [hash],
    );
    return rows.map((row) => Number(row.seq));
  }

  async list(
    filter: AccessLogFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: AccessRecord[]; total: number }> {
    const { where, params } = accessLogWhere(filter, (i) => `$${i}`);
    const [counted, rows] = await Promise.all([
      this.query<{ n: string }>(`SELECT COUNT(*) AS n FROM access_log ${where}`, params),
      this.query<AccessLogRow>(
        `SELECT ${ACCESS_LOG_COLUMNS} FROM access_log ${where} ORDER BY seq DESC
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, page.offset],
      ),
    ]);
    return { items: rows.map(toAccessRecord), total: Number(counted[0]?.n ?? 0) };
  }

  /**
   * Whether an append could be written now: the server answers within the bound, is not a
   * read-only standby, and the log table is there and open to inserts.
   * @throws AccessLogUnavailableError saying which is not so.
   */
  async probe(): Promise<void> {
    const rows = await this.query<{ standby: boolean; present: boolean }>(
      `SELECT pg_is_in_recovery() AS standby, to_regclass('public.access_log') IS NOT NULL AS present`,
    );
    const [state] = rows;
    if (!state?.present) throw new AccessLogUnavailableError('the access log table is missing');
    if (state.standby) throw new AccessLogUnavailableError('the access log database is a read-only standby');
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async query<R extends object>(text: string, params: unknown[] = []): Promise<R[]> {
    return this.read(async () => (await this.pool.query<R>(text, params)).rows);
  }

  /** Reads fail as AccessLogUnavailableError too: an oversight answer must not pretend to be whole. */
  private async read<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new AccessLogUnavailableError(`the access log could not be read (${describe(error)})`, {
        cause: error,
      });
    }
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      // A connection whose rollback failed is not handed to the next request.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
