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
