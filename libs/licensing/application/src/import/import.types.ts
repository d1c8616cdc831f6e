import type { Actor } from '@licences/event-store';
import type {
  Assessment,
  CaseDetails,
  Criterion,
  Evidence,
  LicenceEventType,
  LocalDate,
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
  | LineBase<
  | LineBase<'RevocationProposed', RevocationGrounds>
  | LineBase<'RevocationProposalWithdrawn', { readonly reason: string }>
  | LineBase<'RevocationProposalRejected', { readonly reason: string }>
  /**
   * Either the approval of the proposal of an earlier line (by another official, with any evidence
   * it added), or, with the grounds and no proposal, a revocation one official took alone before
   * the four-eyes rule, recorded as such.
   */
      'RevokedForChangedCircumstances',
      RevocationGrounds | { readonly additionalEvidence: Evidence[] }
    >;

/**
/** Why a licence is revoked: the body of a revocation proposal. */
export interface RevocationGrounds {
  readonly circumstances: string;
  readonly criteria: Criterion[];
  readonly evidence: Evidence[];
}

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

export interface ImportReport {
  /** sha256 (hex) of the lines, each ending in a newline: the same file always gets the same id. */
  readonly importId: string;
  readonly lines: number;
  /** Cases whose events were appended by this run (new cases, or stored ones that gained lines). */
  readonly accepted: number;
  /** Cases whose events were all stored already (an earlier run of the same history). */
  readonly alreadyImported: number;
  readonly eventsAppended: number;
  readonly refused: RefusedCase[];
  /** Head of the store after the import: pass it as `minPosition` to read the imported cases. */
  readonly position: number;
}

export interface ImportProgress {
  /** `check` validates every case; `import` appends the accepted ones. */
  readonly phase: 'check' | 'import';
  readonly linesRead: number;
  readonly casesDone: number;
  readonly casesTotal: number;
}

/** Lines of the file. Read twice (check, then import), so that memory stays flat however long it is. */
export type LineSource = () => AsyncIterable<string> | Iterable<string>;

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
}
