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
  | RecordHistoricalRevocation;

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
