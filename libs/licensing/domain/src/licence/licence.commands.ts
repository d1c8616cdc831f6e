import type { LocalDate } from '../shared/local-date';
import type { Assessment, CaseDetails, Criterion, Evidence, Procedure } from './licence.values';

export interface RegisterCase {
  readonly type: 'RegisterCase';
  readonly caseId: string;
  readonly procedure: Procedure;
  readonly details: CaseDetails;
}

export interface AnswerSondage {
  readonly type: 'AnswerSondage';
  readonly outcome: 'positive' | 'negative';
  readonly reasoning: string;
  readonly criteria: readonly Criterion[];
}

export interface ApplyAfterSondage {
  readonly type: 'ApplyAfterSondage';
}

export interface IssueLicence {
  readonly type: 'IssueLicence';
  readonly assessment: Assessment;
  readonly validFrom?: LocalDate;
}

export interface DenyLicence {
  readonly type: 'DenyLicence';
  readonly criteria: readonly Criterion[];
  readonly reasoning: string;
}

export interface WithdrawCase {
  readonly type: 'WithdrawCase';
  readonly reason: string;
}

export interface ExtendLicence {
  readonly type: 'ExtendLicence';
  readonly reassessment: Assessment;
  readonly validUntil?: LocalDate;
}

export interface RevokeLicence {
  readonly type: 'RevokeLicence';
  readonly circumstances: string;
  readonly criteria: readonly Criterion[];
  readonly evidence: readonly Evidence[];
}

export type LicenceCommand =
  | RegisterCase
  | AnswerSondage
  | ApplyAfterSondage
  | IssueLicence
  | DenyLicence
  | WithdrawCase
  | ExtendLicence
  | RevokeLicence;

/** What the decider is told about the moment of decision: time is an input, never read inside. */
export interface DecisionContext {
  /** The instant the decision is taken; its calendar date in Europe/Amsterdam is the decision date. */
  readonly now: Date;
}
