import type { AppliedRule } from '../policy/validity-policy.evaluator';
import type { LocalDate } from '../shared/local-date';
import type { Assessment, CaseDetails, Criterion, Evidence, Procedure } from './licence.values';

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

export interface Applied {
  readonly type: 'Applied';
  /** `procedure` says whether the case started as a sondage; the application is assessed in full either way. */
  readonly data: Dated & {
    readonly caseId: string;
    readonly details: CaseDetails;
    readonly procedure: Procedure;
  };
}

export interface Issued {
  readonly type: 'Issued';
  readonly data: Dated & {
    readonly assessment: Assessment;
    readonly validFrom: LocalDate;
    readonly validUntil: LocalDate;
    readonly rule: AppliedRule;
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
  };
}

export interface RevokedForChangedCircumstances {
  readonly type: 'RevokedForChangedCircumstances';
  readonly data: Dated & {
    readonly circumstances: string;
    readonly criteria: readonly Criterion[];
    readonly evidence: readonly Evidence[];
    /** The end date the licence had when it was revoked. */
    readonly validUntilAtRevocation: LocalDate;
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
  | RevokedForChangedCircumstances;

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
  'RevokedForChangedCircumstances',
];

/** Current payload schema version per event type; bump it together with an upcaster. */
export const LICENCE_EVENT_SCHEMA_VERSION: Readonly<Record<LicenceEventType, number>> = {
  SondageRequested: 1,
  SondageAnswered: 1,
  Applied: 1,
  Issued: 1,
  Denied: 1,
  Withdrawn: 1,
  Extended: 1,
  RevokedForChangedCircumstances: 1,
};

export function isLicenceEventType(type: string): type is LicenceEventType {
  return (LICENCE_EVENT_TYPES as readonly string[]).includes(type);
}
