import Database from 'better-sqlite3';
import { EventIdConflictError, eventIdConflictOf, WrongExpectedRevisionError } from '@licences/event-store';
import type { AppendResult, EventMetadata, ExpectedRevision } from '@licences/event-store';
import { EventSealer } from './sqlite-event-store.seal';
import type { PreparedEvent } from './sqlite-event-store.validation';

/** One append of a group, checked and serialised already. */
export interface GroupedAppend {
  readonly streamId: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
}

/** What became of one append of a committed group. */
export type AppendOutcome =
  | { readonly ok: true; readonly result: AppendResult; readonly appended: number }
  | { readonly ok: false; readonly error: unknown };

type InsertParams = [string, string, number, string, number, string, string, string, string];

/**
 * Writes groups of appends, each group in one durable transaction and each append of it in its
 * own savepoint, sealing the rows from the values inserted.
 */
export class EventWriter {
  private readonly sealer: EventSealer;
  private readonly sql: {
    readonly findEvent: Database.Statement<[string], StoredIdentity>;
    readonly lastRevision: Database.Statement<[string], { revision: number | null }>;
    readonly lastRecordedAt: Database.Statement<[], { recorded_at: string }>;
    readonly insert: Database.Statement<InsertParams>;
  };
  private readonly groupTransaction: Database.Transaction<
    (appends: readonly GroupedAppend[]) => AppendOutcome[]
  >;
  private readonly appendSavepoint: Database.Transaction<
    (append: GroupedAppend, chainHash: string) => SavepointOutcome
  >;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
  ) {
    this.sealer = new EventSealer(db);
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
    };
    this.groupTransaction = db.transaction((appends) => this.writeLocked(appends));
    // Called inside the group's transaction, better-sqlite3 runs it in a SAVEPOINT: a throw
    // rolls back this append alone.
    this.appendSavepoint = db.transaction((append, chainHash) => this.appendLocked(append, chainHash));
  }

  /**
   * Writes the appends in order in one transaction and returns once it is committed (durable:
   * the file runs WAL with synchronous FULL). An append that fails for its own reasons (revision,
   * id conflict, a stream it cannot seal after) is rolled back alone and reported in its outcome;
   * later appends see the earlier ones exactly as if they had been made one by one.
   * @throws the driver's error when the transaction as a whole fails: then nothing of the group
   *   is stored.
   */
  write(appends: readonly GroupedAppend[]): AppendOutcome[] {
    // IMMEDIATE takes the write lock before reading any stream's revision, so another process
    // cannot slip an event in between the check and the insert.
    return this.groupTransaction.immediate(appends);
  }

  private writeLocked(appends: readonly GroupedAppend[]): AppendOutcome[] {
    // Re-read at every transaction: another process may have appended since this one last wrote.
    let chainHash = this.sealer.chainHead();
    const outcomes: AppendOutcome[] = [];
    for (const append of appends) {
      try {
        const outcome = this.appendSavepoint(append, chainHash);
        chainHash = outcome.chainHash;
        outcomes.push({ ok: true, result: outcome.result, appended: outcome.appended });
      } catch (error) {
        // A driver error (a full disk, an I/O error...) may have ended the transaction: the whole
        // group fails, so that nothing is acknowledged that the commit might not keep.
        if (error instanceof Database.SqliteError || !this.db.inTransaction) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  private appendLocked({ streamId, events, expected }: GroupedAppend, chainHash: string): SavepointOutcome {
    const fresh: PreparedEvent[] = [];
    let latestStored: { position: number; revision: number } | undefined;
    for (const event of events) {
      const stored = this.sql.findEvent.get(event.id);
      if (!stored) {
        fresh.push(event);
        continue;
      }
      // Throwing here rolls the append back before anything of it is inserted.
      const conflict = conflictWith(streamId, event, stored);
      if (conflict) throw new EventIdConflictError(streamId, event.id, stored.stream_id, conflict);
      if (!latestStored || stored.position > latestStored.position) latestStored = stored;
    }
    // A retry of an acknowledged batch: answer as the first time, whatever the stream became since.
    if (fresh.length === 0 && latestStored) {
      return {
        result: { nextRevision: latestStored.revision, position: latestStored.position },
        appended: 0,
        chainHash,
      };
    }

    const actual = this.sql.lastRevision.get(streamId)?.revision ?? undefined;
    if (!matches(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);

    let floor = this.sql.lastRecordedAt.get()?.recorded_at;
    const live = this.nextRecordedAt(floor);
    let streamHash = this.sealer.streamHead(streamId, actual);
    let revision = actual ?? -1;
    let position = 0;
    for (const event of fresh) {
      revision += 1;
      // A copied event keeps its original time, as long as that keeps recordedAt in position order.
      const candidate = event.recordedAt ?? live;
      const recordedAt = floor !== undefined && floor >= candidate ? floor : candidate;
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
      // The seal covers the position, known only once inserted; sealing in this same transaction
      // means no reader ever sees the row unsealed. Parsed from the stored text, so that it is
      // what a verifier recomputes from the row.
      const seal = this.sealer.sealInserted(
        {
          id: event.id,
          streamId,
          revision,
          position,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: JSON.parse(event.data) as unknown,
          metadata: JSON.parse(event.metadata) as EventMetadata,
          recordedAt,
        },
        streamHash,
        chainHash,
      );
      streamHash = seal.streamHash;
      chainHash = seal.chainHash;
    }
    return { result: { nextRevision: revision, position }, appended: fresh.length, chainHash };
  }

  /** The clock's time, but never before the last stored event's, so recordedAt follows position. */
  private nextRecordedAt(last: string | undefined): string {
    const now = this.clock();
    if (Number.isNaN(now.getTime())) throw new Error('The event store clock returned an invalid date');
    return last !== undefined && Date.parse(last) > now.getTime() ? last : now.toISOString();
  }
}

interface SavepointOutcome {
  readonly result: AppendResult;
  readonly appended: number;
  /** The global chain's head after this append. */
  readonly chainHash: string;
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

function matches(expected: ExpectedRevision, actual: number | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === undefined;
  return actual === expected;
}
