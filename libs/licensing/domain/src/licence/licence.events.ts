import type { AppliedRule } from '../policy/validity-policy.evaluator';
import type { LocalDate } from '../shared/local-date';
import type { Assessment, CaseDetails, Criterion, Evidence, Official, Procedure } from './licence.values';

/** Every decision date is the calendar date in Europe/Amsterdam on which it was taken. */
interface Dated {
  readonly decisionDate: LocalDate;
}

export interface SondageRequested {
  readonly type: 'SondageRequested';
  readonly data: Dated & { readonly caseId: string; readonly details: CaseDetails };
}

export interface SondageAnswered {
  readonly type: 'SondageAnswered';
  readonly data: Dated & {
    readonly outcome: 'positive' | 'negative';
    readonly reasoning: string;
    readonly criteria: readonly Criterion[];
  };
}

/** One top-level field of the case details that the application changed against the sondage. */
export interface DetailChange {
  readonly field: keyof CaseDetails;
  /** Absent where the sondage did not state the field. */
  readonly sondage?: unknown;
  /** Absent where the application drops the field. */
  readonly application?: unknown;
}

/** What of a changed application the sondage's answer was not about. */
export const NOT_COVERED_BY_SONDAGE = ['destination', 'end-user'] as const;
export type NotCoveredBySondage = (typeof NOT_COVERED_BY_SONDAGE)[number];

export interface Applied {
  readonly type: 'Applied';
  /** `procedure` says whether the case started as a sondage; the application is assessed in full either way. */
  readonly data: Dated & {
    readonly caseId: string;
    readonly details: CaseDetails;
    readonly procedure: Procedure;
    /** Since schema v2: the fields changed against the sondage; empty when none or no sondage. */
    readonly changes: readonly DetailChange[];
    /**
     * Since schema v2: a destination or end user the sondage's answer was not about. The answer
     * gives no rights anyway; this tells the assessor that it did not even look at them.
     */
    readonly notCoveredBySondage: readonly NotCoveredBySondage[];
  };
}

export interface Issued {
  readonly type: 'Issued';
  readonly data: Dated & {
    readonly assessment: Assessment;
    readonly validFrom: LocalDate;
    readonly validUntil: LocalDate;
    readonly rule: AppliedRule;
    /** Since schema v2; older events get it from their metadata's actor when read. */
    readonly issuedBy: Official;
  };
}

export interface Denied {
  readonly type: 'Denied';
  readonly data: Dated & { readonly criteria: readonly Criterion[]; readonly reasoning: string };
}

export interface Withdrawn {
  readonly type: 'Withdrawn';
  readonly data: Dated & { readonly reason: string };
}

export interface Extended {
  readonly type: 'Extended';
  readonly data: Dated & {
    readonly reassessment: Assessment;
    readonly previousValidUntil: LocalDate;
    readonly validUntil: LocalDate;
    /** The furthest end date the rule in force on the extension date allowed. */
    readonly maxValidUntil: LocalDate;
    readonly rule: AppliedRule;
    /** Since schema v2; older events get it from their metadata's actor when read. */
    readonly extendedBy: Official;
  };
}

/** Why a licence should be revoked: the first official's part. Not a decision; the licence stays valid. */
export interface RevocationProposed {
  readonly type: 'RevocationProposed';
  readonly data: Dated & {
    readonly proposedBy: Official;
    readonly circumstances: string;
    readonly criteria: readonly Criterion[];
    readonly evidence: readonly Evidence[];
  };
}

export interface RevocationProposalWithdrawn {
  readonly type: 'RevocationProposalWithdrawn';
  readonly data: Dated & {
    readonly reason: string;
    readonly withdrawnBy: Official;
    /** The date of the proposal withdrawn. */
    readonly proposedOn: LocalDate;
  };
}

export interface RevocationProposalRejected {
  readonly type: 'RevocationProposalRejected';
  readonly data: Dated & {
    readonly reason: string;
    readonly rejectedBy: Official;
    readonly proposedBy: Official;
    readonly proposedOn: LocalDate;
  };
}

export interface RevokedForChangedCircumstances {
  readonly type: 'RevokedForChangedCircumstances';
  readonly data: Dated & {
    readonly circumstances: string;
    readonly criteria: readonly Criterion[];
    /** The evidence of the proposal (or of the one-official revocation). */
    readonly evidence: readonly Evidence[];
    /** What the approving official added; empty when nothing was added. */
    readonly additionalEvidence: readonly Evidence[];
    /** The end date the licence had when it was revoked. */
    readonly validUntilAtRevocation: LocalDate;
    /**
     * Null for a revocation taken by one official before the four-eyes rule: schema v1 events and
     * imported history without a proposal.
     */
    readonly proposedBy: Official | null;
    readonly proposedOn: LocalDate | null;
    /** The second official, or the only one where `proposedBy` is null. */
    readonly approvedBy: Official;
    /** The first day on which the licence is no longer valid. */
    readonly effectiveOn: LocalDate;
    /** The last day on which the holder may object. */
    readonly objectionDeadline: LocalDate;
    /** The objection term applied (see OBJECTION_TERMS). */
    readonly objectionTermId: string;
  };
}

/** A reassessment of an issued licence; a `revocation-proposed` one is followed by RevocationProposed. */
export interface Reassessed {
  readonly type: 'Reassessed';
  readonly data: Dated & {
    readonly assessment: Assessment;
    readonly outcome: 'maintained' | 'revocation-proposed';
    readonly reassessedBy: Official;
    readonly measureId: string | null;
  };
}

export interface Suspended {
  readonly type: 'Suspended';
  readonly data: Dated & {
    readonly criteria: readonly Criterion[];
    readonly evidence: readonly Evidence[];
    readonly reasons: string;
    readonly suspendedBy: Official;
    /** The first day on which the licence is not valid: the decision date. */
    readonly effectiveOn: LocalDate;
  };
}

export interface Reinstated {
  readonly type: 'Reinstated';
  readonly data: Dated & {
    readonly reason: string;
    readonly reinstatedBy: Official;
    /** The first day of the suspension it ends. */
    readonly suspendedOn: LocalDate;
    /** The first day the licence is valid again: the day after the decision date. */
    readonly validAgainOn: LocalDate;
  };
}

export interface PutOnHold {
  readonly type: 'PutOnHold';
  readonly data: Dated & {
    readonly reason: string;
    readonly heldBy: Official;
    readonly measureId: string | null;
  };
}

export interface Released {
  readonly type: 'Released';
  readonly data: Dated & {
    readonly reason: string;
    readonly releasedBy: Official;
    readonly measureId: string | null;
    /** The date of the hold released. */
    readonly heldOn: LocalDate;
  };
}

export interface ReassessmentRequested {
  readonly type: 'ReassessmentRequested';
  readonly data: Dated & {
    readonly measureId: string;
    readonly reason: string;
    readonly requestedBy: Official;
  };
}

export type LicenceEvent =
  | SondageRequested
  | SondageAnswered
  | Applied
  | Issued
  | Denied
  | Withdrawn
  | Extended
  | RevocationProposed
  | RevocationProposalWithdrawn
  | RevocationProposalRejected
  | RevokedForChangedCircumstances
  | Reassessed
  | Suspended
  | Reinstated
  | PutOnHold
  | Released
  | ReassessmentRequested;

export type LicenceEventType = LicenceEvent['type'];

/** Stable event type names as stored; they never follow class or file names. */
export const LICENCE_EVENT_TYPES: readonly LicenceEventType[] = [
  'SondageRequested',
  'SondageAnswered',
  'Applied',
  'Issued',
  'Denied',
  'Withdrawn',
  'Extended',
  'RevocationProposed',
  'RevocationProposalWithdrawn',
  'RevocationProposalRejected',
  'RevokedForChangedCircumstances',
  'Reassessed',
  'Suspended',
  'Reinstated',
  'PutOnHold',
  'Released',
  'ReassessmentRequested',
];

/** Current payload schema version per event type; bump it together with an upcaster. */
export const LICENCE_EVENT_SCHEMA_VERSION: Readonly<Record<LicenceEventType, number>> = {
  // v2: destinations as a list, exportType and firearmsAct in the details.
  SondageRequested: 2,
  SondageAnswered: 1,
  // v2: the same details change, and what an application after a sondage changed.
  Applied: 2,
  // v2: the official who issued (issuedBy), for separation of duties.
  Issued: 2,
  Denied: 1,
  Withdrawn: 1,
  // v2: the official who extended (extendedBy).
  Extended: 2,
  RevocationProposed: 1,
  RevocationProposalWithdrawn: 1,
  RevocationProposalRejected: 1,
  // v2: both officials, the effective date and the objection deadline.
  RevokedForChangedCircumstances: 2,
  Reassessed: 1,
  Suspended: 1,
  Reinstated: 1,
  PutOnHold: 1,
  Released: 1,
  ReassessmentRequested: 1,
};

export function isLicenceEventType(type: string): type is LicenceEventType {
  return (LICENCE_EVENT_TYPES as readonly string[]).includes(type);
}
