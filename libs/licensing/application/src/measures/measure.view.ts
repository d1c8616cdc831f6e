import { Injectable } from '@nestjs/common';
import { stepCount } from '@licences/licensing-domain';
import type {
  Measure,
  MeasureStatus,
  Official,
  ReassessmentOutcome,
  StepCount,
} from '@licences/licensing-domain';
import { LicenceRepository } from '../licence.repository';
import { MeasureDirectory } from './measure-directory.service';
import { MeasureRepository } from './measure.repository';

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
  /** Whether the work list was executed in full, and after a lift whether every hold was released. */
  readonly executed: boolean;
  readonly liftExecuted: boolean;
  readonly progress: {
    readonly holds: StepCount;
    readonly reassessments: StepCount;
    readonly releases: StepCount;
  };
}

export type MeasureReassessmentOutcome = ReassessmentOutcome | 'pending' | 'not-applicable';

export interface MeasureView extends MeasureSummary {
  readonly worklistFixedOn: string | null;
  /** Each licence on the reassessment list and what its reassessment for this measure decided. */
  readonly reassessments: readonly {
    readonly caseId: string;
    readonly outcome: MeasureReassessmentOutcome;
  }[];
  readonly outcomes: Readonly<Record<MeasureReassessmentOutcome, number>>;
}

export function measureSummaryOf(measure: Measure): MeasureSummary {
  return {
    id: measure.measureId,
    destination: measure.destination,
    legalGround: measure.legalGround,
    reasons: measure.reasons,
    status: measure.status,
    proposedBy: measure.proposedBy,
    proposedOn: measure.proposedOn,
    approvedBy: measure.approvedBy ?? null,
    approvedOn: measure.approvedOn ?? null,
    rejectedBy: measure.rejectedBy ?? null,
    rejectionReason: measure.rejectionReason ?? null,
    liftedBy: measure.liftedBy ?? null,
    liftedOn: measure.liftedOn ?? null,
    liftReason: measure.liftReason ?? null,
    executed: measure.executedOn !== undefined,
    liftExecuted: measure.liftExecutedOn !== undefined,
    progress: {
      holds: stepCount(measure, 'hold'),
      reassessments: stepCount(measure, 'reassessment'),
      releases: stepCount(measure, 'release'),
    },
  };
}

/**
 * Measures as officials see them, read from the event store: the measure's own stream is small
 * (a few decisions and one progress record per batch of cases), and the outcome of a
 * reassessment is the case's own Reassessed event naming the measure, so no read model can show
 * an outcome the case does not have. The cost is one stream read per licence on the list, paid
 * only by the view of one measure.
 */
@Injectable()
export class MeasureQueries {
  constructor(
    private readonly measures: MeasureRepository,
    private readonly directory: MeasureDirectory,
    private readonly cases: LicenceRepository,
  ) {}

  async list(): Promise<MeasureSummary[]> {
    const ids = await this.directory.measureIds();
    const loaded = await Promise.all(ids.map((id) => this.measures.load(id)));
    return loaded.flatMap(({ state }) => (state ? [measureSummaryOf(state)] : []));
  }

  async get(measureId: string): Promise<MeasureView | undefined> {
    const { state } = await this.measures.load(measureId);
    if (!state) return undefined;
    const notApplicable = new Set(state.progress.reassessment.notApplicable.map((c) => c.caseId));
    const reassessments: { caseId: string; outcome: MeasureReassessmentOutcome }[] = [];
    for (const caseId of state.worklist?.reassessments ?? []) {
      reassessments.push({
        caseId,
        outcome: notApplicable.has(caseId) ? 'not-applicable' : await this.outcomeOf(caseId, measureId),
      });
    }
    const outcomes = { pending: 0, maintained: 0, 'revocation-proposed': 0, 'not-applicable': 0 };
    for (const { outcome } of reassessments) outcomes[outcome] += 1;
    return {
      ...measureSummaryOf(state),
      worklistFixedOn: state.worklist?.fixedOn ?? null,
      reassessments,
      outcomes,
    };
  }

  private async outcomeOf(caseId: string, measureId: string): Promise<MeasureReassessmentOutcome> {
    const { events } = await this.cases.load(caseId);
    const reassessed = events.find(
      (event) =>
        event.type === 'Reassessed' && (event.data as { measureId?: unknown }).measureId === measureId,
    );
    return reassessed ? (reassessed.data as { outcome: ReassessmentOutcome }).outcome : 'pending';
  }
}
