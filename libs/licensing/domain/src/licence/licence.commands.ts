import type { LocalDate } from '../shared/local-date';
import type { Assessment, CaseDetails, Criterion, Evidence, Official, Procedure } from './licence.values';

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

/** The formal application after an answered sondage; it may state details that changed since. */
export interface ApplyAfterSondage {
  readonly type: 'ApplyAfterSondage';
  /** The application's details in full; absent when they are the sondage's unchanged. */
  readonly details?: CaseDetails;
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

/** First of the two officials of a revocation: states the change of circumstances and its evidence. */
export interface ProposeRevocation {
  readonly type: 'ProposeRevocation';
  readonly circumstances: string;
  readonly criteria: readonly Criterion[];
  readonly evidence: readonly Evidence[];
}

/** Only the proposer takes an open proposal back. */
export interface WithdrawRevocationProposal {
  readonly type: 'WithdrawRevocationProposal';
  readonly reason: string;
}

/** A second official turns the proposal down; the licence stays as it is. */
export interface RejectRevocationProposal {
  readonly type: 'RejectRevocationProposal';
  readonly reason: string;
}

/** A second official, who neither proposed nor issued or extended the licence, revokes it. */
export interface ApproveRevocation {
  readonly type: 'ApproveRevocation';
  /** Evidence the approver adds to the proposal's; may be empty. */
  readonly additionalEvidence: readonly Evidence[];
}

/**
 * A revocation taken by one official before the four-eyes rule, as the historical import finds
 * it. The decider accepts it only in a historical context: no live request can revoke alone.
 */
export interface RecordHistoricalRevocation {
  readonly type: 'RecordHistoricalRevocation';
  readonly circumstances: string;
  readonly criteria: readonly Criterion[];
  readonly evidence: readonly Evidence[];
}

/**
 * A fresh look at an issued licence when new information appears (Common Position art. 1(1a);
 * motion Hirsch). `maintained` keeps it as it is; `revocation-proposed` also opens a revocation
 * proposal under the four-eyes rule, with its grounds.
 */
export interface ReassessLicence {
  readonly type: 'ReassessLicence';
  readonly assessment: Assessment;
  readonly outcome: ReassessmentOutcome;
  /** Required when the outcome is `revocation-proposed`, refused otherwise. */
  readonly revocation?: Pick<ProposeRevocation, 'circumstances' | 'criteria' | 'evidence'>;
  /** The country measure whose work list asked for this reassessment, if any. */
  readonly measureId?: string;
}

/** Suspends an issued licence: not valid from the decision date until it is reinstated. */
export interface SuspendLicence {
  readonly type: 'SuspendLicence';
  readonly criteria: readonly Criterion[];
  readonly evidence: readonly Evidence[];
  readonly reasons: string;
}

/** Ends a suspension: the licence is valid again from the day after, until its end date. */
export interface ReinstateLicence {
  readonly type: 'ReinstateLicence';
  readonly reason: string;
}

/** Holds ("aanhouden") a pending sondage or application: no decision is taken while it is held. */
export interface HoldCase {
  readonly type: 'HoldCase';
  readonly reason: string;
  /** The country measure that holds the case; absent for a hold of this case alone. */
  readonly measureId?: string;
}

/** Releases a hold: the one of this case alone, or with `measureId` the hold of that measure. */
export interface ReleaseCase {
  readonly type: 'ReleaseCase';
  readonly reason: string;
  readonly measureId?: string;
}

/** Puts an issued licence on a country measure's reassessment work list. */
export interface RequestReassessment {
  readonly type: 'RequestReassessment';
  readonly measureId: string;
  readonly reason: string;
}

export type LicenceCommand =
  | RegisterCase
  | AnswerSondage
  | ApplyAfterSondage
  | IssueLicence
  | DenyLicence
  | WithdrawCase
  | ExtendLicence
  | ProposeRevocation
  | WithdrawRevocationProposal
  | RejectRevocationProposal
  | ApproveRevocation
  | RecordHistoricalRevocation
  | ReassessLicence
  | SuspendLicence
  | ReinstateLicence
  | HoldCase
  | ReleaseCase
  | RequestReassessment;

export const REASSESSMENT_OUTCOMES = ['maintained', 'revocation-proposed'] as const;
export type ReassessmentOutcome = (typeof REASSESSMENT_OUTCOMES)[number];

/** What the decider is told about the moment of decision: time is an input, never read inside. */
export interface DecisionContext {
  /** The instant the decision is taken; its calendar date in Europe/Amsterdam is the decision date. */
  readonly now: Date;
  /** Who decides, in the one role the request acts in; separation of duties is decided on it. */
  readonly actor: Official;
  /**
   * True when the decision is history recorded by the import (taken before this system and its
   * rules), false or absent for a decision taken now.
   */
  readonly historical?: boolean;
}
