import { randomInt } from 'node:crypto';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ensurePrivateFile, withStorageFaultsAsync } from '@licences/event-store';
import { createLiveSchema, KyselyReadModelStore, projections, tablesOf } from '@licences/licensing-kysely';
import type { ReadModelDatabase } from '@licences/licensing-kysely';
import { eventLoopTurn, PROJECTION_NAMES, RebuildRunningError } from '@licences/licensing-read-models';
import type { EventReader, ProjectionName } from '@licences/licensing-read-models';
import { isLockError } from '../sqlite-lock-retry';
import { CachedStatementsDatabase } from './cached-statements.database';
import { ImmediateSqliteDialect } from './immediate-sqlite.dialect';
import {
  deleteRetiredRows,
  dropRetiredIndex,
  dropRetiredTables,
  RETIRED_ROWS_PER_STEP,
  retiredIndexes,
  retiredTableExists,
  retiredTableName,
  retireTables,
} from './sqlite-retired-tables';

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
  /** The token this store wrote on the rebuild row of each projection it rebuilds. */
  private readonly rebuildTokens = new Map<ProjectionName, number>();

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
          await db.transaction().execute(async (trx) => {
            // Before the schema: the old tables of a swap cut short hold the live index names.
            await dropRetiredTables(trx);
            await createLiveSchema(trx, PROJECTION_NAMES);
          });
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

  /**
   * Marks the rebuild as this store's: a random token in the fence of its checkpoint row (a
   * rebuild's row has no lease fence). SQLite has no lock that would refuse a second process's
   * rebuild of the same projection at its start, as PostgreSQL's advisory lock does; the second
   * one writes its own token instead, and from then on this store's pages and swap are refused,
   * so that no swap can bring in tables another process emptied half-way.
   */
  protected override async afterStartRebuild(
    trx: Kysely<ReadModelDatabase>,
    name: ProjectionName,
  ): Promise<void> {
    const token = randomInt(1, 2 ** 47);
    await trx
      .updateTable('projection_checkpoints')
      .set({ fence: token })
      .where('name', '=', name)
      .where('target', '=', 'rebuild')
      .execute();
    this.rebuildTokens.set(name, token);
  }

  /** @throws RebuildRunningError when another store started this projection's rebuild again since. */
  protected override async assertOwnsRebuild(
    trx: Kysely<ReadModelDatabase>,
    name: ProjectionName,
  ): Promise<void> {
    const stored = await projections.readStoredFence(trx, name, 'rebuild');
    // No rebuild row: the write itself says that no rebuild was started.
    if (stored !== undefined && stored !== this.rebuildTokens.get(name)) throw new RebuildRunningError(name);
  }

  override async completeRebuild(name: ProjectionName, readMissing: EventReader): Promise<number> {
    const position = await super.completeRebuild(name, readMissing);
    this.rebuildTokens.delete(name);
    return position;
  }

  /** Only a rebuild this store started: another process's rebuild tables are not this one's to drop. */
  override async abortRebuild(name: ProjectionName): Promise<void> {
    const stored = await this.query((db) => projections.readStoredFence(db, name, 'rebuild'));
    const own = this.rebuildTokens.get(name);
    this.rebuildTokens.delete(name);
    if (stored !== undefined && stored !== 0 && stored !== own) return;
    await super.abortRebuild(name);
  }

  /** Renamed aside, not dropped: see sqlite-retired-tables.ts. */
  protected override retireLiveTables(trx: Kysely<ReadModelDatabase>, name: ProjectionName): Promise<void> {
    return retireTables(trx, name);
  }

  /**
   * Each old table loses its indexes first (they hold the live names, and each row deleted would
   * update them), then its rows a few thousand at a time, then the emptied table.
   */
  protected override async clearRetiredTables(name: ProjectionName): Promise<void> {
    for (const table of tablesOf(name)) {
      const retired = retiredTableName(table);
      if (!(await this.query((db) => retiredTableExists(db, retired)))) continue;
      // Each step in a transaction of its own: another process opening the store drops them too.
      for (const index of await this.query((db) => retiredIndexes(db, retired))) {
        await this.write(name, (trx) => dropRetiredIndex(trx, retired, index));
        await eventLoopTurn();
      }
      while ((await this.write(name, (trx) => deleteRetiredRows(trx, retired, RETIRED_ROWS_PER_STEP))) > 0) {
        await eventLoopTurn();
      }
      await this.write(name, (trx) => trx.schema.dropTable(retired).ifExists().execute());
      await eventLoopTurn();
    }
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
