import type { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | undefined,
  ) {
    super(
      `Stream ${streamId} expected at ${String(expected)} but is at ${actual === undefined ? 'no-stream' : actual}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The batch or its events are not storable (empty id or type, duplicate id inside one batch...). */
export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/**
 * The store cannot be reached or did not answer in time (after the retries that were safe).
 * The operation may be tried again later; an append that failed this way may or may not have
 * been stored, and retrying it is safe because event ids are deduplicated.
 */
export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** What differs between an event being appended and the stored event that already has its id. */
export type EventIdConflictKind = 'other-stream' | 'other-type' | 'other-schema-version' | 'other-data';

const DIFFERENCE: Record<Exclude<EventIdConflictKind, 'other-stream'>, string> = {
  'other-type': 'another type',
  'other-schema-version': 'another schema version',
  'other-data': 'other data',
};

/**
 * An append carried an event id that the store already holds for different content: in another
 * stream, or in the same stream with another type, schema version or data. It is never a retry,
 * so nothing of the batch was stored.
 */
export class EventIdConflictError extends Error {
  readonly code = 'EVENT_ID_CONFLICT';

  constructor(
    /** The stream the refused append was for. */
    readonly streamId: string,
    readonly eventId: string,
    /** The stream that holds (or, in EventStoreDB, has claimed) the id. */
    readonly existingStreamId: string,
    readonly kind: EventIdConflictKind,
  ) {
    super(
      kind === 'other-stream'
        ? `Event id ${eventId} belongs to stream ${existingStreamId}; it cannot be appended to ${streamId}`
        : `Event id ${eventId} is already stored in ${streamId} with ${DIFFERENCE[kind]}; the append was refused`,
    );
    this.name = 'EventIdConflictError';
  }
}
