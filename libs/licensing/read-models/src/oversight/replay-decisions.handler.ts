import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { VALIDITY_POLICY } from '@licences/licensing-application';
import type {
  FindingCode,
  FindingSeverity,
  LocalDate,
  OversightFinding,
  ValidityPolicy,
} from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import { addToTotals, decisionsOfKeys, NO_TOTALS, periodDecisions, periodTotals } from './period-decisions';
import type { DecisionInPeriod, PeriodTotals } from './period-decisions';

/** Periods whose totals are kept for paging: a few kilobytes in all. */
const PERIODS_KEPT = 64;

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

export type { DecisionInPeriod } from './period-decisions';

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

/**
 * Every decision taken in a period, issues and extensions re-checked. The index of decision dates
 * finds the period's decisions, so a month costs a month's work; each of their cases is replayed
 * from its first event, since a decision can only be re-checked against the case as it stood then.
 */
@QueryHandler(ReplayDecisionsQuery)
export class ReplayDecisionsHandler implements IQueryHandler<ReplayDecisionsQuery, DecisionsInPeriodView> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
  ) {}

  /** The totals of the periods paged through lately, by the period and the identity of its rows. */
  private readonly totals = new Map<string, PeriodTotals>();

  async execute({ from, to, selection }: ReplayDecisionsQuery): Promise<DecisionsInPeriodView> {
    const { code, severity, paging } = selection;
    if (paging !== undefined && code === undefined && severity === undefined) {
      return await this.page(from, to, paging);
    }
    const decisions: DecisionInPeriod[] = [];
    const findings: OversightFinding[] = [];
    for await (const chunk of periodDecisions(this.readModels, this.policy, from, to)) {
      decisions.push(...chunk.decisions);
      findings.push(...chunk.findings);
    }
    return selectDecisions(
      { from, to, decisions, findings, totals: addToTotals(NO_TOTALS, { decisions, findings }) },
      selection,
    );
  }

  /**
   * A page without a filter: its decisions come straight from the index and only its cases are
   * replayed. The totals stay the whole period's, as with any selection: they take the period's
   * work once, and are kept for the period's rows as they are (see DecisionPage), so that turning
   * pages does not replay the period again. New rows in the period change the key, never the
   * answer: a kept total is exactly what replaying the same rows again would count.
   */
  private async page(from: LocalDate, to: LocalDate, paging: PageAsked): Promise<DecisionsInPeriodView> {
    const { keys, total, lastPosition } = await this.readModels.decisionPageBetween(
      { from, to },
      { offset: (paging.page - 1) * paging.pageSize, limit: paging.pageSize },
    );
    const { decisions, findings } = await decisionsOfKeys(this.readModels, this.policy, keys);
    return {
      from,
      to,
      decisions,
      findings,
      totals: await this.totalsOf(from, to, `${from}/${to}/${total}/${lastPosition}`),
      matching: total,
      page: paging.page,
      pageSize: paging.pageSize,
    };
  }

  private async totalsOf(from: LocalDate, to: LocalDate, rows: string): Promise<PeriodTotals> {
    const kept = this.totals.get(rows);
    if (kept) return kept;
    const totals = await periodTotals(this.readModels, this.policy, from, to);
    if (this.totals.size >= PERIODS_KEPT) this.totals.delete(this.totals.keys().next().value!);
    this.totals.set(rows, totals);
    return totals;
  }
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
