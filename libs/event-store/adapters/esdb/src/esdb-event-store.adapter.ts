import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  NO_STREAM,
  START,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  Direction,
  ReadPosition,
} from '@eventstore/db-client';
import {
  checkStreamPrefix,
  EventIdConflictError,
  eventIdConflictOf,
  InvalidAppendError,
  isUuid,
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
import type { Observable } from 'rxjs';
import { DEFAULT_RETRY, isStreamNotFound, toPortError, withRetry } from './esdb-errors';
import type { RetryPolicy } from './esdb-errors';
import { EventIdClaims, isClaimStream } from './esdb-event-id-claims';
import { isHiddenEvent, toEsdbPosition, toEventData, toRecordedEvent } from './esdb-event.mapper';
import { subscribeToAllWithResume } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader` */
  readonly connectionString: string;
  readonly retry?: RetryPolicy;
  /** Wait before resubscribing after a dropped subscription. */
  readonly resubscribeDelayMs?: number;
}

/** Events per page when reading `$all`. */
const READ_PAGE = 500;

function toExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

function validate(events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (events.length === 0) throw new InvalidAppendError('A batch must hold at least one event');
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new InvalidAppendError(`Expected revision ${expected} is not a revision`);
  }
  const ids = new Set<string>();
  for (const [i, event] of events.entries()) {
    if (!isUuid(event.id)) throw new InvalidAppendError(`Event #${i} has an id that is not a UUID`);
    if (!event.type) throw new InvalidAppendError(`Event #${i} (${event.id}) has an empty type`);
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(`Event #${i} (${event.id}) has an invalid schemaVersion`);
    }
    if (ids.has(event.id)) throw new InvalidAppendError(`Event id ${event.id} appears twice in one batch`);
    ids.add(event.id);
  }
}

/**
 * The event store on an EventStoreDB cluster, through the official gRPC client.
 *
 * Event ids pass through unchanged, so the server itself deduplicates a retried append. The
 * server compares ids only, and only within a stream, so the adapter keeps the port's rule on
 * ids itself (`EventStore`):
 * - it reads the stream before appending: a stored id with the same content is skipped whatever
 *   the expected revision, one with other content is refused;
 * - it binds each new id to the stream in a claim stream (`esdb-event-id-claims.ts`) before the
 *   append, so that an id another stream holds is refused;
 * - it reads the appended revisions back, because a concurrent writer may have stored other
 *   content under the same ids there first, which the server answers as an idempotent success.
 * An id is bound to the first stream an append proposed it for, even if that append then failed
 * (a lost race, a crash); that refuses only ids that were already reused across streams. Ids
 * stored by adapter versions without claims are not bound, so their reuse in another stream is
 * not detected. Reads and appends are retried on NotLeader, Unavailable and DeadlineExceeded;
 * nothing else is retried.
 */
export class EsdbEventStore implements EventStore {
  private readonly retry: RetryPolicy;
  private readonly claims: EventIdClaims;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.claims = new EventIdClaims(client);
  }

  static connect(options: EsdbEventStoreOptions): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(options.connectionString), options);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (!streamId) throw new InvalidAppendError('The stream id must not be empty');
    if (isClaimStream(streamId)) throw new InvalidAppendError(`Stream ${streamId} is kept by the adapter`);
    validate(events, expected);
    try {
      return await withRetry(this.retry, () => this.appendOnce(streamId, events, expected));
    } catch (error) {
      throw toPortError(error, streamId, expected);
    }
  }

  private async appendOnce(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const stored = new Map((await this.readStreamRaw(streamId, {})).map((e) => [e.id, e]));
    for (const event of events) {
      const same = stored.get(event.id);
      if (same) refuseConflict(streamId, event, same);
    }
    const fresh = events.filter((e) => !stored.has(e.id));
    if (fresh.length === 0) {
      // A retry of an acknowledged batch: answer as the first time.
      const last = events
        .map((e) => stored.get(e.id) as RecordedEvent)
        .reduce((a, b) => (b.position > a.position ? b : a));
      return { nextRevision: last.revision, position: last.position };
    }
    await this.claims.bind(
      streamId,
      fresh.map((e) => e.id),
    );
    const result = await this.client.appendToStream(streamId, fresh.map(toEventData), {
      expectedRevision: toExpected(expected),
    });
    return this.checkAppended(streamId, fresh, Number(result.nextExpectedRevision));
  }

  /**
   * Reads back what the server says it holds for the batch. It answers an append whose ids
   * already sit at the expected place as an idempotent success without looking at their content,
   * so a concurrent writer's other event under one of our ids shows up only here.
   */
  private async checkAppended(
    streamId: string,
    fresh: readonly NewEvent[],
    nextRevision: number,
  ): Promise<AppendResult> {
    const from = nextRevision - fresh.length + 1;
    const appended = await this.readStreamRaw(streamId, { fromRevision: from, maxCount: fresh.length });
    for (const [i, event] of fresh.entries()) {
      const found = appended[i];
      if (found?.id !== event.id) {
        throw new Error(
          `EventStoreDB acknowledged ${event.id} at revision ${from + i} of ${streamId}, which holds ${found?.id ?? 'nothing'}`,
        );
      }
      refuseConflict(streamId, event, found);
    }
    const last = appended.at(-1) as RecordedEvent;
    return { nextRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    try {
      return await withRetry(this.retry, () => this.readStreamRaw(streamId, options));
    } catch (error) {
      throw toPortError(error);
    }
  }

  private async readStreamRaw(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision:
        options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      ...(options.maxCount !== undefined && { maxCount: options.maxCount }),
    });
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of read) if (resolved.event) out.push(toRecordedEvent(resolved));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return out;
  }

  async streamRevision(streamId: string): Promise<number | undefined> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const prefix = checkStreamPrefix(options.streamPrefix);
    try {
      return await withRetry(this.retry, async () => {
        const out: RecordedEvent[] = [];
        let from: ReadPosition = after > 0 ? toEsdbPosition(after) : START;
        let previous: bigint | undefined;
        for (;;) {
          // Forward reads include their starting event, so every page after the first asks one more;
          // this client reads $all unfiltered, so a read of one prefix reads whole pages.
          const size = prefix ? READ_PAGE : Math.min(READ_PAGE, Math.max(2, limit - out.length + 1));
          const page = await this.readAllPage(FORWARDS, from, size);
          for (const resolved of page) {
            if (isHiddenEvent(resolved) || (prefix && !resolved.event?.streamId.startsWith(prefix))) continue;
            const event = toRecordedEvent(resolved);
            if (event.position > after && event.position > (out.at(-1)?.position ?? 0)) out.push(event);
          }
          const last = page.at(-1)?.event?.position;
          if (out.length >= limit || page.length < size || !last || last.commit === previous) break;
          previous = last.commit;
          from = last;
        }
        return out.slice(0, limit);
      });
    } catch (error) {
      throw toPortError(error);
    }
  }

  async headPosition(): Promise<number> {
    try {
      return await withRetry(this.retry, async () => {
        let from: ReadPosition = END;
        for (;;) {
          const page = await this.readAllPage(BACKWARDS, from, READ_PAGE);
          const ours = page.find((resolved) => !isHiddenEvent(resolved));
          if (ours) return toRecordedEvent(ours).position;
          const last = page.at(-1)?.event?.position;
          if (page.length < READ_PAGE || !last) return 0;
          from = last;
        }
      });
    } catch (error) {
      throw toPortError(error);
    }
  }

  /**
   * Reads one bounded page of `$all` to its end. Leaving a read half-consumed would keep its
   * gRPC call open and make the client's dispose() wait forever, so callers never break early.
   */
  private async readAllPage(
    direction: Direction,
    fromPosition: ReadPosition,
    maxCount: number,
  ): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({ direction, fromPosition, maxCount }))
      page.push(resolved);
    return page;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Observable<RecordedEvent> {
    return subscribeToAllWithResume(
      (after, onCheckpoint) =>
        this.client.subscribeToAll({
          fromPosition: after > 0 ? toEsdbPosition(after) : START,
          filter: excludeSystemEvents({
            checkpointReached: (_subscription, position) => onCheckpoint(position),
          }),
        }),
      options.after ?? 0,
      this.options.resubscribeDelayMs ?? 250,
    );
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function refuseConflict(streamId: string, event: NewEvent, stored: RecordedEvent): void {
  const conflict = eventIdConflictOf({ ...event, streamId }, stored);
  if (conflict) throw new EventIdConflictError(streamId, event.id, stored.streamId, conflict);
}
