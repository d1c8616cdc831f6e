import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { VALIDITY_POLICY } from '@licences/licensing-application';
import { compareDates } from '@licences/licensing-domain';
import type { LocalDate, OversightFinding, ValidityPolicy } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import { allCaseHistories } from './case-histories';
import { caseReplayView } from './replay.views';
import type { ReplayStepView } from './replay.views';

export class ReplayDecisionsQuery implements IQuery {
  constructor(
    readonly from: LocalDate,
    readonly to: LocalDate,
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

  async execute({ from, to }: ReplayDecisionsQuery): Promise<DecisionsInPeriodView> {
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
    return {
      from,
      to,
      decisions,
      findings,
      totals: {
        decisions: decisions.length,
        rechecked: decisions.filter((d) => d.recheck !== undefined).length,
        deviations: findings.filter((f) => f.severity === 'deviation').length,
        notes: findings.filter((f) => f.severity === 'note').length,
      },
    };
  }
}
