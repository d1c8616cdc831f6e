/** The first answer given to a request made with an idempotency key. */
export interface IdempotencyRecord {
  /**
   * Hash of what the request asked for (method, path, acting role, body); another request under the
   * same key is refused.
   */
  readonly requestHash: string;
  readonly response: unknown;
  readonly createdAt: string;
}

/**
 * Whose key it is: the token's `sub` and the `Idempotency-Key` it sent. The two are kept apart
 * wherever they are stored, so that principal `x/y` with key `k` and principal `x` with key `y/k`
 * never share a record.
 */
export interface IdempotencyScope {
  readonly principal: string;
  readonly key: string;
}

/**
 * Remembers answers to requests that carried an `Idempotency-Key`, so that a client retrying
 * after a lost answer gets the first answer instead of a second decision.
 */
export interface IdempotencyStore {
  /** The record stored for exactly this principal and key, if any. */
  find(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined>;
  /** Stores a record unless one exists already; returns the record that is stored afterwards. */
  saveIfAbsent(scope: IdempotencyScope, record: IdempotencyRecord): Promise<IdempotencyRecord>;
}

export const IDEMPOTENCY_STORE = Symbol.for('licences.IdempotencyStore');
