/**
 * `access`: a request by a token that holds an audited role. `log-started`: the first record of a
 * new installation's log. `new-log-acknowledged`: the first record of a log that replaces a lost or
 * damaged one, written only when an operator acknowledged the loss.
 */
export type AccessRecordKind = 'access' | 'log-started' | 'new-log-acknowledged';

/**
 * What one record says. Flat, so that every kind is stored, sealed and listed the same way; the
 * request fields are null on the records that open a log, and `detail` is null on accesses.
 */
export interface AccessLogEntry {
  readonly kind: AccessRecordKind;
  /** When the answer was ready to leave, or when the log was opened (ISO instant). */
  readonly at: string;
  /** The caller; for an acknowledgement the operator; `system` for a log-started record. */
  readonly sub: string;
  /** Every role the caller's token carries. */
  readonly roles: readonly string[];
  /** The role under which the route was allowed. */
  readonly role: string | null;
  readonly method: string | null;
  /** The route as declared, e.g. `/api/licences/:id/history`. */
  readonly route: string | null;
  /** The full path and query that was asked. */
  readonly url: string | null;
  /** The case asked about, when the route names one. */
  readonly caseId: string | null;
  /** The status of the answer, sent only once this record was written. */
  readonly status: number | null;
  /** The caller's X-Correlation-Id, when it sent one. */
  readonly correlationId: string | null;
  /** For the records that open a log: why, and what was found instead of the expected log. */
  readonly detail: Readonly<Record<string, unknown>> | null;
}

/** A stored entry with its place in the hash chain (see `access-log-seal.ts`). */
export interface AccessRecord extends AccessLogEntry {
  /** 1 for the first record, then each record one more than the one before. */
  readonly seq: number;
  /** `hash` of the record before; GENESIS_HASH for seq 1. */
  readonly prevHash: string;
  readonly hash: string;
}

export interface AccessLogFilter {
  readonly sub?: string;
  readonly caseId?: string;
  /** Inclusive ISO instants. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * Who looked at what, and when: a hash-chained, append-only log. Records are never changed or
 * removed through this port, so an oversight body's reads are themselves open to oversight.
 */
export interface AccessLog {
  /**
   * Seals `entry` onto the head of the chain and stores it; resolves once it is durable. Never
   * holds the event loop while the store is locked: it retries asynchronously, within a bound.
   * @throws AccessLogUnavailableError when the record cannot be written within that bound (the
   * store stays locked, the disk is full...), or when the log was removed, replaced or cut short
   * since it was opened: then nothing was written, and the access must not be answered.
   */
  append(entry: AccessLogEntry): Promise<AccessRecord>;
  /** The newest record; null for an empty log. */
  head(): Promise<AccessRecord | null>;
  /** Up to `maxCount` records with a seq above `afterSeq`, in seq order: for verification. */
  readAfter(afterSeq: number, maxCount: number): Promise<AccessRecord[]>;
  /** The seqs of the records whose stored hash is `hash` (normally one, or none). */
  seqsWithHash(hash: string): Promise<number[]>;
  /** Records matching the filter, newest first, with the total count. */
  list(
    filter: AccessLogFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: AccessRecord[]; total: number }>;
  close(): Promise<void>;
}

/** An access could not be recorded, so it must not be answered. */
export class AccessLogUnavailableError extends Error {
  override readonly name = 'AccessLogUnavailableError';
}
