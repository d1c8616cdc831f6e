import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The log table with its indexes and the triggers that make it append-only (the trigger function
 * comes with the first migration). Also used to create a new log after an acknowledged loss, once
 * the old table was moved aside: keep it in step with the migrations below.
 */
export const ACCESS_LOG_TABLE_DDL = `
    CREATE TABLE public.access_log (
      seq BIGINT PRIMARY KEY CHECK (seq > 0),
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      kind TEXT NOT NULL,
      at TEXT NOT NULL,
      sub TEXT NOT NULL,
      roles TEXT NOT NULL,
      role TEXT,
      method TEXT,
      route TEXT,
      url TEXT,
      case_id TEXT,
      status INTEGER,
      correlation_id TEXT,
      detail TEXT
    );
    CREATE INDEX access_log_case ON public.access_log (case_id);
    CREATE INDEX access_log_sub ON public.access_log (sub);
    CREATE INDEX access_log_hash ON public.access_log (hash);
    CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON public.access_log
      FOR EACH ROW EXECUTE FUNCTION public.access_log_refuse_change();
    CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON public.access_log
      FOR EACH STATEMENT EXECUTE FUNCTION public.access_log_refuse_change();
  `;

/** The audit's tables: the log, its anchor (in the same database: see PostgresAccessLogAnchor). */
export const AUDIT_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-access-log': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql
        .raw(
          `CREATE FUNCTION public.access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            RAISE EXCEPTION 'the access log is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
          END $$;
          ${ACCESS_LOG_TABLE_DDL}
          CREATE TABLE public.access_log_anchor (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            origin TEXT NOT NULL,
            seq BIGINT NOT NULL,
            hash TEXT NOT NULL,
            anchored_at TEXT NOT NULL
          );`,
        )
        .execute(db);
    },
  },
};
