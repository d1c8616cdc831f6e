/**
 * TEST DOUBLE — in-memory event log behind the EventStoreDB stand-in (see esdb-stand-in.ts).
 * Not a database: no persistence, no scavenging, no deletes, no links, no projections.
 *
 * Models what our adapter relies on: per-stream revisions (0-based), one global log whose
 * positions only grow (commit = prepare), `created` timestamps that never decrease, the
 * optimistic-concurrency rules of an append and the server's idempotency check.
 */

/** An event as the log holds it. Positions and revisions are bigint, as on the wire (uint64). */
export interface StoredEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Commit and prepare position: the stand-in writes one record per event, so they are equal. */
  readonly position: bigint;
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends it in the `created` metadata. */
  readonly created: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export type ExpectedRevision =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'exact'; readonly revision: bigint };

/** `currentRevision` undefined means the stream does not exist; `position` undefined means "no position". */
export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision?: bigint; readonly position?: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision?: bigint };

export type AppendListener = (event: StoredEvent) => void;

const FIRST_POSITION = 1000n;
/** Positions grow by a record-size-like step (header + payload) so nobody can assume "+1". */
const RECORD_HEADER_BYTES = 64n;
const TICKS_PER_MILLISECOND = 10_000n;

export class EventLog {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<AppendListener>();
  private nextPosition = FIRST_POSITION;
  private lastCreated = 0n;

  /** Every event in log order (the `$all` stream). */
  get all(): readonly StoredEvent[] {
    return this.log;
  }

  /** The events of one stream in revision order, or undefined if the stream does not exist. */
  stream(streamName: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** Called synchronously, in log order, for every event stored from now on. Returns an unsubscribe. */
  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(streamName: string, expected: ExpectedRevision, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);

    const retried = this.idempotentRetry(stream, expected, events);
    if (retried === 'corrupted') return { kind: 'wrong-expected-version', currentRevision: current };
    if (retried) return { kind: 'success', currentRevision: retried.revision, position: retried.position };

    if (!expectationHolds(expected, current)) {
      return { kind: 'wrong-expected-version', currentRevision: current };
    }
    if (events.length === 0) return { kind: 'success', currentRevision: current };

    const stored = events.map((event, index) => this.record(streamName, stream.length + index, event));
    stream.push(...stored);
    this.streams.set(streamName, stream);
    this.log.push(...stored);
    for (const event of stored) for (const listener of [...this.listeners]) listener(event);
    const last = stored[stored.length - 1];
    return { kind: 'success', currentRevision: last?.revision, position: last?.position };
  }

  /**
   * The server's idempotency check (IndexWriter.CheckCommit): a write whose event ids are already
   * stored where the write would have put them succeeds again without storing anything.
   * - exact revision / no_stream: the ids must be the events right after the expected revision;
   * - any: the first id must be in the stream and the others must follow it; if only some do,
   *   the server reports "corrupted idempotency" as a wrong expected version;
   * - stream_exists: no idempotency check.
   */
  private idempotentRetry(
    stream: readonly StoredEvent[],
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
  ): StoredEvent | 'corrupted' | undefined {
    const [first] = events;
    if (!first) return undefined;
    let start: number;
    switch (expected.kind) {
      case 'stream_exists':
        return undefined;
      case 'any':
        start = stream.findIndex((stored) => stored.id === first.id);
        if (start < 0) return undefined;
        break;
      case 'no_stream':
        start = 0;
        break;
      case 'exact':
        start = Number(expected.revision) + 1;
        break;
    }
    if (start >= stream.length) return undefined;
    const matches = events.every((event, index) => stream[start + index]?.id === event.id);
    if (!matches) return expected.kind === 'any' ? 'corrupted' : undefined;
    return stream[start + events.length - 1];
  }

  private record(streamName: string, revision: number, event: ProposedEvent): StoredEvent {
    const position = this.nextPosition;
    this.nextPosition +=
      RECORD_HEADER_BYTES + BigInt(event.data.length + event.customMetadata.length + event.type.length);
    const now = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    this.lastCreated = now > this.lastCreated ? now : this.lastCreated;
    return { ...event, streamName, revision: BigInt(revision), position, created: this.lastCreated };
  }
}

function expectationHolds(expected: ExpectedRevision, current: bigint | undefined): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    case 'exact':
      return current === expected.revision;
  }
}
