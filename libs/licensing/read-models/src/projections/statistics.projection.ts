import type { RecordedEvent } from '@licences/event-store';
import { fromRecordedEvent, LICENCE_STREAM_PREFIX } from '@licences/licensing-application';
import { addDays, controlListCategory, evolve, withCurrentDetails } from '@licences/licensing-domain';
import type {
  Criterion,
  ExportType,
  GoodsCategory,
  LicenceCase,
  LicenceKind,
  LocalDate,
  TemporaryExportPurpose,
} from '@licences/licensing-domain';

/*
 * The statistics projection: one fact per decision the reports count. Each fact carries what the
 * reports need about the case as it stood then (destination, goods, values), so that a report is a
 * pure function of the facts up to a position and never has to fold streams.
 */

export const STATISTICS_FACT_KINDS = [
  'sondage-requested',
  'sondage-answered',
  'applied',
  'issued',
  'denied',
  'extended',
  'revoked',
  // Steps after issue and holds (issue 13). Facts of these kinds come only from events that did
  // not exist before, so a store projected earlier holds every fact it should: no re-projection.
  'reassessed',
  'suspended',
  'reinstated',
  'held',
  'released',
] as const;
export type StatisticsFactKind = (typeof STATISTICS_FACT_KINDS)[number];

export interface StatisticsGoodsLine {
  readonly controlListEntry: string;
  /** `ML10`, or the dual-use category and group (`5A`). */
  readonly category: string;
  readonly description: string;
  /** Whole cents, so that sums never drift. */
  readonly valueCents: number;
}

export interface StatisticsFact {
  readonly position: number;
  readonly caseId: string;
  readonly kind: StatisticsFactKind;
  /** Business date of the decision (Europe/Amsterdam); imported history keeps its own. */
  readonly decisionDate: LocalDate;
  /** The licence kind; named so because `kind` is the kind of fact. */
  readonly licenceKind: LicenceKind;
  readonly exportType: ExportType;
  /** Present exactly when the export is temporary. */
  readonly temporaryPurpose: TemporaryExportPurpose | null;
  readonly firearmsAct: boolean;
  /** ISO codes of every destination, in the order the case gives them (one or more). */
  readonly destinations: readonly string[];
  /** The end user at each destination, in the same order as `destinations`. */
  readonly endUsers: readonly string[];
  readonly goodsCategory: GoodsCategory;
  readonly goods: readonly StatisticsGoodsLine[];
  readonly totalValueCents: number;
  readonly validFrom: LocalDate | null;
  readonly validUntil: LocalDate | null;
  /** Months the rule gave (issue and extension). */
  readonly ruleMonths: number | null;
  /** Whole months of the validity actually decided, from validFrom to validUntil. */
  readonly validityMonths: number | null;
  readonly policyVersion: string | null;
  readonly criteria: readonly Criterion[];
  /** `positive` / `negative` for an answered sondage; `maintained` / `revocation-proposed` for a reassessment. */
  readonly outcome: string | null;
  /** When the case was applied for (issue and denial), to measure how long decisions took. */
  readonly appliedOn: LocalDate | null;
  readonly circumstances: string | null;
}

/**
 * The fields of a fact that a listing report prints or pages by: what a store reads for a page
 * of a listing (`statisticsFactPage`), whose period may hold every fact of the history.
 */
export const LISTED_FACT_FIELDS = [
  'position',
  'caseId',
  'kind',
  'decisionDate',
  'licenceKind',
  'exportType',
  'destinations',
  'endUsers',
  'goodsCategory',
  'goods',
  'totalValueCents',
  'validUntil',
  'criteria',
] as const satisfies readonly (keyof StatisticsFact)[];

/** A fact as a listing report reads it: `LISTED_FACT_FIELDS` and no more. */
export type ListedStatisticsFact = Pick<StatisticsFact, (typeof LISTED_FACT_FIELDS)[number]>;

export interface StatisticsProjectionStep {
  /** The case after the event: the working state the projection keeps per case. */
  readonly state: LicenceCase;
  readonly fact?: StatisticsFact;
}

/** Converts a euro amount to whole cents once, at the boundary. */
export function toCents(valueEur: number): number {
  return Math.round(valueEur * 100);
}

/** Whole months from `from` to the day after `until` (a validity of 2024-01-01..2024-12-31 is 12). */
export function monthsOfValidity(from: LocalDate, until: LocalDate): number {
  const end = addDays(until, 1);
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  return (ey - fy) * 12 + (em - fm) - (ed < fd ? 1 : 0);
}

export function projectStatistics(
  previous: LicenceCase | undefined,
  recorded: RecordedEvent,
): StatisticsProjectionStep | undefined {
  if (!recorded.streamId.startsWith(LICENCE_STREAM_PREFIX)) return undefined;
  const event = fromRecordedEvent(recorded);
  // A working state stored before destinations became a list still has its one `destination`.
  const before = previous && withCurrentDetails(previous);
  const state = evolve(before, event) as LicenceCase;
  const { details } = state;
  const goods = details.goods.map((item) => ({
    controlListEntry: item.controlListEntry,
    category: controlListCategory(item.controlListEntry),
    description: item.description,
    valueCents: toCents(item.valueEur),
  }));
  const base = {
    position: recorded.position,
    caseId: state.caseId,
    decisionDate: event.data.decisionDate,
    licenceKind: details.kind,
    exportType: details.exportType,
    temporaryPurpose: details.temporaryPurpose ?? null,
    firearmsAct: details.firearmsAct,
    destinations: details.destinations.map((d) => d.country),
    endUsers: details.destinations.map((d) => d.endUser),
    goodsCategory: details.goodsCategory,
    goods,
    totalValueCents: goods.reduce((sum, line) => sum + line.valueCents, 0),
    validFrom: null,
    validUntil: null,
    ruleMonths: null,
    validityMonths: null,
    policyVersion: null,
    criteria: [],
    outcome: null,
    appliedOn: null,
    circumstances: null,
  } satisfies Omit<StatisticsFact, 'kind'>;
  // A licence's steps after issue describe it with the validity it has when they are taken.
  const licence = { ...base, validFrom: state.validFrom ?? null, validUntil: state.validUntil ?? null };
  switch (event.type) {
    case 'SondageRequested':
      return { state, fact: { ...base, kind: 'sondage-requested' } };
    case 'SondageAnswered':
      return {
        state,
        fact: {
          ...base,
          kind: 'sondage-answered',
          outcome: event.data.outcome,
          criteria: event.data.criteria,
        },
      };
    case 'Applied':
      return { state, fact: { ...base, kind: 'applied', appliedOn: event.data.decisionDate } };
    case 'Issued':
      return {
        state,
        fact: {
          ...base,
          kind: 'issued',
          validFrom: event.data.validFrom,
          validUntil: event.data.validUntil,
          ruleMonths: event.data.rule.months,
          validityMonths: monthsOfValidity(event.data.validFrom, event.data.validUntil),
          policyVersion: event.data.rule.policyVersion,
          appliedOn: before?.appliedOn ?? null,
        },
      };
    case 'Denied':
      return {
        state,
        fact: {
          ...base,
          kind: 'denied',
          criteria: event.data.criteria,
          appliedOn: before?.appliedOn ?? null,
        },
      };
    case 'Extended':
      return {
        state,
        fact: {
          ...base,
          kind: 'extended',
          validFrom: state.validFrom ?? null,
          validUntil: event.data.validUntil,
          ruleMonths: event.data.rule.months,
          policyVersion: event.data.rule.policyVersion,
        },
      };
    case 'RevokedForChangedCircumstances':
      return {
        state,
        fact: {
          ...base,
          kind: 'revoked',
          validFrom: state.validFrom ?? null,
          validUntil: event.data.validUntilAtRevocation,
          criteria: event.data.criteria,
          circumstances: event.data.circumstances,
        },
      };
    case 'Reassessed':
      return {
        state,
        fact: {
          ...licence,
          kind: 'reassessed',
          criteria: event.data.assessment.findings.map((f) => f.criterion),
          outcome: event.data.outcome,
        },
      };
    case 'Suspended':
      return {
        state,
        fact: {
          ...licence,
          kind: 'suspended',
          criteria: event.data.criteria,
        },
      };
    case 'Reinstated':
      return {
        state,
        fact: {
          ...licence,
          kind: 'reinstated',
        },
      };
    case 'PutOnHold':
      return { state, fact: { ...base, kind: 'held', appliedOn: state.appliedOn ?? null } };
    case 'Released':
      return { state, fact: { ...base, kind: 'released', appliedOn: state.appliedOn ?? null } };
    // A measure's request is work to do, not a decision: its reassessment is counted when it is made.
    case 'ReassessmentRequested':
    case 'Withdrawn':
    // Neither is a withdrawal a counted decision, nor a revocation until it is approved: the
    // reports count revocations by their final event only.
    case 'RevocationProposed':
    case 'RevocationProposalWithdrawn':
    case 'RevocationProposalRejected':
      return { state };
    default: {
      const unexpected: never = event;
      throw new Error(`Unknown event ${JSON.stringify(unexpected)}`);
    }
  }
}
