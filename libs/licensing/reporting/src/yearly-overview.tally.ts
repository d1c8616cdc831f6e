import { GOODS_CATEGORIES } from '@licences/licensing-domain';
import type { GoodsCategory } from '@licences/licensing-domain';
import type { StatisticsFact, YearlyOverviewCount } from '@licences/licensing-read-models';
import { countryNames } from './report-language';
import { byCategory, byText, emptyCriteria, euros } from './report-facts';
import type { ReportContext } from './report-facts';
import type { CriteriaCount, StepsAfterIssue, YearlyOverviewReport } from './report.types';

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

type CriteriaTally = ReturnType<typeof emptyCriteria>;

interface Tally {
  valueCents: number;
  licences: number;
}

function tally(map: Map<string, Tally>, key: string, count: YearlyOverviewCount): void {
  const entry = map.get(key) ?? { valueCents: 0, licences: 0 };
  entry.valueCents += count.valueCents;
  entry.licences += count.facts;
  map.set(key, entry);
}

export function increment<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Keys of the tallies split by goods category: military first, then dual-use. */
const splitKey = (goodsCategory: GoodsCategory, key: string): string => `${goodsCategory}\u0000${key}`;

function bySplitKey(a: string, b: string, within: (a: string, b: string) => number): number {
  const [ga, ka] = a.split('\u0000') as [GoodsCategory, string];
  const [gb, kb] = b.split('\u0000') as [GoodsCategory, string];
  return GOODS_CATEGORIES.indexOf(ga) - GOODS_CATEGORIES.indexOf(gb) || within(ka, kb);
}

/**
 * Nearest-rank percentile of whole days counted per value (sorted by days): always one of the
 * observed values, the one at rank ceil(p% of all) as if every decision were listed in order.
 */
function percentile(sorted: readonly (readonly [number, number])[], total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [days, decisions] of sorted) {
    seen += decisions;
    if (seen >= rank) return days;
  }
  return sorted.at(-1)?.[0] ?? null;
}

/**
 * Adds up the yearly overview from grouped counts (a fact's own, or the store's) and the
 * revocations, which it lists one by one. Everything counts in the year of its own decision date.
 */
export class YearlyOverviewTally {
  private readonly byCategory = new Map<string, Tally>();
  private readonly byDestination = new Map<string, Tally>();
  private readonly perMonth = new Map<string, { military: number; dualUse: number }>();
  private readonly denialsSplit = new Map<GoodsCategory, { denials: number; criteria: CriteriaTally }>(
    GOODS_CATEGORIES.map((g) => [g, { denials: 0, criteria: emptyCriteria() }]),
  );
  private readonly codes = new Set<string>();
  private readonly validity = new Map<number, number>();
  // `<rule months>:<actual months>` -> licences
  private readonly deviations = new Map<string, number>();
  private readonly denialsByCriterion = emptyCriteria();
  private readonly revocations: YearlyOverviewReport['revocations'][number][] = [];
  private readonly decisionDays = new Map<number, number>();
  private readonly sondages = { requested: 0, positive: 0, negative: 0 };
  private denials = 0;
  private extensions = 0;
  private readonly steps = new Map<GoodsCategory, StepCounts>(GOODS_CATEGORIES.map((g) => [g, noSteps()]));

  add(count: YearlyOverviewCount): void {
    switch (count.group) {
      case 'kind':
        this.addKind(count);
        break;
      case 'month': {
        const inMonth = this.perMonth.get(count.key!) ?? { military: 0, dualUse: 0 };
        if (count.goodsCategory === 'military') inMonth.military += count.facts;
        else inMonth.dualUse += count.facts;
        this.perMonth.set(count.key!, inMonth);
        break;
      }
      case 'validity':
        increment(this.validity, count.months!, count.facts);
        if (count.decidedMonths !== null && count.decidedMonths !== count.months)
          increment(this.deviations, `${count.months}:${count.decidedMonths}`, count.facts);
        break;
      case 'days':
        increment(this.decisionDays, count.days!, count.facts);
        break;
      case 'category':
        tally(this.byCategory, splitKey(count.goodsCategory, count.key!), count);
        break;
      case 'destination':
        this.codes.add(count.key!);
        tally(this.byDestination, splitKey(count.goodsCategory, count.key!), count);
        break;
      case 'criterion': {
        // Only criteria 1 to 8 are counted.
        const key = String(count.criterion) as keyof CriteriaCount;
        if (key in this.denialsByCriterion) this.denialsByCriterion[key] += count.facts;
        const split = this.denialsSplit.get(count.goodsCategory);
        if (split && key in split.criteria) split.criteria[key] += count.facts;
        break;
      }
      default: {
        const unexpected: never = count.group;
        throw new Error(`Unknown group ${String(unexpected)}`);
      }
    }
  }

  addRevocation(fact: StatisticsFact): void {
    for (const code of fact.destinations) this.codes.add(code);
    this.revocations.push({
      caseId: fact.caseId,
      revokedOn: fact.decisionDate,
      goodsCategory: fact.goodsCategory,
      destinations: fact.destinations,
      circumstances: fact.circumstances ?? '',
      criteria: [...fact.criteria].sort((a, b) => a - b),
    });
  }

  private addKind({ kind, goodsCategory, key: outcome, facts }: YearlyOverviewCount): void {
    switch (kind) {
      case 'denied': {
        this.denials += facts;
        const split = this.denialsSplit.get(goodsCategory);
        if (split) split.denials += facts;
        break;
      }
      case 'extended':
        this.extensions += facts;
        break;
      case 'sondage-requested':
        this.sondages.requested += facts;
        break;
      case 'sondage-answered':
        if (outcome === 'positive') this.sondages.positive += facts;
        else this.sondages.negative += facts;
        break;
      case 'reassessed': {
        const split = this.stepsOf(goodsCategory);
        split.reassessments += facts;
        if (outcome === 'revocation-proposed') split.revocationProposed += facts;
        else split.maintained += facts;
        break;
      }
      case 'suspended':
        this.stepsOf(goodsCategory).suspensions += facts;
        break;
      case 'reinstated':
        this.stepsOf(goodsCategory).reinstatements += facts;
        break;
      case 'held':
        this.stepsOf(goodsCategory).holds += facts;
        break;
      case 'released':
        this.stepsOf(goodsCategory).releases += facts;
        break;
      // Counted in their own groups (issued), listed (revoked) or not reported (applied).
      case 'issued':
      case 'revoked':
      case 'applied':
        break;
      default: {
        const unexpected: never = kind;
        throw new Error(`Unknown fact kind ${String(unexpected)}`);
      }
    }
  }

  private stepsOf(goodsCategory: GoodsCategory): StepCounts {
    const split = this.steps.get(goodsCategory) ?? noSteps();
    this.steps.set(goodsCategory, split);
    return split;
  }

  report(year: number, context: ReportContext): YearlyOverviewReport {
    const days = [...this.decisionDays.entries()].sort(([a], [b]) => a - b);
    const decisions = days.reduce((sum, [, n]) => sum + n, 0);
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
      countries: countryNames(this.codes),
      valueByCategory: rows(this.byCategory, byCategory).map(({ name, ...rest }) => ({
        category: name,
        ...rest,
      })),
      valueByDestination: rows(this.byDestination, byText).map(({ name, ...rest }) => ({
        destination: name,
        ...rest,
      })),
      licencesPerMonth: [...this.perMonth.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([month, split]) => ({ month, licences: split.military + split.dualUse, ...split })),
      denialsByCriterion: this.denialsByCriterion,
      denials: this.denials,
      denialsByGoodsCategory: [...this.denialsSplit.entries()].map(([goodsCategory, split]) => ({
        goodsCategory,
        denials: split.denials,
        criteriaCited: split.criteria,
      })),
      revocations: this.revocations.sort(
        (a, b) => byText(a.revokedOn, b.revokedOn) || byText(a.caseId, b.caseId),
      ),
      validityMix: [...this.validity.entries()]
        .sort(([a], [b]) => a - b)
        .map(([months, licences]) => ({ months, licences })),
      validityDeviations: [...this.deviations.entries()]
        .map(([key, licences]) => {
          const [ruleMonths, actualMonths] = key.split(':').map(Number) as [number, number];
          return { ruleMonths, actualMonths, licences };
        })
        .sort((a, b) => a.ruleMonths - b.ruleMonths || a.actualMonths - b.actualMonths),
      extensions: this.extensions,
      stepsAfterIssue: [...this.steps.entries()].map(([goodsCategory, counts]) => ({
        goodsCategory,
        ...counts,
      })),
      sondages: this.sondages,
      decisionDays: {
        decisions,
        median: percentile(days, decisions, 50),
        p90: percentile(days, decisions, 90),
        max: days.at(-1)?.[0] ?? null,
      },
    };
  }
}
