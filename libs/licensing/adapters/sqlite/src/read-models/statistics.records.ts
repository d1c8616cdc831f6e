import type { LocalDate } from '@licences/licensing-domain';

/** One row per decision the reports count; money in whole cents, lists as JSON text. */
export interface StatisticsFactsTable {
  position: number;
  case_id: string;
  kind: string;
  decision_date: LocalDate;
  destination: string;
  end_user: string;
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
