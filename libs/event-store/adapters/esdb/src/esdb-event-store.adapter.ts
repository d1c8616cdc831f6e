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
import { InvalidAppendError, isUuid } from '@licences/event-store';
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
import { isSystemEvent, toEsdbPosition, toEventData, toRecordedEvent } from './esdb-event.mapper';
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
 * Event ids pass through unchanged, so the server itself deduplicates a retried append; the
 * adapter also reads the stream before appending, so that an id stored earlier in the stream is
 * skipped whatever the expected revision (the port's promise). Reads and appends are retried on
 * NotLeader, Unavailable and DeadlineExceeded; nothing else is retried.
 */
export class EsdbEventStore implements EventStore {
  private readonly retry: RetryPolicy;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
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
    const fresh = events.filter((e) => !stored.has(e.id));
    if (fresh.length === 0) {
      // A retry of an acknowledged batch: answer as the first time.
      const last = events
        .map((e) => stored.get(e.id) as RecordedEvent)
        .reduce((a, b) => (b.position > a.position ? b : a));
      return { nextRevision: last.revision, position: last.position };
    }
    const result = await this.client.appendToStream(streamId, fresh.map(toEventData), {
      expectedRevision: toExpected(expected),
    });
    if (!result.position) throw new Error('EventStoreDB did not return the position of the append');
    return {
      nextRevision: Number(result.nextExpectedRevision),
      position: Number(result.position.commit) + 1,
    };
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
    try {
      return await withRetry(this.retry, async () => {
        const out: RecordedEvent[] = [];
        let from: ReadPosition = after > 0 ? toEsdbPosition(after) : START;
        let previous: bigint | undefined;
        for (;;) {
          // Forward reads include their starting event, so every page after the first asks one more.
          const size = Math.min(READ_PAGE, Math.max(2, limit - out.length + 1));
          const page = await this.readAllPage(FORWARDS, from, size);
          for (const resolved of page) {
            if (isSystemEvent(resolved)) continue;
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
          const ours = page.find((resolved) => !isSystemEvent(resolved));
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
