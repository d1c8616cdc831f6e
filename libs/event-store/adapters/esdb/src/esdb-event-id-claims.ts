import { jsonEvent, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import type { EventStoreDBClient, ResolvedEvent, AllStreamResolvedEvent } from '@eventstore/db-client';
import { EventIdConflictError, uuidOfTuple } from '@licences/event-store';
import { isStreamNotFound } from './esdb-errors';

/**
 * EventStoreDB keeps event ids per stream only: it appends an id that another stream holds, and
 * it has no index from id to stream to ask. The adapter therefore binds every id to its stream
 * in a claim stream of its own (`event-id-claim-<id>`), written with `no-stream` before the event
 * is appended, so that the server's own optimistic concurrency lets exactly one stream have it.
 * Claims are bookkeeping of the adapter: reads and subscriptions never show them.
 */
export const CLAIM_STREAM_PREFIX = 'event-id-claim-';
const CLAIM_TYPE = 'EventIdClaimed';

interface Claim {
  readonly eventId: string;
  readonly streamId: string;
}

export function isClaimStream(streamId: string): boolean {
  return streamId.startsWith(CLAIM_STREAM_PREFIX);
}

export function isClaim(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  return resolved.event !== undefined && isClaimStream(resolved.event.streamId);
}

/**
 * The claim's own event id is derived from the id and the stream, so that claiming again for the
 * same stream is the server's idempotent retry and claiming for another stream is refused as a
 * wrong expected version.
 */
const claimEventId = (claim: Claim): string =>
  uuidOfTuple(['esdb-event-id-claim/v1', claim.eventId, claim.streamId]);

export class EventIdClaims {
  constructor(private readonly client: EventStoreDBClient) {}

  /**
   * Binds every id to `streamId`. All claims are read before any is written, so a batch refused
   * for one id leaves the others free; an id is refused when another stream claimed it first.
   * @throws EventIdConflictError
   */
  async bind(streamId: string, eventIds: readonly string[]): Promise<void> {
    const holders = await settleAll(eventIds.map((eventId) => this.holderOf(eventId)));
    for (const [i, holder] of holders.entries()) {
      if (holder !== undefined && holder !== streamId) {
        throw new EventIdConflictError(streamId, eventIds[i] as string, holder, 'other-stream');
      }
    }
    const unclaimed = eventIds.filter((_, i) => holders[i] === undefined);
    await settleAll(unclaimed.map((eventId) => this.claim({ eventId, streamId })));
  }

  private async holderOf(eventId: string): Promise<string | undefined> {
    try {
      // Read to the end (one event at most): a read left half-consumed keeps its gRPC call open.
      let holder: string | undefined;
      for await (const resolved of this.client.readStream(CLAIM_STREAM_PREFIX + eventId, { maxCount: 1 })) {
        const data = resolved.event?.data as Partial<Claim> | undefined;
        if (typeof data?.streamId === 'string') holder = data.streamId;
      }
      return holder;
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
  }

  private async claim(claim: Claim): Promise<void> {
    const event = jsonEvent({ id: claimEventId(claim), type: CLAIM_TYPE, data: { ...claim } });
    try {
      await this.client.appendToStream(CLAIM_STREAM_PREFIX + claim.eventId, event, {
        expectedRevision: NO_STREAM,
      });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Another writer claimed the id between our read and our write.
      const holder = (await this.holderOf(claim.eventId)) ?? 'an unknown stream';
      if (holder === claim.streamId) return;
      throw new EventIdConflictError(claim.streamId, claim.eventId, holder, 'other-stream');
    }
  }
}

/** Like Promise.all, but waits for every call to end first, so no gRPC call is left running. */
async function settleAll<T>(work: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
