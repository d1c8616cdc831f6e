import type { Pool } from 'pg';
import type { AccessLogAnchor, AccessLogAnchorHead } from '@licences/licensing-application';
import { ACCESS_LOG_WRITE_BUDGET_MS, boundedPool, tableExists } from './postgres-audit-pool';
import { AUDIT_MIGRATIONS } from './postgres-access-log.schema';
import { migrateGroup } from './postgres-migrations';

/**
 * The access log's anchor as a one-row table, shared by every replica: it only moves forward along
 * one log (`advance` never moves it back, whichever replica writes late), and is set anew only by
 * `reset`, when a log is started or its loss acknowledged.
 *
 * It lives in the same PostgreSQL database as the log: a weaker separation than SQLite's anchor,
 * which sits in another file beside the events. Someone who can rewrite the database can rewrite
 * both; what it still shows at start-up is a log table dropped, emptied or cut short by a bulk
 * delete, a restore of the log without the anchor, or a database swapped while events exist.
 */
export class PostgresAccessLogAnchor implements AccessLogAnchor {
  private constructor(private readonly pool: Pool) {}

  /**
   * Connects and brings the audit schema up to date, unless `migrate` is false (a reader that must
   * not create anything).
   */
  static async open(options: {
    connectionString: string;
    migrate?: boolean;
  }): Promise<PostgresAccessLogAnchor> {
    const pool = boundedPool(options.connectionString, ACCESS_LOG_WRITE_BUDGET_MS, 2);
    try {
      if (options.migrate ?? true) await migrateGroup(pool, 'audit', AUDIT_MIGRATIONS);
      return new PostgresAccessLogAnchor(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** Null too when the anchor's table is not there (a database the audit never used). */
  async read(): Promise<AccessLogAnchorHead | null> {
    if (!(await tableExists(this.pool, 'access_log_anchor'))) return null;
    const { rows } = await this.pool.query<{ origin: string; seq: string; hash: string }>(
      'SELECT origin, seq, hash FROM access_log_anchor WHERE id = 1',
    );
    const row = rows[0];
    return row ? { origin: row.origin, seq: Number(row.seq), hash: row.hash } : null;
  }

  async advance(head: AccessLogAnchorHead): Promise<void> {
    await this.pool.query(
      'UPDATE access_log_anchor SET seq = $1, hash = $2, anchored_at = $3 WHERE id = 1 AND origin = $4 AND seq < $1',
      [head.seq, head.hash, new Date().toISOString(), head.origin],
    );
  }

  async reset(head: AccessLogAnchorHead): Promise<void> {
    await this.pool.query(
      `INSERT INTO access_log_anchor (id, origin, seq, hash, anchored_at) VALUES (1, $1, $2, $3, $4)
        ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, seq = excluded.seq, hash = excluded.hash,
          anchored_at = excluded.anchored_at`,
      [head.origin, head.seq, head.hash, new Date().toISOString()],
    );
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
