import type { StatisticsFact } from '@licences/licensing-read-models';
import type { CriteriaCount, ReportLanguage, ReportPeriod } from './report.types';

/** What every builder is told besides the facts: where the report was built from, and its language. */
export interface ReportContext {
  readonly position: number;
  readonly policyVersion: string;
  readonly lang: ReportLanguage;
}

export function inPeriod(fact: Pick<StatisticsFact, 'decisionDate'>, period: ReportPeriod): boolean {
  return fact.decisionDate >= period.from && fact.decisionDate <= period.to;
}

/** Cents to euros, only at output: an integer sum divided once cannot drift. */
export function euros(cents: number): number {
  return cents / 100;
}

export function emptyCriteria(): Record<keyof CriteriaCount, number> {
  return { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0 };
}

/** Adds each distinct criterion of a decision once (a denial citing 7 twice cites it once). */
export function countCriteria(into: Record<keyof CriteriaCount, number>, criteria: readonly number[]): void {
  for (const criterion of new Set(criteria)) {
    const key = String(criterion) as keyof CriteriaCount;
    if (key in into) into[key] += 1;
  }
}

/** Plain code-unit comparison: the same order on every machine and locale. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ML categories in their numeric order (ML2 before ML10), anything else after, by text. */
export function byCategory(a: string, b: string): number {
  const na = /^ML(\d+)$/.exec(a);
  const nb = /^ML(\d+)$/.exec(b);
  if (na && nb) return Number(na[1]) - Number(nb[1]);
  if (na) return -1;
  if (nb) return 1;
  return byText(a, b);
}
