/** One read of the record by an oversight body or a reporting job. */
export interface AccessRecord {
  /** When the read was answered (ISO instant). */
  readonly at: string;
  readonly sub: string;
  readonly role: string;
  readonly method: string;
  /** The route as declared, e.g. `/api/licences/:id/history`. */
  readonly route: string;
  /** The full path and query that was asked. */
  readonly url: string;
  /** The case read, when the route names one. */
  readonly caseId: string | null;
  readonly status: number;
}

export interface AccessLogFilter {
  readonly sub?: string;
  readonly caseId?: string;
  /** Inclusive ISO instants. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * Who looked at what, and when. Append-only: records are never changed or removed through
 * this port, so an oversight body's reads are themselves open to oversight.
 */
export interface AccessLog {
  record(entry: AccessRecord): Promise<void>;
  /** Records matching the filter, newest first, with the total count. */
  list(
    filter: AccessLogFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: AccessRecord[]; total: number }>;
  close(): Promise<void>;
}

export const ACCESS_LOG = Symbol.for('licences.AccessLog');
