import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { ensurePrivateFile, storageFaultOf, withStorageFaultsAsync } from '@licences/event-store';
import { AccessLogUnavailableError } from '@licences/licensing-application';
import type {
  AccessLog,
  AccessLogEntry,
  AccessLogFilter,
  AccessRecord,
} from '@licences/licensing-application';
import {
  ACCESS_LOG_COLUMNS,
  sealAsStored,
  toAccessLogRow,
  toAccessRecord,
  accessLogWhere,
} from '@licences/licensing-kysely';
import type { AccessLogRow } from '@licences/licensing-kysely';
import { migrateAccessLog } from './sqlite-access-log.schema';
import { isLockError, retryWhileLocked } from './sqlite-lock-retry';

/** SQLite's INTEGER seq reads back as a number. */
type SqliteAccessLogRow = AccessLogRow & { seq: number };

/** How long an append keeps trying while another connection holds the file locked. */
export const ACCESS_LOG_LOCK_BUDGET_MS = 2000;

const STORE_NAME = 'access log';

/** Start-up may wait for a lock (a migrating peer); requests never do (busy_timeout 0). */
const OPEN_TIMEOUT_MS = 5000;

export interface SqliteAccessLogOptions {
  /** Refuse to create the file: opening a log that should be there must not start a new one. */
  readonly mustExist?: boolean;
  readonly lockBudgetMs?: number;
}

/**
 * The access log in its own SQLite file, hash-chained (`sealAccessRecord`); triggers refuse
 * updates and deletes. An append is one synchronous transaction that reads the head and inserts
 * after it, so records from any number of connections form one linear chain.
 */
export class SqliteAccessLog implements AccessLog {
  /** The newest seq this connection wrote or saw: the file can only grow beyond it. */
  private highestSeq: number;
  private readonly sql: {
    readonly head: Statement<[], SqliteAccessLogRow>;
    readonly after: Statement<[number, number], SqliteAccessLogRow>;
    readonly withHash: Statement<[string], { seq: number }>;
    readonly insert: Statement<[AccessLogRow]>;
  };
  private readonly appendAtHead: (entry: AccessLogEntry) => AccessRecord;

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly identity: { dev: number; ino: number },
    private readonly lockBudgetMs: number,
  ) {
    this.sql = {
      head: db.prepare(`SELECT ${ACCESS_LOG_COLUMNS} FROM access_log ORDER BY seq DESC LIMIT 1`),
      after: db.prepare(`SELECT ${ACCESS_LOG_COLUMNS} FROM access_log WHERE seq > ? ORDER BY seq LIMIT ?`),
      withHash: db.prepare('SELECT seq FROM access_log WHERE hash = ? ORDER BY seq'),
      insert: db.prepare(`INSERT INTO access_log (${ACCESS_LOG_COLUMNS}) VALUES
        (@seq, @prev_hash, @hash, @kind, @at, @sub, @roles, @role, @method, @route, @url, @case_id, @status, @correlation_id, @detail)`),
    };
    this.highestSeq = this.sql.head.get()?.seq ?? 0;
    const transaction = db.transaction((entry: AccessLogEntry) => {
      const head = this.sql.head.get();
      if ((head?.seq ?? 0) < this.highestSeq) {
        throw new AccessLogUnavailableError(
          `the access log ends at record ${head?.seq ?? 0}, but record ${this.highestSeq} was written before: its newest records were removed`,
        );
      }
      const record = sealAsStored(head, entry);
      this.sql.insert.run(toAccessLogRow(record));
      return record;
    });
    this.appendAtHead = (entry) => transaction.immediate(entry);
  }

  /**
   * Opens the log (creating it unless `mustExist`) and brings its schema up to date, sealing the
   * records of a first-version file.
   */
  static open(file: string, options: SqliteAccessLogOptions = {}): SqliteAccessLog {
    if (!options.mustExist) ensurePrivateFile(file);
    const db = new Database(file, { fileMustExist: options.mustExist ?? false, timeout: OPEN_TIMEOUT_MS });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      migrateAccessLog(db);
      db.pragma('busy_timeout = 0');
      const { dev, ino } = statSync(file);
      return new SqliteAccessLog(db, file, { dev, ino }, options.lockBudgetMs ?? ACCESS_LOG_LOCK_BUDGET_MS);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async append(entry: AccessLogEntry): Promise<AccessRecord> {
    try {
      const record = await retryWhileLocked(() => {
        this.assertInPlace();
        return this.appendAtHead(entry);
      }, this.lockBudgetMs);
      this.highestSeq = Math.max(this.highestSeq, record.seq);
      return record;
    } catch (error) {
      if (error instanceof AccessLogUnavailableError) throw error;
      // A full or read-only disk keeps its own words: the operator must know what to mend.
      const fault = storageFaultOf(error, STORE_NAME, dirname(this.file));
      const reason = isLockError(error)
        ? `another connection held the access log locked for ${this.lockBudgetMs} ms`
        : `the access log could not be written (${fault?.message ?? (error instanceof Error ? error.message : String(error))})`;
      throw new AccessLogUnavailableError(reason, { cause: error });
    }
  }

  head(): Promise<AccessRecord | null> {
    return this.read(() => {
      const row = this.sql.head.get();
      return row ? toAccessRecord(row) : null;
    });
  }

  readAfter(afterSeq: number, maxCount: number): Promise<AccessRecord[]> {
    return this.read(() => this.sql.after.all(afterSeq, maxCount).map(toAccessRecord));
  }

  seqsWithHash(hash: string): Promise<number[]> {
    return this.read(() => this.sql.withHash.all(hash).map((row) => row.seq));
  }

  list(
    filter: AccessLogFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: AccessRecord[]; total: number }> {
    const { where, params } = accessLogWhere(filter, () => '?');
    return this.read(() => {
      const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM access_log ${where}`).get(...params) as {
        n: number;
      };
      const rows = this.db
        .prepare(`SELECT ${ACCESS_LOG_COLUMNS} FROM access_log ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`)
        .all(...params, page.limit, page.offset) as AccessLogRow[];
      return { items: rows.map(toAccessRecord), total: n };
    });
  }

  /**
   * A log file deleted or replaced under a running process would take its records with it (the
   * open handle writes on into the unlinked file), so every append first checks that the path
   * still names the file that was opened.
   * @throws AccessLogUnavailableError when it does not.
   */
  assertInPlace(): void {
    const now = statSync(this.file, { throwIfNoEntry: false });
    if (!now || now.dev !== this.identity.dev || now.ino !== this.identity.ino) {
      throw new AccessLogUnavailableError(
        `the access log ${this.file} was ${now ? 'replaced' : 'removed'} while in use`,
      );
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  /**
   * WAL readers are rarely locked out (a checkpoint restarting the WAL); they retry too. A failing
   * disk is a StorageFaultError.
   */
  private read<T>(query: () => T): Promise<T> {
    return withStorageFaultsAsync(STORE_NAME, dirname(this.file), () =>
      retryWhileLocked(query, this.lockBudgetMs),
    );
  }
}
