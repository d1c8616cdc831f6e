import type { Official } from '../licence/licence.values';
import type { LocalDate } from '../shared/local-date';
import type { MeasureStep, NotApplicableCase } from './measure.commands';
import type { MeasureEvent } from './measure.events';

export type MeasureStatus = 'proposed' | 'approved' | 'rejected' | 'lifted';

/** The cases of one step the executor finished so far. */
export interface StepProgress {
  readonly done: readonly string[];
  readonly notApplicable: readonly NotApplicableCase[];
}

export interface Measure {
  readonly measureId: string;
  readonly destination: string;
  readonly legalGround: string;
  readonly reasons: string;
  readonly status: MeasureStatus;
  readonly proposedBy: Official;
  readonly proposedOn: LocalDate;
  readonly approvedBy?: Official;
  readonly approvedOn?: LocalDate;
  readonly rejectedBy?: Official;
  readonly rejectedOn?: LocalDate;
  readonly rejectionReason?: string;
  readonly liftedBy?: Official;
  readonly liftedOn?: LocalDate;
  readonly liftReason?: string;
  readonly worklist?: {
    readonly holds: readonly string[];
    readonly reassessments: readonly string[];
    readonly fixedOn: LocalDate;
  };
  readonly progress: Readonly<Record<MeasureStep, StepProgress>>;
  /** The day every case of the approval was done or found not applicable. */
  readonly executedOn?: LocalDate;
  /** The day every hold of the measure was released after the lift. */
  readonly liftExecutedOn?: LocalDate;
}

export type MeasureState = Measure | undefined;

export const initialMeasureState: MeasureState = undefined;

const NO_PROGRESS: StepProgress = { done: [], notApplicable: [] };

function existing(state: MeasureState, event: MeasureEvent): Measure {
  if (!state) throw new Error(`${event.type} before MeasureProposed`);
  return state;
}

/** Folds one event into the measure's state. */
export function evolveMeasure(state: MeasureState, event: MeasureEvent): MeasureState {
  switch (event.type) {
    case 'MeasureProposed': {
      const { proposedBy, decisionDate, ...rest } = event.data;
      return {
        ...rest,
        status: 'proposed',
        proposedBy,
        proposedOn: decisionDate,
        progress: { hold: NO_PROGRESS, reassessment: NO_PROGRESS, release: NO_PROGRESS },
      };
    }
    case 'MeasureApproved':
      return {
        ...existing(state, event),
        status: 'approved',
        approvedBy: event.data.approvedBy,
        approvedOn: event.data.decisionDate,
      };
    case 'MeasureRejected':
      return {
        ...existing(state, event),
        status: 'rejected',
        rejectedBy: event.data.rejectedBy,
        rejectedOn: event.data.decisionDate,
        rejectionReason: event.data.reason,
      };
    case 'MeasureLifted':
      return {
        ...existing(state, event),
        status: 'lifted',
        liftedBy: event.data.liftedBy,
        liftedOn: event.data.decisionDate,
        liftReason: event.data.reason,
      };
    case 'MeasureWorklistFixed': {
      const { holds, reassessments, decisionDate } = event.data;
      return { ...existing(state, event), worklist: { holds, reassessments, fixedOn: decisionDate } };
    }
    case 'MeasureProgressed': {
      const measure = existing(state, event);
      const { step, done, notApplicable } = event.data;
      const before = measure.progress[step];
      const after: StepProgress = {
        done: [...before.done, ...done],
        notApplicable: [...before.notApplicable, ...notApplicable],
      };
      return { ...measure, progress: { ...measure.progress, [step]: after } };
    }
    case 'MeasureExecuted':
      return { ...existing(state, event), executedOn: event.data.decisionDate };
    case 'MeasureLiftExecuted':
      return { ...existing(state, event), liftExecutedOn: event.data.decisionDate };
    default: {
      const unexpected: never = event;
      throw new Error(`Unknown measure event ${(unexpected as { type: string }).type}`);
    }
  }
}

/** The cases a step covers: the work list for an approval; for a lift, the cases the measure held. */
export function stepCases(measure: Measure, step: MeasureStep): readonly string[] {
  switch (step) {
    case 'hold':
      return measure.worklist?.holds ?? [];
    case 'reassessment':
      return measure.worklist?.reassessments ?? [];
    case 'release':
      return measure.progress.hold.done;
    default: {
      const unexpected: never = step;
      throw new Error(`Unknown measure step ${String(unexpected)}`);
    }
  }
}

/** The cases of a step the executor has recorded, done or not applicable. */
export function recordedCases(measure: Measure, step: MeasureStep): ReadonlySet<string> {
  const { done, notApplicable } = measure.progress[step];
  return new Set([...done, ...notApplicable.map((c) => c.caseId)]);
}

/** The cases of a step still to do, in work-list order. */
export function remainingCases(measure: Measure, step: MeasureStep): string[] {
  const recorded = recordedCases(measure, step);
  return stepCases(measure, step).filter((caseId) => !recorded.has(caseId));
}

export interface StepCount {
  readonly done: number;
  readonly total: number;
  readonly notApplicable: number;
}

/** `done + notApplicable = total` once the step is complete. */
export function stepCount(measure: Measure, step: MeasureStep): StepCount {
  const { done, notApplicable } = measure.progress[step];
  return { done: done.length, total: stepCases(measure, step).length, notApplicable: notApplicable.length };
}

/**
 * What the executor still owes the measure: its work list, the cases of the approval, their
 * completion, and after a lift the releases and theirs. Undefined when nothing is owed.
 */
export function pendingExecution(measure: Measure): 'worklist' | 'execution' | 'lift' | undefined {
  if (measure.status !== 'approved' && measure.status !== 'lifted') return undefined;
  if (!measure.worklist) return 'worklist';
  if (!measure.executedOn) return 'execution';
  if (measure.status === 'lifted' && !measure.liftExecutedOn) return 'lift';
  return undefined;
}
