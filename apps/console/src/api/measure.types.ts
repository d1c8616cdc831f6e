import type { Official } from './licence.types';

/*
 * The JSON the API answers for country measures (GET /api/measures, /api/measures/{id}, and the
 * answer to each measure command), as the console reads it.
 */

export const MEASURE_STATUSES = ['proposed', 'approved', 'rejected', 'lifted'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** One step of a measure's execution; `done + notApplicable = total` once it is complete. */
export interface StepCount {
  readonly done: number;
  readonly total: number;
  readonly notApplicable: number;
}

export interface MeasureSummary {
  readonly id: string;
  readonly destination: string;
  readonly legalGround: string;
  readonly reasons: string;
  readonly status: MeasureStatus;
  readonly proposedBy: Official;
  readonly proposedOn: string;
  readonly approvedBy: Official | null;
  readonly approvedOn: string | null;
  readonly rejectedBy: Official | null;
  readonly rejectionReason: string | null;
  readonly liftedBy: Official | null;
  readonly liftedOn: string | null;
  readonly liftReason: string | null;
  readonly executed: boolean;
  readonly liftExecuted: boolean;
  readonly progress: {
    readonly holds: StepCount;
    readonly reassessments: StepCount;
    readonly releases: StepCount;
  };
}

export const REASSESSMENT_OUTCOMES = [
  'pending',
  'maintained',
  'revocation-proposed',
  'not-applicable',
] as const;
export type MeasureReassessmentOutcome = (typeof REASSESSMENT_OUTCOMES)[number];

export interface MeasureView extends MeasureSummary {
  readonly worklistFixedOn: string | null;
  readonly reassessments: readonly {
    readonly caseId: string;
    readonly outcome: MeasureReassessmentOutcome;
  }[];
  readonly outcomes: Readonly<Record<MeasureReassessmentOutcome, number>>;
}

/** The body of POST /api/measures. */
export interface MeasureProposal {
  readonly destination: string;
  readonly legalGround: string;
  readonly reasons: string;
}
