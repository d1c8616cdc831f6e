import type Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { Observable } from 'rxjs';
import {
  EventIdConflictError,
  eventIdConflictOf,
  withStorageFaults,
  WrongExpectedRevisionError,
} from '@licences/event-store';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '@licences/event-store';
import { openEventStoreDatabase } from './sqlite-event-store.connection';
import { CatchUpFeed } from './sqlite-event-store.feed';
import { EVENT_COLUMNS, toRecordedEvent } from './sqlite-event-store.rows';
import type { EventRow } from './sqlite-event-store.rows';
import { EventSealer } from './sqlite-event-store.seal';
import { checkCount, prepareAppend } from './sqlite-event-store.validation';
import type { PreparedEvent } from './sqlite-event-store.validation';

export interface SqliteEventStoreOptions {
  /** Path of the database file; created with its schema if missing (its folder must exist). */
  readonly file: string;
  /** Source of `recordedAt`; defaults to the system clock. */
  readonly clock?: () => Date;
  /** How often subscriptions look for events appended by other processes; defaults to 250 ms. */
  readonly pollIntervalMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 250;
/** How storage faults name this store. */
const STORE_NAME = 'event store';
const CATCH_UP_BATCH_SIZE = 500;
/** Portable "no limit": PostgreSQL and SQLite both accept a large LIMIT, not both accept -1. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

type InsertParams = [string, string, number, string, number, string, string, string, string];

/** Event store on one SQLite file; several processes may share the file. */
export class SqliteEventStore implements EventStore {
  private readonly feeds = new Set<CatchUpFeed>();
  private readonly sealer: EventSealer;
  private poller: NodeJS.Timeout | undefined;
  private closed = false;

  private readonly sql: {
    readonly findEvent: Database.Statement<[string], StoredIdentity>;
    readonly lastRevision: Database.Statement<[string], { revision: number | null }>;
    readonly lastRecordedAt: Database.Statement<[], { recorded_at: string }>;
    readonly insert: Database.Statement<InsertParams>;
    readonly streamForwards: Database.Statement<[string, number, number], EventRow>;
    readonly streamBackwards: Database.Statement<[string, number, number], EventRow>;
    readonly all: Database.Statement<[number, number], EventRow>;
    readonly head: Database.Statement<[], { position: number }>;
  };

  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision) => AppendOutcome
  >;

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
    private readonly pollIntervalMs: number,
    private readonly folder: string,
  ) {
    this.sql = {
      findEvent: db.prepare(
        'SELECT position, revision, stream_id, type, schema_version, data FROM events WHERE event_id = ?',
      ),
      lastRevision: db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      lastRecordedAt: db.prepare('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, occurred_at, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      streamForwards: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      streamBackwards: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      all: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`),
      head: db.prepare('SELECT COALESCE(MAX(position), 0) AS position FROM events'),
    };
    this.sealer = new EventSealer(db);
    this.appendTransaction = db.transaction((streamId, events, expected) =>
      this.appendLocked(streamId, events, expected),
    );
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    if (!(pollIntervalMs > 0)) throw new RangeError(`pollIntervalMs must be positive, got ${pollIntervalMs}`);
    const db = openEventStoreDatabase(options.file);
    return new SqliteEventStore(
      db,
      options.clock ?? (() => new Date()),
      pollIntervalMs,
      dirname(options.file),
    );
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.run(() => {
      const prepared = prepareAppend(streamId, events, expected);
      // IMMEDIATE takes the write lock before reading the stream's revision, so another
      // process cannot slip an event in between the check and the insert.
      const { result, appended } = this.appendTransaction.immediate(streamId, prepared, expected);
      if (appended) this.wakeFeeds();
      return result;
    });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.run(() => {
      const limit = checkCount(options.maxCount, 'maxCount') ?? NO_LIMIT;
      const from = checkCount(options.fromRevision, 'fromRevision');
      const rows =
        options.direction === 'backwards'
          ? this.sql.streamBackwards.all(streamId, from ?? NO_LIMIT, limit)
          : this.sql.streamForwards.all(streamId, from ?? 0, limit);
      return rows.map(toRecordedEvent);
    });
  }

  streamRevision(streamId: string): Promise<number | undefined> {
    return this.run(() => this.sql.lastRevision.get(streamId)?.revision ?? undefined);
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.run(() =>
      this.readAfter(
        checkCount(options.after, 'after') ?? 0,
        checkCount(options.maxCount, 'maxCount') ?? NO_LIMIT,
      ),
    );
  }

  headPosition(): Promise<number> {
    return this.run(() => this.sql.head.get()?.position ?? 0);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Observable<RecordedEvent> {
    return new Observable<RecordedEvent>((subscriber) => {
      if (this.closed) {
        subscriber.error(new Error('The event store is closed'));
        return undefined;
      }
      const feed = new CatchUpFeed(
        subscriber,
        checkCount(options.after, 'after') ?? 0,
        (position, limit) => this.readAfter(position, limit),
        CATCH_UP_BATCH_SIZE,
      );
      this.feeds.add(feed);
      this.startPolling();
      feed.wake();
      return () => {
        feed.stop();
        this.feeds.delete(feed);
        if (this.feeds.size === 0) this.stopPolling();
      };
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.stopPolling();
    const feeds = [...this.feeds];
    this.feeds.clear();
    for (const feed of feeds) feed.complete();
    this.db.close();
    return Promise.resolve();
  }

  /**
   * Runs synchronous database work as a Promise, turning throws into rejections, and a full,
   * read-only, damaged or failing disk into a StorageFaultError. A failed append is rolled back
   * whole by its transaction, so such a fault never leaves part of a batch stored.
   */
  private run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.closed) throw new Error('The event store is closed');
      resolve(withStorageFaults(STORE_NAME, this.folder, work));
    });
  }

  private readAfter(position: number, limit: number): RecordedEvent[] {
    return withStorageFaults(STORE_NAME, this.folder, () =>
      this.sql.all.all(position, limit).map(toRecordedEvent),
    );
  }

  private appendLocked(
    streamId: string,
    events: readonly PreparedEvent[],
    expected: ExpectedRevision,
  ): AppendOutcome {
    const fresh: PreparedEvent[] = [];
    let latestStored: { position: number; revision: number } | undefined;
    for (const event of events) {
      const stored = this.sql.findEvent.get(event.id);
      if (!stored) {
        fresh.push(event);
        continue;
      }
      // Throwing here rolls the transaction back before anything of the batch is inserted.
      const conflict = conflictWith(streamId, event, stored);
      if (conflict) throw new EventIdConflictError(streamId, event.id, stored.stream_id, conflict);
      if (!latestStored || stored.position > latestStored.position) latestStored = stored;
    }
    // A retry of an acknowledged batch: answer as the first time, whatever the stream became since.
    if (fresh.length === 0 && latestStored) {
      return {
        result: { nextRevision: latestStored.revision, position: latestStored.position },
        appended: 0,
      };
    }

    const actual = this.sql.lastRevision.get(streamId)?.revision ?? undefined;
    if (!matches(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);

    const live = this.nextRecordedAt();
    let floor = this.sql.lastRecordedAt.get()?.recorded_at ?? '';
    let revision = actual ?? -1;
    let position = 0;
    for (const event of fresh) {
      revision += 1;
      // A copied event keeps its original time, as long as that keeps recordedAt in position order.
      const candidate = event.recordedAt ?? live;
      const recordedAt = candidate > floor ? candidate : floor;
      floor = recordedAt;
      const { lastInsertRowid } = this.sql.insert.run(
        event.id,
        streamId,
        revision,
        event.type,
        event.schemaVersion,
        event.data,
        event.metadata,
        event.occurredAt,
        recordedAt,
      );
      position = Number(lastInsertRowid);
    }
    // The seal covers the position, known only once inserted; sealing in this same transaction
    // means no reader ever sees these rows unsealed.
    this.sealer.sealPending();
    return { result: { nextRevision: revision, position }, appended: fresh.length };
  }

  /** The clock's time, but never before the last stored event's, so recordedAt follows position. */
  private nextRecordedAt(): string {
    const now = this.clock();
    if (Number.isNaN(now.getTime())) throw new Error('The event store clock returned an invalid date');
    const last = this.sql.lastRecordedAt.get()?.recorded_at;
    return last !== undefined && Date.parse(last) > now.getTime() ? last : now.toISOString();
  }

  private wakeFeeds(): void {
    for (const feed of this.feeds) feed.wake();
  }

  /** Other processes cannot notify us, so live subscriptions also look for new events regularly. */
  private startPolling(): void {
    this.poller ??= setInterval(() => this.wakeFeeds(), this.pollIntervalMs);
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
  }
}

/** What the append needs to know of a stored event that has the id of one being appended. */
interface StoredIdentity {
  readonly position: number;
  readonly revision: number;
  readonly stream_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
}

function conflictWith(streamId: string, event: PreparedEvent, stored: StoredIdentity) {
  return eventIdConflictOf(
    { streamId, type: event.type, schemaVersion: event.schemaVersion, data: JSON.parse(event.data) },
    {
      streamId: stored.stream_id,
      type: stored.type,
      schemaVersion: stored.schema_version,
      data: JSON.parse(stored.data),
    },
  );
}

interface AppendOutcome {
  readonly result: AppendResult;
  readonly appended: number;
}

function matches(expected: ExpectedRevision, actual: number | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === undefined;
  return actual === expected;
}
