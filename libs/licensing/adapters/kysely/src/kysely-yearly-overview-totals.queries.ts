import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { GoodsCategory, LocalDate } from '@licences/licensing-domain';
import type {
  StatisticsFactKind,
  YearlyOverviewCount,
  YearlyOverviewTotals,
} from '@licences/licensing-read-models';
import { jsonListsOf, selectedStatisticsFacts } from './kysely-statistics-totals.queries';
import { groupKeyOf, reportCounts } from './kysely-statistics-year-totals.queries';
import type { FactGroups } from './kysely-statistics-year-totals.queries';
import type { ReadModelDatabase } from './read-model.records';

type Db = Kysely<ReadModelDatabase>;

/** The columns of a yearly overview's group, in the order of its key. */
type OverviewGroupColumns = [
  group: YearlyOverviewCount['group'],
  kind: StatisticsFactKind,
  goodsCategory: GoodsCategory,
  key: string | null,
  months: string | number | null,
  decidedMonths: string | number | null,
  days: string | number | null,
  criterion: string | number | null,
];

// Integers may come back as strings from some drivers.
const numberOrNull = (value: string | number | null): number | null =>
  value === null ? null : Number(value);

/**
 * The yearly overview's grouping of the facts `where` selects, per year, in every grouping of
 * `YearlyOverviewCount`. Destinations and criteria count once per fact however often they are
 * listed (as the in-memory report does with a Set); a category's value is the sum of the fact's
 * items in it. The facts are read once (MATERIALIZED) and shared.
 */
export const yearlyOverviewGroups: FactGroups = (db, where) => {
  const json = jsonListsOf(db);
  const f = sql`f`;
  const days = json.daysBetween(sql`f.applied_on`, sql`f.decision_date`);
  const key = groupKeyOf(
    db,
    ['grp', 'kind', 'goods_category', 'key', 'months', 'decided_months', 'days', 'criterion'].map((column) =>
      sql.ref(`u.${column}`),
    ),
  );
  return sql`
    f AS MATERIALIZED (
      SELECT position, SUBSTR(decision_date, 1, 4) AS year, kind, goods_category, outcome,
        decision_date, applied_on, rule_months, validity_months, total_value_cents, goods, criteria,
        COALESCE(destinations, ${json.arrayOf(sql`destination`)}) AS destinations
      FROM ${sql.table('statistics_facts')}
      WHERE ${where}
    ),
    c AS (
      SELECT f.position, f.year, f.goods_category, ${json.text('category')} AS category,
        SUM(${json.integer('valueCents')}) AS value_cents
      FROM f, ${json.objects(sql`${f}.goods`)}
      WHERE f.kind = 'issued'
      GROUP BY f.position, f.year, f.goods_category, ${json.text('category')}
    ),
    d AS (
      SELECT DISTINCT f.position, e.value AS destination
      FROM f, ${json.scalars(sql`${f}.destinations`)}
      WHERE f.kind = 'issued'
    ),
    k AS (
      SELECT DISTINCT f.position, CAST(e.value AS INTEGER) AS criterion
      FROM f, ${json.scalars(sql`${f}.criteria`)}
      WHERE f.kind = 'denied'
    ),
    g AS (SELECT u.year, ${key} AS group_key, u.n, u.value_cents FROM (
      SELECT year, 'kind' AS grp, kind, goods_category, outcome AS key, CAST(NULL AS INTEGER) AS months,
        CAST(NULL AS INTEGER) AS decided_months, CAST(NULL AS INTEGER) AS days,
        CAST(NULL AS INTEGER) AS criterion, COUNT(*) AS n, 0 AS value_cents
      FROM f GROUP BY year, kind, goods_category, outcome
      UNION ALL
      SELECT year, 'month', kind, goods_category, SUBSTR(decision_date, 1, 7), NULL, NULL, NULL, NULL, COUNT(*), 0
      FROM f WHERE kind = 'issued' GROUP BY year, kind, goods_category, SUBSTR(decision_date, 1, 7)
      UNION ALL
      SELECT year, 'validity', kind, goods_category, NULL, COALESCE(rule_months, validity_months, 0),
        validity_months, NULL, NULL, COUNT(*), 0
      FROM f WHERE kind = 'issued'
      GROUP BY year, kind, goods_category, COALESCE(rule_months, validity_months, 0), validity_months
      UNION ALL
      SELECT year, 'days', kind, goods_category, NULL, NULL, NULL, ${days}, NULL, COUNT(*), 0
      FROM f WHERE kind IN ('issued', 'denied') AND applied_on IS NOT NULL AND applied_on <> ''
      GROUP BY year, kind, goods_category, ${days}
      UNION ALL
      SELECT year, 'category', 'issued', goods_category, category, NULL, NULL, NULL, NULL, COUNT(*), SUM(value_cents)
      FROM c GROUP BY year, goods_category, category
      UNION ALL
      SELECT f.year, 'destination', 'issued', f.goods_category, d.destination, NULL, NULL, NULL, NULL,
        COUNT(*), SUM(f.total_value_cents)
      FROM f JOIN d ON d.position = f.position GROUP BY f.year, f.goods_category, d.destination
      UNION ALL
      SELECT f.year, 'criterion', 'denied', f.goods_category, NULL, NULL, NULL, NULL, k.criterion, COUNT(*), 0
      FROM f JOIN k ON k.position = f.position GROUP BY f.year, f.goods_category, k.criterion
    ) AS u)`;
};

/**
 * The period's facts up to `upToPosition` counted as `yearlyOverviewGroups` groups them (for a
 * calendar year from the year's totals, see yearCounts), and the revoked facts the overview lists.
 */
export async function yearlyOverviewTotals(
  db: Db,
  fromDate: LocalDate,
  toDate: LocalDate,
  upToPosition: number,
): Promise<YearlyOverviewTotals> {
  const grouped = await reportCounts(
    db,
    'yearly-overview',
    yearlyOverviewGroups,
    fromDate,
    toDate,
    upToPosition,
  );
  const counts = grouped.map((count): YearlyOverviewCount => {
    const [group, kind, goodsCategory, key, months, decidedMonths, days, criterion] =
      count.columns as OverviewGroupColumns;
    return {
      group,
      kind,
      goodsCategory,
      key,
      months: numberOrNull(months),
      decidedMonths: numberOrNull(decidedMonths),
      days: numberOrNull(days),
      criterion: numberOrNull(criterion),
      facts: count.n,
      valueCents: count.valueCents,
    };
  });
  const revocations = await selectedStatisticsFacts(db, fromDate, toDate, upToPosition, {
    kinds: ['revoked'],
  });
  return { counts, revocations };
}
