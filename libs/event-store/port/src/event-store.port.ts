import type { Observable } from 'rxjs';

/** Who took a decision: the subject of the caller's token and the role it acted in. */
export interface Actor {
  readonly sub: string;
  readonly role: string;
}

/** Metadata every stored event carries, supplied by the writer (the store adds `recordedAt`). */
export interface EventMetadata {
  /** Business time: when the decision was taken (ISO 8601 instant). */
  readonly occurredAt: string;
  readonly actor: Actor;
  /** Ties together every event caused by one user request. */
  readonly correlationId: string;
  /** The id of the message (command or event) that caused this event. */
  readonly causationId: string;
  /** Set on events that record decisions taken before the system existed (a historical import). */
  readonly imported?: ImportMarker;
}

/** Where an imported event came from, and the two officials who let it in. */
export interface ImportMarker {
  readonly importId: string;
  /** The line of the imported file that the event records. */
  readonly line: number;
  /** The admin who staged the file; absent on events imported before imports needed approval. */
  readonly uploadedBy?: Actor;
  /** The other admin, who approved it; absent like `uploadedBy`. */
  readonly approvedBy?: Actor;
}

/** The form of an event id (and of the ids that address cases in this product): a UUID. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID, the only form of event id the port accepts (EventStoreDB requires it). */
export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/**
 * An event to append. `id` is a UUID that names this one event across the whole store: appending
 * it again is a retry (see `EventStore` for exactly when), never a second event.
 */
export interface NewEvent<TType extends string = string, TData = unknown> {
  readonly id: string;
  /** Stable type name, independent of any class name (for example `Issued`). */
  readonly type: TType;
  /** Version of the payload's schema, so that old payloads can be upcast on read. */
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
  /**
   * Only for copying events that were already recorded elsewhere (a migration between stores):
   * keeps their original recording time. Live appends leave it out and get the store's time.
   */
  readonly recordedAt?: string;
}

/** An event as stored. */
export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<
  TType,
  TData
> {
  readonly streamId: string;
  /** 0-based position of the event inside its stream. */
  readonly revision: number;
  /** 1-based position in the store's global order; strictly increasing, gaps allowed. */
  readonly position: number;
  /** When the store durably recorded the event (ISO 8601 instant); never decreases with `position`. */
  readonly recordedAt: string;
  /**
   * The event's place in the store's hash chains (`sealOf` in `event-seal.ts`), as stored with it.
   * Only adapters that seal fill it; absent means the store does not seal its events.
   */
  readonly seal?: { readonly streamHash: string; readonly chainHash: string };
}

/**
 * What the writer believes about the stream before appending:
 * `'no-stream'` (the stream must not exist), `'any'` (no check) or the exact
 * revision of the stream's last event.
 */
export type ExpectedRevision = 'no-stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextRevision: number;
  /** Global position of the last event of the batch (or of the already stored duplicate). */
  readonly position: number;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive revision to start from; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive global position to read after; 0 (the default) reads from the start. */
  readonly after?: number;
  /** At most this many events (of those `streamPrefix` selects, when given). */
  readonly maxCount?: number;
  /**
   * Only the events of streams whose id starts with this (non-empty) prefix, still in global
   * order: a reader of one kind of stream need not read, or parse, the whole store.
   */
  readonly streamPrefix?: string;
}

/**
 * The `streamPrefix` of read options, checked alike by every adapter.
 * @throws RangeError for anything but a non-empty string.
 */
export function checkStreamPrefix(prefix: unknown): string | undefined {
  if (prefix === undefined) return undefined;
  if (typeof prefix !== 'string' || prefix.length === 0) {
    throw new RangeError(`streamPrefix must be a non-empty string, got ${JSON.stringify(prefix)}`);
  }
  return prefix;
}

/** Where a stream-ordered read goes on: just after this event (its stream, then its revision). */
export interface StreamCursor {
  readonly streamId: string;
  readonly revision: number;
}

export interface ReadAllByStreamOptions {
  /** Inclusive global position: only events stored at or before it (a rebuild's target). */
  readonly upTo: number;
  /** Exclusive: the last event of the previous page; omitted, the read starts at the first stream. */
  readonly after?: StreamCursor;
  readonly maxCount?: number;
}

/**
 * The options of a stream-ordered read, checked alike by every adapter that offers it.
 * @throws RangeError for a negative or fractional count, or a cursor without a stream id.
 */
export function checkReadAllByStream(options: ReadAllByStreamOptions): ReadAllByStreamOptions {
  const count = (value: unknown, name: string) => {
    if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
      throw new RangeError(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
    }
  };
  count(options.upTo, 'upTo');
  if (options.upTo === undefined) throw new RangeError('upTo is required');
  count(options.maxCount, 'maxCount');
  if (options.after !== undefined) {
    if (typeof options.after.streamId !== 'string' || options.after.streamId.length === 0) {
      throw new RangeError(
        `after.streamId must be a non-empty string, got ${JSON.stringify(options.after.streamId)}`,
      );
    }
    count(options.after.revision, 'after.revision');
  }
  return options;
}

export interface SubscribeToAllOptions {
  /** Exclusive global position: the subscription delivers every event after it, then live events. */
  readonly after?: number;
}

/**
 * Append-only store of event streams with optimistic concurrency.
 *
 * Guarantees every adapter must keep (the conformance suite checks them):
 * - an append is atomic: all events of the batch are stored, or none;
 * - an acknowledged append is durable;
 * - event ids are unique in the whole store, and a stored id is only ever answered for the same
 *   event. An event whose id is already stored in the same stream with the same type, schema
 *   version and data (`eventIdConflictOf`) is an idempotent retry: it is not stored again, and a
 *   batch made only of such events is a successful no-op answering the stored revision and
 *   position, whatever the expected revision. Metadata takes no part in this: a retry may carry
 *   another `occurredAt`, correlation or causation, and the stored metadata stays. Any other reuse
 *   of a stored id (in another stream, or with another type, schema version or data) throws
 *   `EventIdConflictError` and stores nothing of the batch; it is never reported as success;
 * - global positions follow append order and never repeat.
 */
export interface EventStore {
  /**
   * Appends events to a stream if its current revision matches `expected`.
   * @throws WrongExpectedRevisionError when it does not.
   * @throws EventIdConflictError when an event's id is stored for another event (see above).
   * @throws InvalidAppendError when the batch is not storable.
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;

  /** Reads a stream's events in revision order; an unknown stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Revision of the stream's last event, or `undefined` when the stream does not exist. */
  streamRevision(streamId: string): Promise<number | undefined>;

  /** Reads events of all streams in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Optional: the events stored at or before `upTo`, stream after stream (streams in the store's
   * own order of their ids), each stream's events together and in revision order. A rebuild of
   * projections that fold each stream on its own reads this way to finish one case before the next,
   * writing its rows once instead of once per page that touches it. An adapter that cannot read
   * in stream order leaves this out, and such readers fall back to `readAll`. Page with `after`,
   * the last event of the previous page: every event up to `upTo` is read exactly once.
   */
  readAllByStream?(options: ReadAllByStreamOptions): Promise<RecordedEvent[]>;

  /** Global position of the last stored event (0 when the store is empty). */
  headPosition(): Promise<number>;

  /**
   * Catch-up subscription: first every stored event after `options.after`, then each new
   * event as it is appended (also by other processes sharing the store), in global order,
   * without gaps or repeats. Unsubscribing stops it.
   */
  subscribeToAll(options?: SubscribeToAllOptions): Observable<RecordedEvent>;

  /** Releases the store's resources; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** Injection token for the event store port. */
export const EVENT_STORE = Symbol.for('licences.EventStore');
