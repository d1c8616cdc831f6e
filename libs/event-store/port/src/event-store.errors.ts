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
