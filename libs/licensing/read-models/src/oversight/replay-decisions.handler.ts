import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { VALIDITY_POLICY } from '@licences/licensing-application';
import { compareDates } from '@licences/licensing-domain';
import type {
  FindingCode,
  FindingSeverity,
  LocalDate,
  OversightFinding,
  ValidityPolicy,
} from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import { allCaseHistories } from './case-histories';
import { caseReplayView } from './replay.views';
import type { ReplayStepView } from './replay.views';

/** One page of a list: `page` from 1. */
export interface PageAsked {
  readonly page: number;
  readonly pageSize: number;
}

/** `any`: a decision with at least one finding, whatever its severity. */
export type DecisionSeverityFilter = FindingSeverity | 'any';

export interface DecisionsSelection {
  /** Only decisions with a finding of this code (and of `severity`, when both are asked). */
  readonly code?: FindingCode;
  readonly severity?: DecisionSeverityFilter;
  readonly paging?: PageAsked;
}

export class ReplayDecisionsQuery implements IQuery {
  constructor(
    readonly from: LocalDate,
    readonly to: LocalDate,
    /** Empty: the whole period, answered as before there was a selection. */
    readonly selection: DecisionsSelection = {},
  ) {}
}

/** A decision of the period; the states are left out (replay the case for them). */
export type DecisionInPeriod = Omit<ReplayStepView, 'stateBefore' | 'stateAfter'> & {
  readonly caseId: string;
};

export interface DecisionsInPeriodView {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Every decision with its business date in [from, to], by date, then case and revision. */
  readonly decisions: readonly DecisionInPeriod[];
  readonly findings: readonly OversightFinding[];
  readonly totals: {
    readonly decisions: number;
    readonly rechecked: number;
    readonly deviations: number;
    readonly notes: number;
  };
  /** Set when a filter or a page was asked: how many decisions match the filter (all pages). */
  readonly matching?: number;
  /** Set when a page was asked; `decisions` and `findings` are then that page's. */
  readonly page?: number;
  readonly pageSize?: number;
}

const within = (date: LocalDate, from: LocalDate, to: LocalDate) =>
  compareDates(from, date) <= 0 && compareDates(date, to) <= 0;

const byDateCaseRevision = (
  a: { decisionDate: LocalDate; caseId: string; revision: number },
  b: { decisionDate: LocalDate; caseId: string; revision: number },
) =>
  compareDates(a.decisionDate, b.decisionDate) || a.caseId.localeCompare(b.caseId) || a.revision - b.revision;

/**
 * Every decision taken in a period, issues and extensions re-checked. Each case is replayed from
 * its first event, since a decision can only be re-checked against the case as it stood then.
 */
@QueryHandler(ReplayDecisionsQuery)
export class ReplayDecisionsHandler implements IQueryHandler<ReplayDecisionsQuery, DecisionsInPeriodView> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
  ) {}

  async execute({ from, to, selection }: ReplayDecisionsQuery): Promise<DecisionsInPeriodView> {
    const decisions: DecisionInPeriod[] = [];
    const findings: OversightFinding[] = [];
    for await (const [caseId, entries] of allCaseHistories(this.readModels)) {
      if (!entries.some((e) => within(e.decisionDate, from, to))) continue;
      const replay = caseReplayView(caseId, entries, this.policy);
      for (const { stateBefore: _before, stateAfter: _after, ...step } of replay.steps) {
        if (within(step.decisionDate, from, to)) decisions.push({ caseId, ...step });
      }
      findings.push(...replay.findings.filter((f) => within(f.decisionDate, from, to)));
    }
    decisions.sort(byDateCaseRevision);
    findings.sort(byDateCaseRevision);
    return selectDecisions(
      {
        from,
        to,
        decisions,
        findings,
        totals: totalsOf(decisions, findings),
      },
      selection,
    );
  }
}

function totalsOf(decisions: readonly DecisionInPeriod[], findings: readonly OversightFinding[]) {
  return {
    decisions: decisions.length,
    rechecked: decisions.filter((d) => d.recheck !== undefined).length,
    deviations: findings.filter((f) => f.severity === 'deviation').length,
    notes: findings.filter((f) => f.severity === 'note').length,
  };
}

const stepKey = (f: { caseId: string; revision: number }) => `${f.caseId}#${f.revision}`;

/**
 * The decisions a selection keeps, and the findings of those decisions only (every finding of a
 * kept decision, not just the one that matched). The totals stay the whole period's, so that a
 * page can show them beside the filtered list.
 */
export function selectDecisions(
  whole: DecisionsInPeriodView,
  selection: DecisionsSelection,
): DecisionsInPeriodView {
  const { code, severity, paging } = selection;
  if (code === undefined && severity === undefined && paging === undefined) return whole;
  const matches = (f: OversightFinding) =>
    (code === undefined || f.code === code) &&
    (severity === undefined || severity === 'any' || f.severity === severity);
  const filtering = code !== undefined || severity !== undefined;
  const matchingSteps = new Set(whole.findings.filter(matches).map(stepKey));
  const matching = filtering ? whole.decisions.filter((d) => matchingSteps.has(stepKey(d))) : whole.decisions;
  const decisions = paging ? onePage(matching, paging) : matching;
  const kept = new Set(decisions.map(stepKey));
  return {
    ...whole,
    decisions,
    findings: whole.findings.filter((f) => kept.has(stepKey(f))),
    matching: matching.length,
    ...(paging && { page: paging.page, pageSize: paging.pageSize }),
  };
}

/** The items of one page; past the last page, none. */
export function onePage<T>(items: readonly T[], { page, pageSize }: PageAsked): T[] {
  return items.slice((page - 1) * pageSize, page * pageSize);
}
