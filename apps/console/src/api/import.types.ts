import type { Official } from './licence.types';

/* The JSON the API answers for historical imports (GET /api/imports and the import commands). */

/**
 * `staged`: waiting for a second admin; `approved`: being appended; `committed`: in;
 * `rejected`: nothing appended.
 */
export type ImportStatus = 'staged' | 'approved' | 'committed' | 'rejected';

/** One line of GET /api/imports (newest first). */
export interface ImportSummary {
  /** sha256 of the file. */
  readonly importId: string;
  readonly status: ImportStatus;
  readonly stagedAt: string;
  readonly uploadedBy: Official;
  readonly approvedBy?: Official;
  readonly rejectedBy?: Official;
  readonly committedAt?: string;
  readonly bytes: number;
  readonly lines: number;
  /** Cases approval would append. */
  readonly accepted: number;
  readonly refusedTotal: number;
  /** Replay deviations found in the staged cases. */
  readonly deviations: number;
}

/** What approving an import answers. */
export interface ImportReport {
  readonly importId: string;
  readonly accepted: number;
  readonly eventsAppended: number;
  readonly refusedTotal: number;
  /** Head of the store after the import: read the imported cases with this as `minPosition`. */
  readonly position: number;
}
