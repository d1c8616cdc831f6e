import { hostname } from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Client, Pool } from 'pg';
import {
  KyselyReadModelStore,
  nameSwappedIndexes,
  rebuildTableName,
  tablesOf,
} from '@licences/licensing-kysely';
import type { ReadModelDatabase } from '@licences/licensing-kysely';
import { PROJECTION_NAMES, RebuildRunningError } from '@licences/licensing-read-models';
import type { EventReader, ProjectionName } from '@licences/licensing-read-models';
import { describeServer, withPostgresFaults } from '../postgres-storage-faults';
import { migrateReadModels } from './read-model.migrations';
import { CONNECT_TIMEOUT_MS, readModelPoolConfig } from './postgres-read-model.pool';
import type { PostgresReadModelStoreOptions } from './postgres-read-model.pool';
import {
  lockProjection,
  lockTablesForSnapshot,
  REBUILD_LOCK_SPACE,
  holdsRebuildLock,
  restoreConstraintNames,
  tryLockRebuild,
} from './postgres-read-model.statements';

/**
 * The read models in a PostgreSQL database, for several API and projector processes at once. The
 * queries are the SQLite store's (the shared Kysely code); what is PostgreSQL's own is here: the
 * pool, versioned migrations, a transaction-scoped lock per projection that serialises its
 * writers across processes, snapshot reads, and the constraint names a rebuild's swap leaves.
 */
export class PostgresReadModelStore extends KyselyReadModelStore {
  /**
   * A connection of its own (outside the pool, which the rebuild's writes need) whose session holds
   * the rebuild lock of each projection this process rebuilds: another process cannot start a
   * rebuild of it meanwhile, and a process that dies frees the locks with its connection.
   */
  private rebuildSession: Client | undefined;
  /** The server process of that session, by which the lock is found in pg_locks. */
  private rebuildSessionPid: number | undefined;
  private readonly rebuilding = new Set<ProjectionName>();
  /** Rebuilds whose lock went with a broken session: their writes are refused, nothing swapped in. */
  private readonly lostRebuilds = new Set<ProjectionName>();

  private constructor(
    private readonly connectionString: string,
    db: Kysely<ReadModelDatabase>,
    /** "read models (PostgreSQL at host:port)": what every error names. */
    private readonly storeName: string,
  ) {
    super(db);
  }

  /** Connects and migrates the database to the latest schema (waiting for another process doing it). */
  static async open(options: PostgresReadModelStoreOptions): Promise<PostgresReadModelStore> {
    const storeName = `read models (PostgreSQL at ${describeServer(options.connectionString)})`;
    const pool = new Pool(readModelPoolConfig(options));
    // An idle connection the server dropped: the pool discards it and the next query reconnects
    // (or fails with a clear error). Without a listener it would crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) });
    try {
      await withPostgresFaults(storeName, () =>
        migrateReadModels(db as unknown as Kysely<unknown>, undefined, storeName),
      );
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return new PostgresReadModelStore(options.connectionString, db, storeName);
  }

  /**
   * Shows that the database answers and commits a write: upserts the probe row, which nothing
   * serves. Throws a StorageFaultError (STORAGE_UNAVAILABLE, STORAGE_READ_ONLY...) when it does not.
   */
  async probe(): Promise<void> {
    await this.query((db) =>
      db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        const row = { id: 1, probed_at: now(), probed_by: `${hostname()}:${process.pid}` };
        await sql`insert into read_model_probe (id, probed_at, probed_by)
          values (${row.id}, ${row.probed_at}, ${row.probed_by})
          on conflict (id) do update set probed_at = excluded.probed_at, probed_by = excluded.probed_by`.execute(
          trx,
        );
      }),
    );
  }

  /**
   * Refused with RebuildRunningError while another process rebuilds `name`; a rebuild this process
   * started is dropped and started again, as on SQLite.
   */
  override async startRebuild(name: ProjectionName): Promise<void> {
    if (!this.rebuilding.has(name)) {
      const session = await this.withFaults(() => this.sessionForRebuilds());
      if (!(await this.withFaults(() => tryLockRebuild(session, name)))) throw new RebuildRunningError(name);
      this.rebuilding.add(name);
      this.lostRebuilds.delete(name);
    }
    try {
      await super.startRebuild(name);
    } catch (error) {
      await this.endRebuild(name);
      throw error;
    }
  }

  /** Keeps the lock when it fails, so that the caller's abortRebuild can drop what it built. */
  override async completeRebuild(name: ProjectionName, readMissing: EventReader): Promise<number> {
    // Another process's rebuild, or none: the swap below refuses it with its own error.
    if (this.rebuilding.has(name)) await this.analyzeRebuildTables(name);
    const position = await super.completeRebuild(name, readMissing);
    await this.endRebuild(name);
    return position;
  }

  /**
   * Statistics and the visibility map of the rebuild's tables, made before they take the live
   * names (a rename keeps both), outside the swap so that no reader waits for it. Tables filled in
   * bulk have neither until autovacuum comes (never, on a server with it off): PostgreSQL then
   * plans blind and cannot answer from an index alone. On such tables at 100k licences a listing
   * at a point in time took seconds where it takes tens of milliseconds after `VACUUM ANALYZE`
   * (bench/README.md, the PostgreSQL queries). Not in a transaction: VACUUM cannot run in one.
   */
  private async analyzeRebuildTables(name: ProjectionName): Promise<void> {
    await this.query(async (db) => {
      for (const table of tablesOf(name)) {
        await sql`VACUUM (ANALYZE) ${sql.table(rebuildTableName(table))}`.execute(db);
      }
    });
  }

  /** Only a rebuild this process holds: another process's rebuild tables are not this one's to drop. */
  override async abortRebuild(name: ProjectionName): Promise<void> {
    if (!this.rebuilding.has(name)) return;
    try {
      await super.abortRebuild(name);
    } finally {
      await this.endRebuild(name);
    }
  }

  override async close(): Promise<void> {
    this.rebuilding.clear();
    const session = this.rebuildSession;
    this.rebuildSession = undefined;
    await session?.end().catch(() => undefined);
    await super.close();
  }

  private async sessionForRebuilds(): Promise<Client> {
    if (this.rebuildSession) return this.rebuildSession;
    const session = new Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'licences-rebuild-locks',
    });
    // A broken session has lost its locks: another process may start a rebuild now.
    const lose = () => {
      if (this.rebuildSession !== session) return;
      this.rebuildSession = undefined;
      for (const name of this.rebuilding) this.lostRebuilds.add(name);
      this.rebuilding.clear();
    };
    session.on('error', lose);
    session.on('end', lose);
    await session.connect();
    const { rows } = await session.query<{ pid: number }>('select pg_backend_pid() as pid');
    this.rebuildSession = session;
    this.rebuildSessionPid = rows[0]?.pid;
    return session;
  }

  /**
   * Under the projection's write lock, which another process's startRebuild also takes: while this
   * check passes, no other rebuild can reset the tables before this write commits; once this
   * process's lock session is gone, its late batches and its swap are refused.
   */
  protected override async assertOwnsRebuild(
    trx: Kysely<ReadModelDatabase>,
    name: ProjectionName,
  ): Promise<void> {
    if (this.lostRebuilds.has(name)) {
      throw this.lostLock(name);
    }
    const owner = this.rebuilding.has(name) ? this.rebuildSessionPid : undefined;
    // Rebuild tables another process started are not this one's to write.
    if (owner === undefined) throw new Error(`No rebuild of ${name} was started by this process`);
    if (!(await holdsRebuildLock(trx, owner, name))) {
      this.rebuilding.delete(name);
      this.lostRebuilds.add(name);
      throw this.lostLock(name);
    }
  }

  private lostLock(name: ProjectionName): Error {
    return new Error(
      `The rebuild of ${name} in this process lost its lock (its connection to ${this.storeName} ended); ` +
        'another process may be rebuilding it now, so this one stops: start it again',
    );
  }

  private async endRebuild(name: ProjectionName): Promise<void> {
    if (!this.rebuilding.delete(name)) return;
    await this.rebuildSession
      ?.query('select pg_advisory_unlock($1::integer, hashtext($2))', [REBUILD_LOCK_SPACE, name])
      .catch(() => undefined);
  }

  /** A failure of the server or of the way to it is a StorageFaultError naming the server. */
  protected withFaults<T>(work: () => Promise<T>): Promise<T> {
    return withPostgresFaults(this.storeName, work);
  }

  /**
   * A write of one projection (or several): its lock first, so that writers in other processes (a projector, a
   * rebuild's swap) take turns, and the checkpoint read after it decides what is still to apply.
   * READ COMMITTED (the default), so that each statement sees what the previous holder committed.
   */
  protected inWriteTransaction<T>(
    db: Kysely<ReadModelDatabase>,
    names: readonly ProjectionName[],
    work: (trx: Kysely<ReadModelDatabase>) => Promise<T>,
  ): Promise<T> {
    return db.transaction().execute(async (trx) => {
      // Several locks always in the order of PROJECTION_NAMES, so that two writers never wait on each other.
      for (const name of PROJECTION_NAMES) if (names.includes(name)) await lockProjection(trx, name);
      return await work(trx);
    });
  }

  /**
   * Several statements on one snapshot of a projection's tables. The tables are locked (shared)
   * before the snapshot is taken: a rebuild's swap replaces them, and a snapshot taken while
   * waiting for it would read the new tables without the rows the swap itself wrote.
   */
  protected inSnapshot<T>(
    db: Kysely<ReadModelDatabase>,
    name: ProjectionName,
    work: (trx: Kysely<ReadModelDatabase>) => Promise<T>,
  ): Promise<T> {
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await lockTablesForSnapshot(trx, name);
        return await work(trx);
      });
  }

  /**
   * Constraints and indexes keep the names they had as rebuild tables; the next rebuild needs them
   * free. PostgreSQL renames both at once, so here the swap leaves nothing under a rebuild name.
   */
  protected override async afterSwap(trx: Kysely<ReadModelDatabase>, name: ProjectionName): Promise<void> {
    await restoreConstraintNames(trx, name);
    await nameSwappedIndexes(trx, name);
  }
}

function now(): string {
  return new Date().toISOString();
}
