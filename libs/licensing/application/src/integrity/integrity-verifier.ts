import { GENESIS_HASH, sealOf } from '@licences/event-store';
import type { EventSeal, EventStore, RecordedEvent } from '@licences/event-store';
import { inPages } from './in-pages';
import { classifyProblem } from './integrity-problems';
import type { IntegrityProblem, WalkState } from './integrity-problems';

export type { IntegrityProblem, IntegrityProblemKind } from './integrity-problems';

/** A chain hash published earlier, compared with the one stored now at its position. */
export interface IntegrityCheckpoint {
  readonly position: number;
  readonly expectedHash: string;
  /** The verified chain hash at that position; null when no verified event has that position. */
  readonly actualHash: string | null;
  /**
   * The chain hash stored with the event at that position, verified or not: it tells a changed
   * event from a missing one when the walk stopped before it. Null when no sealed event is there.
   */
  readonly storedHash: string | null;
  readonly matches: boolean;
  /** One line for people: what was found at that position. */
  readonly finding: string;
}

export interface IntegrityReport {
  /** Every event verified against its seals (and the checkpoint matched, when one was given). */
  readonly intact: boolean;
  /** False when the store does not seal its events (EventStoreDB): then nothing could be checked. */
  readonly sealed: boolean;
  /** Events verified before the first problem (all of them when intact). */
  readonly eventsChecked: number;
  /** Position of the last event verified: the head of the store when intact. */
  readonly headPosition: number;
  /** Chain hash of that event, the one to publish; GENESIS_HASH for an empty store, null when unsealed. */
  readonly headHash: string | null;
  readonly firstProblem?: IntegrityProblem;
  readonly checkpoint?: IntegrityCheckpoint;
  /** One line for people. */
  readonly summary: string;
}

export interface VerifyIntegrityOptions {
  /** A published chain hash; without a position it must be the hash of the current head. */
  readonly expectHead?: { readonly hash: string; readonly position?: number };
  readonly pageSize?: number;
}

/** Events read at once: large pages keep the reads near the store's speed, memory still flat. */
export const INTEGRITY_PAGE_SIZE = 5000;

type IntegritySource = Pick<EventStore, 'readAll' | 'readStream'>;

/** The event's seal when it verifies where it stands: its stream's next revision, both hashes equal. */
function verifiedSeal(
  event: RecordedEvent,
  stream: { readonly revision: number } | undefined,
  previousStreamHash: string,
  previousChainHash: string,
): EventSeal | undefined {
  if (!event.seal || event.revision !== (stream ? stream.revision + 1 : 0)) return undefined;
  const seal = sealOf(event, previousStreamHash, previousChainHash);
  return seal.chainHash === event.seal.chainHash && seal.streamHash === event.seal.streamHash
    ? seal
    : undefined;
}

/**
 * The whole store in global order, a page at a time, yielding to the event loop between pages:
 * callers hash each page synchronously, and an HTTP server must go on answering meanwhile.
 */
async function* pagesOf(
  store: IntegritySource,
  pageSize: number,
): AsyncGenerator<RecordedEvent[], undefined> {
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return undefined;
    after = page.at(-1)!.position;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The whole store in global order, one page at a time. */
function allEvents(store: IntegritySource, pageSize: number): AsyncGenerator<RecordedEvent> {
  return inPages(
    (after, maxCount) => store.readAll({ after, maxCount }),
    (event) => event.position,
    pageSize,
  );
}

/**
 * Walks every event in global order, recomputing both hash chains (`sealOf`) from the stored
 * content, and stops at the first event that does not verify. How that event is named:
 * - `inserted`: it has a revision its stream already had, or the next event's stored chain hash
 *   continues from the event before it (removing it would mend the chain), or its seal is a copy
 *   of another event's, or it has no seal in a sealed store while the chain continues without it;
 * - `removed`: its stream skips a revision that is stored nowhere, or its content matches its
 *   stream hash while its chain hash does not follow from the previous event's (an event between
 *   them is missing); it names the first event after the gap;
 * - `reordered`: its stream reaches it before a lower revision stored later, or the content of
 *   another event of its stream is what was sealed at its place;
 * - `changed`: its content (or its stream hash, or its revision) no longer matches its seal.
 * A removal of the newest events leaves no gap to see: a published head hash (`expectHead`)
 * catches it, as it catches a history rewritten with freshly computed seals.
 *
 * Memory: one page of events, plus the last revision and hash of each stream.
 */
export async function verifyIntegrity(
  store: IntegritySource,
  options: VerifyIntegrityOptions = {},
): Promise<IntegrityReport> {
  const expected = options.expectHead;
  // Updated in place: one small object per stream, however many events it has.
  const streams = new Map<string, { revision: number; streamHash: string }>();
  let previousPosition = 0;
  let previousChainHash = GENESIS_HASH;
  let checked = 0;
  let atCheckpoint: string | null = null;
  const pageSize = options.pageSize ?? INTEGRITY_PAGE_SIZE;

  const pages = pagesOf(store, pageSize);
  let page = (await pages.next()).value ?? [];
  while (page.length > 0) {
    // The walk needs each event's successor: the last of a page waits for the next page.
    const nextPage = page.length === pageSize ? ((await pages.next()).value ?? []) : [];
    for (let i = 0; i < page.length; i++) {
      const event = page[i]!;
      const following = i + 1 < page.length ? page[i + 1] : nextPage[0];
      if (checked === 0 && !event.seal && !following?.seal) {
        return unsealedReport(event);
      }
      const stream = streams.get(event.streamId);
      const previousStreamHash = stream?.streamHash ?? GENESIS_HASH;
      // The common case, an event that verifies, costs one encoding and two hashes; only an event
      // that does not is handed to classifyProblem, which reads more to name what happened.
      let seal = verifiedSeal(event, stream, previousStreamHash, previousChainHash);
      if (!seal) {
        const state: WalkState = { previousPosition, previousChainHash, stream, previousStreamHash };
        const found = await classifyProblem(event, following, state, store);
        if (found) {
          const published =
            expected && (await checkpointOf(store, pageSize, expected, atCheckpoint, found.position));
          return report(false, checked, previousPosition, previousChainHash, published, found);
        }
        seal = sealOf(event, previousStreamHash, previousChainHash);
      }
      if (stream) {
        stream.revision = event.revision;
        stream.streamHash = seal.streamHash;
      } else {
        streams.set(event.streamId, { revision: event.revision, streamHash: seal.streamHash });
      }
      previousPosition = event.position;
      previousChainHash = seal.chainHash;
      checked += 1;
      if (expected?.position === event.position) atCheckpoint = seal.chainHash;
    }
    page = nextPage;
  }
  if (expected && expected.position === undefined) atCheckpoint = previousChainHash;
  const published =
    expected &&
    (await checkpointOf(
      store,
      pageSize,
      { hash: expected.hash, position: expected.position ?? previousPosition },
      atCheckpoint,
    ));
  return report(true, checked, previousPosition, previousChainHash, published);
}

/** The event stored at `position`, or the last one when no position is given; read, not verified. */
async function storedEvent(
  store: IntegritySource,
  pageSize: number,
  position: number | undefined,
): Promise<RecordedEvent | undefined> {
  if (position !== undefined) {
    if (position < 1) return undefined;
    const [event] = await store.readAll({ after: position - 1, maxCount: 1 });
    return event?.position === position ? event : undefined;
  }
  let last: RecordedEvent | undefined;
  for await (const event of allEvents(store, pageSize)) last = event;
  return last;
}

/**
 * Compares a published hash with the store. `actualHash` is the chain hash the walk verified at
 * the published position; when the walk stopped at `brokenAt` before reaching it, the event
 * stored there is read as it is, so that a changed event is not reported as a missing one.
 * Without a position the published hash is the head's: the last event stored, verified or not.
 */
async function checkpointOf(
  store: IntegritySource,
  pageSize: number,
  expected: NonNullable<VerifyIntegrityOptions['expectHead']>,
  actualHash: string | null,
  brokenAt?: number,
): Promise<IntegrityCheckpoint> {
  const expectedHash = expected.hash.toLowerCase();
  const reached = brokenAt === undefined || (expected.position !== undefined && expected.position < brokenAt);
  const event = await storedEvent(store, pageSize, expected.position);
  const position = expected.position ?? event?.position ?? 0;
  const storedHash = event?.seal?.chainHash ?? null;
  const matches = reached && actualHash !== null && actualHash === expectedHash;
  let finding: string;
  if (matches) {
    finding = 'matches';
  } else if (reached && actualHash !== null) {
    finding =
      `the chain hash at position ${position} is ${actualHash}, not the published ${expectedHash}: ` +
      'the history up to it was rewritten';
  } else if (!event) {
    finding = `no event is stored at position ${position}`;
  } else if (storedHash === null) {
    finding = `the event at position ${position} has no seal: the store was changed at or before ${position}`;
  } else if (storedHash !== expectedHash) {
    finding =
      `the event at position ${position} has hash ${storedHash}, not the expected ${expectedHash}: ` +
      `the store was changed at or before ${position}`;
  } else {
    finding =
      `the event at position ${position} still carries the expected hash, but the chain breaks before ` +
      `it reaches it (at position ${brokenAt}): the store was changed at or before ${position}`;
  }
  return { position, expectedHash, actualHash: reached ? actualHash : null, storedHash, matches, finding };
}

function report(
  verified: boolean,
  eventsChecked: number,
  headPosition: number,
  headHash: string,
  checkpoint: IntegrityCheckpoint | undefined,
  firstProblem?: IntegrityProblem,
): IntegrityReport {
  const intact = verified && (checkpoint?.matches ?? true);
  return {
    intact,
    sealed: true,
    eventsChecked,
    headPosition,
    headHash,
    ...(firstProblem && { firstProblem }),
    ...(checkpoint && { checkpoint }),
    summary: summaryOf(eventsChecked, headPosition, headHash, firstProblem, checkpoint),
  };
}

function summaryOf(
  eventsChecked: number,
  headPosition: number,
  headHash: string,
  firstProblem: IntegrityProblem | undefined,
  checkpoint: IntegrityCheckpoint | undefined,
): string {
  if (firstProblem) {
    const { kind, position, eventId, streamId, revision, detail } = firstProblem;
    return (
      `Tampered: event ${kind} at position ${position} (${streamId} revision ${revision}, id ${eventId}): ` +
      `${detail}. ${eventsChecked} events before it verified.`
    );
  }
  if (checkpoint && !checkpoint.matches) return `Tampered: ${checkpoint.finding}.`;
  return `Intact: ${eventsChecked} events verified; head position ${headPosition}, head hash ${headHash}.`;
}

function unsealedReport(first: RecordedEvent): IntegrityReport {
  return {
    intact: false,
    sealed: false,
    eventsChecked: 0,
    headPosition: 0,
    headHash: null,
    summary:
      `Not sealed by this store: the event at position ${first.position} (and the next) carries no seal, ` +
      'so nothing could be verified.',
  };
}
