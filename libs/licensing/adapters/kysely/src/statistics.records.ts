import type { LocalDate } from '@licences/licensing-domain';

/** One row per decision the reports count; money in whole cents, lists as JSON text. */
export interface StatisticsFactsTable {
  position: number;
  case_id: string;
  kind: string;
  decision_date: LocalDate;
  /** The first destination and its end user: the columns of before several destinations. */
  destination: string;
  end_user: string;
  /*
   * The classification the reports count by. Null only in a row written before these columns
   * existed; the store clears such rows when it opens (see read-model.schema.ts), so that the
   * projection writes them again in full.
   */
  licence_kind: string | null;
  export_type: string | null;
  temporary_purpose: string | null;
  /** 1 or 0. */
  firearms_act: number | null;
  /** JSON: every destination's ISO code, in order. */
  destinations: string | null;
  /** JSON: the end user at each destination, in the same order. */
  end_users: string | null;
  goods_category: string;
  /** JSON: `StatisticsGoodsLine[]`. */
  goods: string;
  total_value_cents: number;
  valid_from: LocalDate | null;
  valid_until: LocalDate | null;
  rule_months: number | null;
  validity_months: number | null;
  policy_version: string | null;
  /** JSON: cited criteria. */
  criteria: string;
  outcome: string | null;
  applied_on: LocalDate | null;
  circumstances: string | null;
}

/** The case as the statistics projection last saw it. */
export interface StatisticsCaseStateTable {
  case_id: string;
  state: string;
}

/**
 * The facts of one calendar year counted per group of one report, kept up to date as facts are
 * written, so that a yearly report reads its groups instead of grouping every fact of the year.
 * `group_key` is the group's columns as a JSON array, written by the same SQL that groups facts
 * (see kysely-statistics-year-totals.queries.ts); sums are over every fact the table holds.
 */
export interface StatisticsYearTotalsTable {
  /** `eu-annual` or `yearly-overview`. */
  report: string;
  /** 'YYYY' of the decision date. */
  year: string;
  group_key: string;
  /** How many facts (or fact rows of the grouping) the group counts; bigint from some drivers. */
  facts: number | string | bigint;
  value_cents: number | string | bigint;
}
