import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ensurePrivateFile, withStorageFaultsAsync } from '@licences/event-store';
import type { RecordedEvent } from '@licences/event-store';
import type { LocalDate } from '@licences/licensing-domain';
import {
  checkProjectionName as checkName,
  checkTarget,
  createLiveSchema,
  projections,
  reads,
  rebuilds,
  statistics,
} from '@licences/licensing-kysely';
import type { ReadModelDatabase } from '@licences/licensing-kysely';
import { checkFence, PROJECTION_NAMES } from '@licences/licensing-read-models';
import type {
  DecisionHistoryEntry,
  EventReader,
  LicenceFilter,
  LicenceSort,
  LicenceValidityRow,
  PageRequest,
  ProjectionName,
  ProjectionTarget,
  ReadModelStore,
  RevocationJustification,
  StableLicenceFilter,
  StatisticsFact,
} from '@licences/licensing-read-models';
import { ImmediateSqliteDialect } from './immediate-sqlite.dialect';

/** How long a writer waits for another process holding the write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

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
    // FULL: a committed checkpoint survives a power cut together with its rows.
    database.pragma('synchronous = FULL');
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
export class SqliteReadModelStore implements ReadModelStore {
  private closed = false;

  private constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly folder: string,
  ) {}

  /** Opens (creating if needed) the file and the live tables of every projection. */
  static async open(file: string): Promise<SqliteReadModelStore> {
    const db = new Kysely<ReadModelDatabase>({
      dialect: new ImmediateSqliteDialect({ database: openDatabase(file) }),
    });
    try {
      await db.transaction().execute((trx) => createLiveSchema(trx, PROJECTION_NAMES));
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return new SqliteReadModelStore(db, dirname(file));
  }

  async checkpoint(name: ProjectionName, target: ProjectionTarget = 'live'): Promise<number> {
    checkName(name);
    checkTarget(target);
    return (await this.query((db) => projections.readCheckpoint(db, name, target))) ?? 0;
  }

  async project(
    name: ProjectionName,
    events: readonly RecordedEvent[],
    target: ProjectionTarget = 'live',
    fence?: number,
  ): Promise<number> {
    checkName(name);
    checkTarget(target);
    if (fence !== undefined) checkFence(fence);
    return await this.write((trx) => projections.projectBatch(trx, name, events, target, now(), fence));
  }

  async claimFence(name: ProjectionName, fence: number): Promise<boolean> {
    checkName(name);
    checkFence(fence);
    return await this.write((trx) => projections.claimFence(trx, name, fence, now()));
  }

  async fenceOf(name: ProjectionName): Promise<number> {
    checkName(name);
    return await this.query((db) => projections.readFence(db, name));
  }

  async startRebuild(name: ProjectionName): Promise<void> {
    checkName(name);
    return await this.write((trx) => rebuilds.startRebuild(trx, name, now()));
  }

  async completeRebuild(name: ProjectionName, readMissing: EventReader): Promise<number> {
    checkName(name);
    // readMissing reads the event store's own file, so awaiting it here holds no lock it needs.
    return await this.write((trx) => rebuilds.completeRebuild(trx, name, readMissing, now()));
  }

  async abortRebuild(name: ProjectionName): Promise<void> {
    checkName(name);
    return await this.write((trx) => rebuilds.abortRebuild(trx, name));
  }

  async findValidity(caseId: string): Promise<LicenceValidityRow | undefined> {
    return await this.query((db) => reads.findValidity(db, caseId));
  }

  async listValidity(
    filter: LicenceFilter,
    today: LocalDate,
    page: PageRequest,
    sort?: LicenceSort,
  ): Promise<{ rows: LicenceValidityRow[]; total: number }> {
    // One snapshot for the page and its total.
    return await this.read((trx) => reads.listValidity(trx, filter, today, page, sort));
  }

  async findCaseIds(filter: StableLicenceFilter, asOf?: string): Promise<string[]> {
    return await this.query((db) => reads.findCaseIds(db, filter, asOf));
  }

  async historyOf(caseIds: readonly string[], asOf?: string): Promise<Map<string, DecisionHistoryEntry[]>> {
    // One snapshot across the chunks of the IN-list.
    return await this.read((trx) => reads.historyOf(trx, caseIds, asOf));
  }

  async findRevocation(caseId: string): Promise<RevocationJustification | undefined> {
    return await this.query((db) => reads.findRevocation(db, caseId));
  }

  async statisticsFacts(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
  ): Promise<StatisticsFact[]> {
    return await this.query((db) => statistics.statisticsFacts(db, fromDate, toDate, upToPosition));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }

  private kysely(): Kysely<ReadModelDatabase> {
    if (this.closed) throw new Error('The read-model store is closed');
    return this.db;
  }

  /**
   * Every access goes through here, so that a full, read-only or failing disk is a
   * StorageFaultError. A projection batch that fails this way is rolled back with its checkpoint,
   * and the runner applies it again later: nothing is skipped.
   */
  private query<T>(work: (db: Kysely<ReadModelDatabase>) => Promise<T>): Promise<T> {
    return withStorageFaultsAsync('read models', this.folder, () => work(this.kysely()));
  }

  private write<T>(work: (trx: Kysely<ReadModelDatabase>) => Promise<T>): Promise<T> {
    return this.query((db) => db.transaction().execute(work));
  }

  private read<T>(work: (trx: Kysely<ReadModelDatabase>) => Promise<T>): Promise<T> {
    return this.query((db) => db.transaction().setAccessMode('read only').execute(work));
  }
}

function now(): string {
  return new Date().toISOString();
}
