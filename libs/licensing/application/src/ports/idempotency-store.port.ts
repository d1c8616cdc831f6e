/** The first answer given to a request made with an idempotency key. */
export interface IdempotencyRecord {
  /** Hash of what the request asked for (method, path, body); another body under the same key is refused. */
  readonly requestHash: string;
  readonly response: unknown;
  readonly createdAt: string;
}

/**
 * Remembers answers to requests that carried an `Idempotency-Key`, so that a client retrying
 * after a lost answer gets the first answer instead of a second decision.
 */
export interface IdempotencyStore {
  /** The record stored under `scope` + `key`, if any. */
  find(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores a record unless one exists already; returns the record that is stored afterwards. */
  saveIfAbsent(scope: string, key: string, record: IdempotencyRecord): Promise<IdempotencyRecord>;
}

export const IDEMPOTENCY_STORE = Symbol.for('licences.IdempotencyStore');
