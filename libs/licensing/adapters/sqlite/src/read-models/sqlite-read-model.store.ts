import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ensurePrivateFile, withStorageFaultsAsync } from '@licences/event-store';
import { createLiveSchema, KyselyReadModelStore } from '@licences/licensing-kysely';
import type { ReadModelDatabase } from '@licences/licensing-kysely';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { ProjectionName } from '@licences/licensing-read-models';
import { isLockError } from '../sqlite-lock-retry';
import { CachedStatementsDatabase } from './cached-statements.database';
import { ImmediateSqliteDialect } from './immediate-sqlite.dialect';

/** How long a writer waits for another process holding the write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * How long opening keeps waiting while another process holds the write lock: the first process
 * to open a file written by an older version upgrades it in one transaction (5.6 s at 100k
 * licences for the periods' registration; about ten times that at 1M), and a projector or API
 * started beside it waits for that instead of failing to start.
 */
const OPEN_LOCK_WAIT_MS = 15 * 60_000;
/**
 * The connection's page cache. SQLite's default, 2 MiB, holds a sliver of the indexes a projection
 * batch inserts into all over (the read models of 100k licences take 1.9 GB): a catch-up of the
 * 100k history took 265 s with it, 230 s with 64 MiB and 237 s with 256 MiB (one run each, the
 * same day). Fixed, so the memory it takes does not grow with history; one connection per store.
 */
const PAGE_CACHE_KIB = 65_536;

function openDatabase(file: string): Database.Database {
  ensurePrivateFile(file);
  const database = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL lets queries read while a projection writes.
    const journalMode = database.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') {
      throw new Error(`Read-model store ${file} cannot use WAL journaling (got ${String(journalMode)})`);
    }
    // NORMAL (in WAL: no fsync per commit, only at checkpoints): a power cut may lose the last
    // read-model transactions, but each takes its checkpoint with it, so the runner projects those
    // events again from the event store; nothing this connection writes exists only here. The
    // access-log anchor, which may share this file (with EventStoreDB), is written by its own
    // connection with synchronous = FULL (the setting is per connection) and its fsync makes every
    // frame before it durable too. Idempotency records and the access log live in other files.
    database.pragma('synchronous = NORMAL');
    // A checkpoint copies the WAL into the file and syncs it. At the default (every 1,000 pages,
    // 4 MB) a projector's batch of a few thousand events, which touches pages all over the indexes,
    // brought one at nearly every commit; at 10,000 pages (40 MB of WAL at most) the same pages are
    // copied once for several batches.
    database.pragma('wal_autocheckpoint = 10000');
    database.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/**
 * The read models in their own SQLite file (next to the event store's, not inside it, so that
 * rebuilding or deleting them never touches the events). Only the wiring is SQLite-specific;
 * the queries live in the dialect-agnostic kysely-*.queries files.
 */
export class SqliteReadModelStore extends KyselyReadModelStore {
  private constructor(
    db: Kysely<ReadModelDatabase>,
    private readonly folder: string,
  ) {
    super(db);
  }

  /** Opens (creating if needed) the file and the live tables of every projection. */
  static async open(file: string): Promise<SqliteReadModelStore> {
    const db = new Kysely<ReadModelDatabase>({
      dialect: new ImmediateSqliteDialect({ database: new CachedStatementsDatabase(openDatabase(file)) }),
    });
    const deadline = Date.now() + OPEN_LOCK_WAIT_MS;
    try {
      // Each attempt already waited BUSY_TIMEOUT_MS for the lock inside SQLite.
      for (;;) {
        try {
          await db.transaction().execute((trx) => createLiveSchema(trx, PROJECTION_NAMES));
          break;
        } catch (error) {
          if (!isLockError(error) || Date.now() > deadline) throw error;
        }
      }
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return new SqliteReadModelStore(db, dirname(file));
  }

  /** A full, read-only or failing disk is a StorageFaultError. */
  protected withFaults<T>(work: () => Promise<T>): Promise<T> {
    return withStorageFaultsAsync('read models', this.folder, work);
  }

  /** SQLite has one writer at a time (BEGIN IMMEDIATE): that serialises every projection's writes. */
  protected inWriteTransaction<T>(
    db: Kysely<ReadModelDatabase>,
    _names: readonly ProjectionName[],
    work: (trx: Kysely<ReadModelDatabase>) => Promise<T>,
  ): Promise<T> {
    return db.transaction().execute(work);
  }

  /** A WAL read transaction sees one snapshot until it ends. */
  protected inSnapshot<T>(
    db: Kysely<ReadModelDatabase>,
    _name: ProjectionName,
    work: (trx: Kysely<ReadModelDatabase>) => Promise<T>,
  ): Promise<T> {
    return db.transaction().setAccessMode('read only').execute(work);
  }
}
