import type { Official } from '../licence/licence.values';
import type { LocalDate } from '../shared/local-date';
import type { MeasureStep, NotApplicableCase } from './measure.commands';

export interface MeasureProposed {
  readonly type: 'MeasureProposed';
  readonly data: {
    readonly measureId: string;
    readonly destination: string;
    readonly legalGround: string;
    readonly reasons: string;
    readonly proposedBy: Official;
    readonly decisionDate: LocalDate;
  };
}

export interface MeasureApproved {
  readonly type: 'MeasureApproved';
  readonly data: { readonly approvedBy: Official; readonly decisionDate: LocalDate };
}

export interface MeasureRejected {
  readonly type: 'MeasureRejected';
  readonly data: { readonly reason: string; readonly rejectedBy: Official; readonly decisionDate: LocalDate };
}

export interface MeasureLifted {
  readonly type: 'MeasureLifted';
  readonly data: { readonly reason: string; readonly liftedBy: Official; readonly decisionDate: LocalDate };
}

export interface MeasureWorklistFixed {
  readonly type: 'MeasureWorklistFixed';
  readonly data: {
    /** Cases pending (sondage requested, applied) to the destination on the approval date. */
    readonly holds: readonly string[];
    /** Licences valid to the destination on the approval date. */
    readonly reassessments: readonly string[];
    readonly decisionDate: LocalDate;
  };
}

export interface MeasureProgressed {
  readonly type: 'MeasureProgressed';
  readonly data: {
    readonly step: MeasureStep;
    readonly done: readonly string[];
    readonly notApplicable: readonly NotApplicableCase[];
    readonly decisionDate: LocalDate;
  };
}

export interface MeasureExecuted {
  readonly type: 'MeasureExecuted';
  readonly data: { readonly decisionDate: LocalDate };
}

export interface MeasureLiftExecuted {
  readonly type: 'MeasureLiftExecuted';
  readonly data: { readonly decisionDate: LocalDate };
}

export type MeasureEvent =
  | MeasureProposed
  | MeasureApproved
  | MeasureRejected
  | MeasureLifted
  | MeasureWorklistFixed
  | MeasureProgressed
  | MeasureExecuted
  | MeasureLiftExecuted;

export type MeasureEventType = MeasureEvent['type'];

/** Schema version of each payload as written today. */
export const MEASURE_EVENT_SCHEMA_VERSION: Readonly<Record<MeasureEventType, number>> = {
  MeasureProposed: 1,
  MeasureApproved: 1,
  MeasureRejected: 1,
  MeasureLifted: 1,
  MeasureWorklistFixed: 1,
  MeasureProgressed: 1,
  MeasureExecuted: 1,
  MeasureLiftExecuted: 1,
};

export function isMeasureEventType(type: string): type is MeasureEventType {
  return Object.prototype.hasOwnProperty.call(MEASURE_EVENT_SCHEMA_VERSION, type);
}
