/** Errors of the application layer, each with a stable code like the domain's. */
export class ApplicationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApplicationError';
  }
}

/** The client said which revision it decided on (If-Match) and the case has moved on since. */
export class RevisionMismatchError extends ApplicationError {
  constructor(expected: number, actual: number | undefined) {
    super('REVISION_MISMATCH', `The case is at revision ${actual ?? 'none'}, not ${expected}`, {
      expected,
      actual,
    });
  }
}

/** The same idempotency key came back with a different request. */
export class IdempotencyKeyReusedError extends ApplicationError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');
  }
}

/** Other writers kept winning the race for the case; the client may try again. */
export class ConcurrentModificationError extends ApplicationError {
  constructor(attempts: number) {
    super('CONCURRENT_MODIFICATION', `The case kept changing; gave up after ${attempts} attempts`, {
      attempts,
    });
  }
}
