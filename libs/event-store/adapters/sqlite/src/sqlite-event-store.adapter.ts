import type Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { Observable } from 'rxjs';
import { checkReadAllByStream, checkStreamPrefix, withStorageFaults } from '@licences/event-store';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllByStreamOptions,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '@licences/event-store';
import { openEventStoreDatabase } from './sqlite-event-store.connection';
import { CatchUpFeed } from './sqlite-event-store.feed';
import { EVENT_COLUMNS, toRecordedEvent } from './sqlite-event-store.rows';
import type { EventRow } from './sqlite-event-store.rows';
import { GroupCommit } from './sqlite-event-store.group-commit';
import { prefixUpperBound } from './sqlite-event-store.prefix';
import { checkCount, prepareAppend } from './sqlite-event-store.validation';
import { EventWriter } from './sqlite-event-store.writer';

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
/**
 * Events a catch-up subscription reads at once. Its subscriber groups what arrives together, so
 * this bounds the batches a projector can form; reading 2,000 events takes a few tens of ms.
 */
const CATCH_UP_BATCH_SIZE = 2000;
/** Portable "no limit": PostgreSQL and SQLite both accept a large LIMIT, not both accept -1. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
/** Events per group commit: bounds a group's memory, how long it holds the write lock, its latency. */
const MAX_EVENTS_PER_GROUP = 1000;

/** Event store on one SQLite file; several processes may share the file. */
export class SqliteEventStore implements EventStore {
  private readonly feeds = new Set<CatchUpFeed>();
  private readonly groupCommit: GroupCommit;
  private poller: NodeJS.Timeout | undefined;
  private closed = false;

  private readonly sql: {
    readonly lastRevision: Database.Statement<[string], { revision: number | null }>;
    readonly streamForwards: Database.Statement<[string, number, number], EventRow>;
    readonly streamBackwards: Database.Statement<[string, number, number], EventRow>;
    readonly all: Database.Statement<[number, number], EventRow>;
    readonly allOfPrefix: Database.Statement<[string, string, number, number], EventRow>;
    readonly allFromPrefix: Database.Statement<[string, string, string, number, number], EventRow>;
    readonly byStream: Database.Statement<[string, number, number, number], EventRow>;
    readonly head: Database.Statement<[], { position: number }>;
  };

  private constructor(
    private readonly db: Database.Database,
    clock: () => Date,
    private readonly pollIntervalMs: number,
    private readonly folder: string,
  ) {
    this.sql = {
      lastRevision: db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      streamForwards: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      streamBackwards: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      all: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`),
      // The range on stream_id reads only the prefix's streams from the (stream_id, revision) index.
      allOfPrefix: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id >= ? AND stream_id < ? AND position > ? ORDER BY position ASC LIMIT ?`,
      ),
      // For the one prefix without an upper bound: every stream from it on that starts with it.
      allFromPrefix: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id >= ? AND substr(stream_id, 1, length(?)) = ? AND position > ? ORDER BY position ASC LIMIT ?`,
      ),
      // A range on the (stream_id, revision) index, in its order: the cursor is a row value.
      byStream: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, revision) > (?, ?) AND position <= ? ORDER BY stream_id ASC, revision ASC LIMIT ?`,
      ),
      head: db.prepare('SELECT COALESCE(MAX(position), 0) AS position FROM events'),
    };
    const writer = new EventWriter(db, clock);
    this.groupCommit = new GroupCommit(
      (group) => withStorageFaults(STORE_NAME, folder, () => writer.write(group)),
      () => this.wakeFeeds(),
      MAX_EVENTS_PER_GROUP,
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

  /** Resolves once the append is durable, committed with the others of its group (`GroupCommit`). */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.groupCommit.enqueue(() => {
      if (this.closed) throw new Error('The event store is closed');
      return { streamId, events: prepareAppend(streamId, events, expected), expected };
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
    return this.run(() => {
      const after = checkCount(options.after, 'after') ?? 0;
      const limit = checkCount(options.maxCount, 'maxCount') ?? NO_LIMIT;
      const prefix = checkStreamPrefix(options.streamPrefix);
      if (prefix === undefined) return this.readAfter(after, limit);
      const bound = prefixUpperBound(prefix);
      const rows =
        bound === undefined
          ? this.sql.allFromPrefix.all(prefix, prefix, prefix, after, limit)
          : this.sql.allOfPrefix.all(prefix, bound, after, limit);
      return rows.map(toRecordedEvent);
    });
  }

  readAllByStream(options: ReadAllByStreamOptions): Promise<RecordedEvent[]> {
    return this.run(() => {
      const { upTo, after, maxCount } = checkReadAllByStream(options);
      // Every stream id is non-empty, so ('', -1) lies before the first event of the index.
      const rows = this.sql.byStream.all(
        after?.streamId ?? '',
        after?.revision ?? -1,
        upTo,
        maxCount ?? NO_LIMIT,
      );
      return rows.map(toRecordedEvent);
    });
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
    // Appends already accepted are written (or rejected on a storage fault), never dropped.
    this.groupCommit.flush();
    this.stopPolling();
    const feeds = [...this.feeds];
    this.feeds.clear();
    for (const feed of feeds) feed.complete();
    this.db.close();
    return Promise.resolve();
  }

  /**
   * Runs synchronous database work as a Promise, turning throws into rejections, and a full,
   * read-only, damaged or failing disk into a StorageFaultError.
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
