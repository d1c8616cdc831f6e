import type { Actor } from '@licences/event-store';
import type {
  Assessment,
  CaseDetails,
  Criterion,
  Evidence,
  LicenceEventType,
  LocalDate,
  OversightFinding,
} from '@licences/licensing-domain';

/** What one line of a historical import asks to record, checked for shape but not yet for the rules. */
interface LineBase<TType extends LicenceEventType, TData> {
  /** 1-based line number in the file, blank lines counted. */
  readonly line: number;
  readonly caseId: string;
  readonly type: TType;
  /** Business time of the decision, normalised to an ISO instant in UTC. */
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly data: TData;
  /** The line as JSON with sorted keys: event ids derive from it, so spacing and key order do not matter. */
  readonly canonical: string;
}

export type HistoricalLine =
  | LineBase<'SondageRequested', { readonly details: CaseDetails }>
  /** Without details: the application that follows an answered sondage. */
  | LineBase<'Applied', { readonly details?: CaseDetails }>
  | LineBase<
      'SondageAnswered',
      {
        readonly outcome: 'positive' | 'negative';
        readonly reasoning: string;
        readonly criteria: Criterion[];
      }
    >
  | LineBase<
      'Issued',
      { readonly assessment: Assessment; readonly validFrom: LocalDate; readonly validUntil: LocalDate }
    >
  | LineBase<'Denied', { readonly criteria: Criterion[]; readonly reasoning: string }>
  | LineBase<'Withdrawn', { readonly reason: string }>
  | LineBase<
      'Extended',
      { readonly reassessment: Assessment; readonly validUntil: LocalDate; readonly validFrom?: LocalDate }
    >
  | LineBase<'RevocationProposed', RevocationGrounds>
  | LineBase<'RevocationProposalWithdrawn', { readonly reason: string }>
  | LineBase<'RevocationProposalRejected', { readonly reason: string }>
  /**
   * Either the approval of the proposal of an earlier line (by another official, with any evidence
   * it added), or, with the grounds and no proposal, a revocation one official took alone before
   * the four-eyes rule, recorded as such.
   */
  | LineBase<
      'RevokedForChangedCircumstances',
      RevocationGrounds | { readonly additionalEvidence: Evidence[] }
    >
  /**
   * A reassessment; one that proposed revocation is followed, as in the store, by its
   * RevocationProposed line (same official, same day), which carries the grounds.
   */
  | LineBase<
      'Reassessed',
      { readonly assessment: Assessment; readonly outcome: 'maintained' | 'revocation-proposed' }
    >
  | LineBase<
      'Suspended',
      { readonly criteria: Criterion[]; readonly evidence: Evidence[]; readonly reasons: string }
    >
  | LineBase<'Reinstated', { readonly reason: string }>
  /** Holds of the case alone: history has no country measure to name. */
  | LineBase<'PutOnHold', { readonly reason: string }>
  | LineBase<'Released', { readonly reason: string }>;

/** Why a licence is revoked: the body of a revocation proposal. */
export interface RevocationGrounds {
  readonly circumstances: string;
  readonly criteria: Criterion[];
  readonly evidence: Evidence[];
}

/**
 * Why a line or a case cannot be imported. Codes are stable like the domain's: `MALFORMED_JSON`
 * and `INVALID_LINE` (shape), the import's own rules below, or a DomainError code.
 */
export class ImportRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The field a shape error is about, as a path into the line (`data.destination.country`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

/** A case that was not imported; every line of it is listed, the failing one in `line`. */
export interface RefusedCase {
  /** Null for a line whose case cannot be told (not JSON, and no readable caseId). */
  readonly caseId: string | null;
  readonly lines: number[];
  readonly line: number;
  readonly code: string;
  readonly reason: string;
}

/** The most refusals and findings an answer (and the staging record) lists; the totals count all. */
export const LISTED_MAX = 1000;

/** Largest file an import takes (the API refuses larger bodies with 413). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * Most lines a file may hold, blank ones counted (413 IMPORT_TOO_MANY_LINES past it, before any
 * line is checked). The shortest line an import accepts is 146 bytes (an `Applied` after a
 * sondage, with its newline), so MAX_IMPORT_BYTES of real history holds at most about 359,000
 * lines: the limit refuses no file of real history, and bounds the work and the per-case
 * bookkeeping (every case keeps its line numbers through staging) of a file of tiny lines, which
 * the byte limit alone lets run to millions.
 */
export const MAX_IMPORT_LINES = 500_000;

/**
 * Most refusals a file may earn (lines whose case cannot be told, and refused cases) before it is
 * refused whole with 422 IMPORT_TOO_MANY_REFUSALS and its first LISTED_MAX refusals: past it the
 * file is not a history to review case by case but the wrong file or the wrong format, and
 * checking on would only spend time and memory on an answer no one can read.
 */
export const MAX_REFUSALS = 10_000;

/** A replay finding of a staged case, with the file line of the decision it is about. */
export interface ImportFinding extends OversightFinding {
  readonly line: number;
}

/** What staging found: the file, what approving it would append, and what it refuses. */
export interface StagingReport {
  /** sha256 (hex) of the file's bytes: the same file always gets the same id. */
  readonly importId: string;
  readonly bytes: number;
  readonly lines: number;
  /** Every line had to lie strictly before this instant. */
  readonly cutover: string;
  /** Cases named in the file. */
  readonly cases: number;
  /** Cases whose events approval would append (new cases, or stored ones that would gain lines). */
  readonly accepted: number;
  /** Cases whose events are all stored already (the same history imported before). */
  readonly alreadyImported: number;
  readonly eventsToAppend: number;
  /** The first LISTED_MAX refusals by line; `refusedTotal` counts them all. */
  readonly refused: RefusedCase[];
  readonly refusedTotal: number;
  /** Replay re-check of the accepted and already imported cases, as oversight will see them. */
  readonly findings: {
    readonly deviations: number;
    readonly notes: number;
    /** Deviations first, then notes; at most LISTED_MAX. */
    readonly listed: ImportFinding[];
  };
}

/** The answer to an approval: what went in, and who let it in. */
export interface ImportReport {
  readonly importId: string;
  readonly lines: number;
  /** Cases whose events were appended by this run (new cases, or stored ones that gained lines). */
  readonly accepted: number;
  /** Cases whose events were all stored already (an earlier run of the same history). */
  readonly alreadyImported: number;
  readonly eventsAppended: number;
  /** The first LISTED_MAX refusals by line (staging's, and cases changed in the store since). */
  readonly refused: RefusedCase[];
  readonly refusedTotal: number;
  /** Head of the store after the import: pass it as `minPosition` to read the imported cases. */
  readonly position: number;
  readonly uploadedBy: Actor;
  readonly approvedBy: Actor;
}

/**
 * `staged`: waiting for a second admin; `approved`: its events are being appended (a crash here
 * leaves it so, and approving again finishes it); `committed`: in; `rejected`: nothing appended.
 */
export type ImportStatus = 'staged' | 'approved' | 'committed' | 'rejected';

/** An import as its record stream tells it. */
export interface ImportRecord {
  readonly importId: string;
  readonly status: ImportStatus;
  /** How often the file was staged: once, unless a rejected file was uploaded again. */
  readonly round: number;
  readonly stagedAt: string;
  readonly uploadedBy: Actor;
  readonly staging: StagingReport;
  readonly approvedAt?: string;
  readonly approvedBy?: Actor;
  readonly rejectedAt?: string;
  readonly rejectedBy?: Actor;
  readonly rejectionReason?: string;
  readonly committedAt?: string;
  readonly commit?: ImportReport;
}

/** One line of the list of imports. */
export type ImportSummary = Pick<
  ImportRecord,
  'importId' | 'status' | 'stagedAt' | 'uploadedBy' | 'approvedBy' | 'rejectedBy' | 'committedAt'
> &
  Pick<StagingReport, 'bytes' | 'lines' | 'accepted' | 'refusedTotal'> & { readonly deviations: number };

export interface ImportProgress {
  /** `check` validates every case; `review` re-checks the accepted ones; `import` appends them. */
  readonly phase: 'check' | 'review' | 'import';
  readonly linesRead: number;
  readonly casesDone: number;
  readonly casesTotal: number;
}

/** The file's bytes as they arrive (an HTTP body, a file stream, generated lines). */
export type ImportUpload = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
}
