import type { Response } from 'express';
import type { EventStore } from '@licences/event-store';
import type { ProjectionWaiter } from '@licences/licensing-read-models';

/** Every read names the position its read models had reached before it was answered. */
export const READ_MODEL_POSITION_HEADER = 'X-Read-Model-Position';

/** How long a read with `minPosition` waits for the read models before it answers 503. */
export const MIN_POSITION_WAIT_MS = 5_000;

/** What a client that got 503 should wait before asking again. */
export const RETRY_AFTER_SECONDS = 2;

/** The read models did not reach the position the client asked for within the wait. */
export class ReadModelNotCaughtUpError extends Error {
  constructor(
    readonly minPosition: number,
    readonly readModelPosition: number,
  ) {
    super(
      `The read models reached position ${readModelPosition}, not ${minPosition}, within ` +
        `${MIN_POSITION_WAIT_MS / 1000} s; ask again after ${RETRY_AFTER_SECONDS} s`,
    );
  }
}

/** The client asked for a position the event store has not reached: no wait could give it. */
export class MinPositionBeyondHeadError extends Error {
  constructor(
    readonly minPosition: number,
    readonly headPosition: number,
  ) {
    super(
      `minPosition ${minPosition} lies beyond the event store's head (position ${headPosition}); ` +
        'pass the position a command answered with',
    );
  }
}

export interface ReadModelSources {
  readonly waiter: ProjectionWaiter;
  readonly events: EventStore;
}

/**
 * Before a read: waits until the read models include `minPosition` (when given), refusing a
 * position the store never reached at once and answering 503 rather than stale data when the wait
 * runs out; then sets X-Read-Model-Position, so that every answer says how fresh it is.
 */
export async function awaitReadModels(
  { waiter, events }: ReadModelSources,
  minPosition: string | undefined,
  response: Response,
): Promise<void> {
  let reached = await waiter.reached();
  if (minPosition !== undefined && reached < Number(minPosition)) {
    const wanted = Number(minPosition);
    const head = await events.headPosition();
    if (wanted > head) throw new MinPositionBeyondHeadError(wanted, head);
    const caughtUp = await waiter.waitFor(wanted, MIN_POSITION_WAIT_MS);
    reached = await waiter.reached();
    if (!caughtUp) throw new ReadModelNotCaughtUpError(wanted, reached);
  }
  response.setHeader(READ_MODEL_POSITION_HEADER, String(reached));
}
