import { daysBetween, GOODS_CATEGORIES } from '@licences/licensing-domain';
import type { GoodsCategory } from '@licences/licensing-domain';
import type { StatisticsFact } from '@licences/licensing-read-models';
import { countryNames } from './report-language';
import { byCategory, byText, countCriteria, emptyCriteria, euros, inPeriod } from './report-facts';
import type { ReportContext } from './report-facts';
import type { ReportPeriod, StepsAfterIssue, YearlyOverviewReport } from './report.types';

type StepCounts = { -readonly [K in Exclude<keyof StepsAfterIssue, 'goodsCategory'>]: number };

const noSteps = (): StepCounts => ({
  reassessments: 0,
  maintained: 0,
  revocationProposed: 0,
  suspensions: 0,
  reinstatements: 0,
  holds: 0,
  releases: 0,
});

interface Tally {
  valueCents: number;
  licences: number;
}

function tally(map: Map<string, Tally>, key: string, valueCents: number): void {
  const entry = map.get(key) ?? { valueCents: 0, licences: 0 };
  entry.valueCents += valueCents;
  entry.licences += 1;
  map.set(key, entry);
}

/** Keys of the tallies split by goods category: military first, then dual-use. */
const splitKey = (goodsCategory: GoodsCategory, key: string): string => `${goodsCategory}\u0000${key}`;

function bySplitKey(a: string, b: string, within: (a: string, b: string) => number): number {
  const [ga, ka] = a.split('\u0000') as [GoodsCategory, string];
  const [gb, kb] = b.split('\u0000') as [GoodsCategory, string];
  return GOODS_CATEGORIES.indexOf(ga) - GOODS_CATEGORIES.indexOf(gb) || within(ka, kb);
}

/** Nearest-rank percentile of sorted whole days: always one of the observed values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * The yearly overview for the parliamentary debate on licence validity. Everything counts in the
 * year of its own decision date: a licence issued in 2024 and revoked in 2025 is issued in the 2024
 * overview and revoked in the 2025 one.
 */
export function buildYearlyOverviewReport(
  facts: readonly StatisticsFact[],
  year: number,
  period: ReportPeriod,
  context: ReportContext,
): YearlyOverviewReport {
  const byCategoryTally = new Map<string, Tally>();
  const byDestination = new Map<string, Tally>();
  const perMonth = new Map<string, { military: number; dualUse: number }>();
  const denialsSplit = new Map<
    GoodsCategory,
    { denials: number; criteria: ReturnType<typeof emptyCriteria> }
  >(GOODS_CATEGORIES.map((g) => [g, { denials: 0, criteria: emptyCriteria() }]));
  const codes: string[] = [];
  const validity = new Map<number, number>();
  // `<rule months>:<actual months>` -> licences
  const deviations = new Map<string, number>();
  const denialsByCriterion = emptyCriteria();
  const revocations: YearlyOverviewReport['revocations'][number][] = [];
  const decisionDays: number[] = [];
  const sondages = { requested: 0, positive: 0, negative: 0 };
  let denials = 0;
  let extensions = 0;
  const steps = new Map<GoodsCategory, StepCounts>(GOODS_CATEGORIES.map((g) => [g, noSteps()]));
  const stepsOf = (goodsCategory: GoodsCategory): StepCounts => {
    const split = steps.get(goodsCategory) ?? noSteps();
    steps.set(goodsCategory, split);
    return split;
  };
  for (const fact of facts) {
    if (!inPeriod(fact, period)) continue;
    switch (fact.kind) {
      case 'issued': {
        const categories = new Map<string, number>();
        for (const line of fact.goods)
          categories.set(line.category, (categories.get(line.category) ?? 0) + line.valueCents);
        for (const [category, cents] of categories)
          tally(byCategoryTally, splitKey(fact.goodsCategory, category), cents);
        // The value cannot be split over destinations: each gets the licence with its whole value.
        for (const destination of new Set(fact.destinations))
          tally(byDestination, splitKey(fact.goodsCategory, destination), fact.totalValueCents);
        codes.push(...fact.destinations);
        const month = fact.decisionDate.slice(0, 7);
        const inMonth = perMonth.get(month) ?? { military: 0, dualUse: 0 };
        if (fact.goodsCategory === 'military') inMonth.military += 1;
        else inMonth.dualUse += 1;
        perMonth.set(month, inMonth);
        // Classified by the rule's months (12 or 36); the validity actually decided is in the facts.
        const months = fact.ruleMonths ?? fact.validityMonths ?? 0;
        validity.set(months, (validity.get(months) ?? 0) + 1);
        if (fact.validityMonths !== null && fact.validityMonths !== months) {
          const key = `${months}:${fact.validityMonths}`;
          deviations.set(key, (deviations.get(key) ?? 0) + 1);
        }
        if (fact.appliedOn) decisionDays.push(daysBetween(fact.appliedOn, fact.decisionDate));
        break;
      }
      case 'denied': {
        denials += 1;
        countCriteria(denialsByCriterion, fact.criteria);
        const split = denialsSplit.get(fact.goodsCategory);
        if (split) {
          split.denials += 1;
          countCriteria(split.criteria, fact.criteria);
        }
        if (fact.appliedOn) decisionDays.push(daysBetween(fact.appliedOn, fact.decisionDate));
        break;
      }
      case 'revoked':
        codes.push(...fact.destinations);
        revocations.push({
          caseId: fact.caseId,
          revokedOn: fact.decisionDate,
          goodsCategory: fact.goodsCategory,
          destinations: fact.destinations,
          circumstances: fact.circumstances ?? '',
          criteria: [...fact.criteria].sort((a, b) => a - b),
        });
        break;
      case 'extended':
        extensions += 1;
        break;
      case 'sondage-requested':
        sondages.requested += 1;
        break;
      case 'sondage-answered':
        if (fact.outcome === 'positive') sondages.positive += 1;
        else sondages.negative += 1;
        break;
      case 'applied':
        break;
      case 'reassessed': {
        const split = stepsOf(fact.goodsCategory);
        split.reassessments += 1;
        if (fact.outcome === 'revocation-proposed') split.revocationProposed += 1;
        else split.maintained += 1;
        break;
      }
      case 'suspended':
        stepsOf(fact.goodsCategory).suspensions += 1;
        break;
      case 'reinstated':
        stepsOf(fact.goodsCategory).reinstatements += 1;
        break;
      case 'held':
        stepsOf(fact.goodsCategory).holds += 1;
        break;
      case 'released':
        stepsOf(fact.goodsCategory).releases += 1;
        break;
      default: {
        const unexpected: never = fact.kind;
        throw new Error(`Unknown fact kind ${String(unexpected)}`);
      }
    }
  }
  const sortedDays = [...decisionDays].sort((a, b) => a - b);
  const rows = (map: Map<string, Tally>, within: (a: string, b: string) => number) =>
    [...map.entries()]
      .sort(([a], [b]) => bySplitKey(a, b, within))
      .map(([key, t]) => {
        const [goodsCategory, name] = key.split('\u0000') as [GoodsCategory, string];
        return { goodsCategory, name, valueEur: euros(t.valueCents), licences: t.licences };
      });
  return {
    report: 'yearly-overview',
    year,
    position: context.position,
    policyVersion: context.policyVersion,
    lang: context.lang,
    countries: countryNames(codes),
    valueByCategory: rows(byCategoryTally, byCategory).map(({ name, ...rest }) => ({
      category: name,
      ...rest,
    })),
    valueByDestination: rows(byDestination, byText).map(({ name, ...rest }) => ({
      destination: name,
      ...rest,
    })),
    licencesPerMonth: [...perMonth.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([month, split]) => ({ month, licences: split.military + split.dualUse, ...split })),
    denialsByCriterion,
    denials,
    denialsByGoodsCategory: [...denialsSplit.entries()].map(([goodsCategory, split]) => ({
      goodsCategory,
      denials: split.denials,
      criteriaCited: split.criteria,
    })),
    revocations: revocations.sort((a, b) => byText(a.revokedOn, b.revokedOn) || byText(a.caseId, b.caseId)),
    validityMix: [...validity.entries()]
      .sort(([a], [b]) => a - b)
      .map(([months, licences]) => ({ months, licences })),
    validityDeviations: [...deviations.entries()]
      .map(([key, licences]) => {
        const [ruleMonths, actualMonths] = key.split(':').map(Number) as [number, number];
        return { ruleMonths, actualMonths, licences };
      })
      .sort((a, b) => a.ruleMonths - b.ruleMonths || a.actualMonths - b.actualMonths),
    extensions,
    stepsAfterIssue: [...steps.entries()].map(([goodsCategory, counts]) => ({ goodsCategory, ...counts })),
    sondages,
    decisionDays: {
      decisions: sortedDays.length,
      median: percentile(sortedDays, 50),
      p90: percentile(sortedDays, 90),
      max: sortedDays.at(-1) ?? null,
    },
  };
}
