import type { Official } from '../licence/licence.values';

/*
 * A country measure (Kamerstuk 22054-316, Turkey, October 2019): a senior assessor proposes to
 * hold every pending case to a destination and to reassess every licence valid to it; a second
 * senior assessor approves or rejects. What the executor records on the measure's own stream
 * (its work list, its progress, its completion) is decided here too, so that no run can record
 * a case twice or call the measure done while a case is missing.
 */

export interface ProposeMeasure {
  readonly type: 'ProposeMeasure';
  readonly measureId: string;
  /** ISO 3166-1 alpha-2 code of the destination the measure is about. */
  readonly destination: string;
  /** The decision the measure rests on, e.g. a Kamerstuk or a Council decision. */
  readonly legalGround: string;
  readonly reasons: string;
}

export interface ApproveMeasure {
  readonly type: 'ApproveMeasure';
}

export interface RejectMeasure {
  readonly type: 'RejectMeasure';
  readonly reason: string;
}

export interface LiftMeasure {
  readonly type: 'LiftMeasure';
  readonly reason: string;
}

/** The cases the measure covers, chosen once from the store on the approval date. */
export interface FixMeasureWorklist {
  readonly type: 'FixMeasureWorklist';
  readonly holds: readonly string[];
  readonly reassessments: readonly string[];
}

export const MEASURE_STEPS = ['hold', 'reassessment', 'release'] as const;
/** `hold` and `reassessment` execute an approval, `release` a lift. */
export type MeasureStep = (typeof MEASURE_STEPS)[number];

/** A case the executor reached that no longer fits the step, with the status it found. */
export interface NotApplicableCase {
  readonly caseId: string;
  readonly status: string;
}

/** Cases of one step the executor finished: each either done or not applicable, never both. */
export interface RecordMeasureProgress {
  readonly type: 'RecordMeasureProgress';
  readonly step: MeasureStep;
  readonly done: readonly string[];
  readonly notApplicable: readonly NotApplicableCase[];
}

export interface CompleteMeasureExecution {
  readonly type: 'CompleteMeasureExecution';
}

export interface CompleteMeasureLift {
  readonly type: 'CompleteMeasureLift';
}

export type MeasureCommand =
  | ProposeMeasure
  | ApproveMeasure
  | RejectMeasure
  | LiftMeasure
  | FixMeasureWorklist
  | RecordMeasureProgress
  | CompleteMeasureExecution
  | CompleteMeasureLift;

/** The moment of decision and the deciding official, as for a licence. */
export interface MeasureDecisionContext {
  readonly now: Date;
  readonly actor: Official;
}
