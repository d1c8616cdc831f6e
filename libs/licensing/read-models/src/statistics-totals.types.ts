import type { ExportType, GoodsCategory, LicenceKind, LocalDate } from '@licences/licensing-domain';
import type { StatisticsFact, StatisticsFactKind } from './projections/statistics.projection';

/**
 * One group of military decisions (licences issued, applications denied) counted in SQL, at one
 * of three levels: per destination and goods category (`cell`), per destination, or `overall`.
 * A decision counts once in each group it belongs to: once per distinct destination, once per
 * goods category it has items in. `valueCents` is, for issued licences, the value of the items in
 * the category (cells) or the licence's whole value (destination and overall); 0 for denials.
 */
export interface MilitaryDecisionCount {
  readonly level: 'cell' | 'destination' | 'overall';
  readonly kind: 'issued' | 'denied';
  readonly licenceKind: LicenceKind;
  readonly exportType: ExportType;
  /** Null at the overall level. */
  readonly destination: string | null;
  /** Null except at the cell level. */
  readonly category: string | null;
  readonly decisions: number;
  readonly valueCents: number;
}

/** Denials of one group (as in MilitaryDecisionCount) that cite `criterion`, each counted once. */
export interface MilitaryCriterionCount {
  readonly level: MilitaryDecisionCount['level'];
  readonly licenceKind: LicenceKind;
  readonly exportType: ExportType;
  readonly destination: string | null;
  readonly category: string | null;
  readonly criterion: number;
  readonly denials: number;
}

/** The grouped counts the EU annual report is made of, instead of every fact. */
export interface MilitaryDecisionTotals {
  readonly decisions: readonly MilitaryDecisionCount[];
  readonly criteria: readonly MilitaryCriterionCount[];
}

/**
 * Facts of one kind and goods category counted together for the yearly overview, in one of its
 * groupings. A fact counts once in each group it belongs to (a licence once per distinct
 * destination, once per goods category it has items in; a denial once per distinct criterion).
 * - `kind`: every fact, by its `outcome` in `key`.
 * - `month`: issued licences, by the decision's month (`YYYY-MM`) in `key`.
 * - `validity`: issued licences, by the rule's months (else the months decided, else 0) in
 *   `months` and the months decided (or null) in `decidedMonths`.
 * - `days`: issued and denied with an application date, by the whole days from it in `days`.
 * - `category`: issued licences, by goods category in `key`; `valueCents` is their items' there.
 * - `destination`: issued licences, by destination in `key`; `valueCents` is their whole value.
 * - `criterion`: denials, by a criterion cited in `criterion`.
 */
export interface YearlyOverviewCount {
  readonly group: 'kind' | 'month' | 'validity' | 'days' | 'category' | 'destination' | 'criterion';
  readonly kind: StatisticsFactKind;
  readonly goodsCategory: GoodsCategory;
  readonly key: string | null;
  readonly months: number | null;
  readonly decidedMonths: number | null;
  readonly days: number | null;
  readonly criterion: number | null;
  readonly facts: number;
  readonly valueCents: number;
}

/** The grouped counts the yearly overview is made of, and the revocations it lists one by one. */
export interface YearlyOverviewTotals {
  readonly counts: readonly YearlyOverviewCount[];
  /** The revoked facts, ordered by position. */
  readonly revocations: readonly StatisticsFact[];
}

/** Which of a period's facts to read; every condition given must hold. */
export interface StatisticsFactSelection {
  readonly kinds?: readonly StatisticsFactKind[];
  /** Only facts whose total value is strictly above this many cents. */
  readonly valueAboveCents?: number;
  /** Only facts of this goods category (a licence's category: military or dual-use). */
  readonly goodsCategory?: GoodsCategory;
}

/** Where a page of facts in decision-date order ends: the next page starts after it. */
export interface StatisticsFactKey {
  readonly decisionDate: LocalDate;
  readonly position: number;
}
