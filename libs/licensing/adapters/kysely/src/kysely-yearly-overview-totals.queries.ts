import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { GoodsCategory, LocalDate } from '@licences/licensing-domain';
import type {
  StatisticsFactKind,
  YearlyOverviewCount,
  YearlyOverviewTotals,
} from '@licences/licensing-read-models';
import { jsonListsOf, selectedStatisticsFacts } from './kysely-statistics-totals.queries';
import type { ReadModelDatabase } from './read-model.records';

type Db = Kysely<ReadModelDatabase>;

interface CountRow {
  grp: YearlyOverviewCount['group'];
  kind: string;
  goods_category: string;
  key: string | null;
  months: string | number | null;
  decided_months: string | number | null;
  days: string | number | null;
  criterion: string | number | null;
  n: string | number | bigint;
  value_cents: string | number | bigint | null;
}

// Counts, sums and integers come back as strings or bigints from some drivers.
const numberOrNull = (value: string | number | null): number | null =>
  value === null ? null : Number(value);

/**
 * The period's facts up to `upToPosition` counted in every grouping of `YearlyOverviewCount`, in
 * one statement, and the revoked facts the overview lists. Destinations and criteria count once
 * per fact however often they are listed (as the in-memory report does with a Set); a category's
 * value is the sum of the fact's items in it. The facts are read once (MATERIALIZED) and shared.
 */
export async function yearlyOverviewTotals(
  db: Db,
  fromDate: LocalDate,
  toDate: LocalDate,
  upToPosition: number,
): Promise<YearlyOverviewTotals> {
  const json = jsonListsOf(db);
  const f = sql`f`;
  const days = json.daysBetween(sql`f.applied_on`, sql`f.decision_date`);
  const query = sql<CountRow>`
    WITH f AS MATERIALIZED (
      SELECT position, kind, goods_category, outcome, decision_date, applied_on, rule_months,
        validity_months, total_value_cents, goods, criteria,
        COALESCE(destinations, ${json.arrayOf(sql`destination`)}) AS destinations
      FROM statistics_facts
      WHERE decision_date >= ${fromDate} AND decision_date <= ${toDate} AND position <= ${upToPosition}
    ),
    c AS (
      SELECT f.position, f.goods_category, ${json.text('category')} AS category,
        SUM(${json.integer('valueCents')}) AS value_cents
      FROM f, ${json.objects(sql`${f}.goods`)}
      WHERE f.kind = 'issued'
      GROUP BY f.position, f.goods_category, ${json.text('category')}
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
    )
    SELECT 'kind' AS grp, kind, goods_category, outcome AS key, CAST(NULL AS INTEGER) AS months,
      CAST(NULL AS INTEGER) AS decided_months, CAST(NULL AS INTEGER) AS days,
      CAST(NULL AS INTEGER) AS criterion, COUNT(*) AS n, 0 AS value_cents
    FROM f GROUP BY kind, goods_category, outcome
    UNION ALL
    SELECT 'month', kind, goods_category, SUBSTR(decision_date, 1, 7), NULL, NULL, NULL, NULL, COUNT(*), 0
    FROM f WHERE kind = 'issued' GROUP BY kind, goods_category, SUBSTR(decision_date, 1, 7)
    UNION ALL
    SELECT 'validity', kind, goods_category, NULL, COALESCE(rule_months, validity_months, 0),
      validity_months, NULL, NULL, COUNT(*), 0
    FROM f WHERE kind = 'issued'
    GROUP BY kind, goods_category, COALESCE(rule_months, validity_months, 0), validity_months
    UNION ALL
    SELECT 'days', kind, goods_category, NULL, NULL, NULL, ${days}, NULL, COUNT(*), 0
    FROM f WHERE kind IN ('issued', 'denied') AND applied_on IS NOT NULL AND applied_on <> ''
    GROUP BY kind, goods_category, ${days}
    UNION ALL
    SELECT 'category', 'issued', goods_category, category, NULL, NULL, NULL, NULL, COUNT(*), SUM(value_cents)
    FROM c GROUP BY goods_category, category
    UNION ALL
    SELECT 'destination', 'issued', f.goods_category, d.destination, NULL, NULL, NULL, NULL,
      COUNT(*), SUM(f.total_value_cents)
    FROM f JOIN d ON d.position = f.position GROUP BY f.goods_category, d.destination
    UNION ALL
    SELECT 'criterion', 'denied', f.goods_category, NULL, NULL, NULL, NULL, k.criterion, COUNT(*), 0
    FROM f JOIN k ON k.position = f.position GROUP BY f.goods_category, k.criterion`;
  const { rows } = await query.execute(db);
  const counts = rows.map((row): YearlyOverviewCount => ({
    group: row.grp,
    kind: row.kind as StatisticsFactKind,
    goodsCategory: row.goods_category as GoodsCategory,
    key: row.key,
    months: numberOrNull(row.months),
    decidedMonths: numberOrNull(row.decided_months),
    days: numberOrNull(row.days),
    criterion: numberOrNull(row.criterion),
    facts: Number(row.n),
    valueCents: Number(row.value_cents ?? 0),
  }));
  const revocations = await selectedStatisticsFacts(db, fromDate, toDate, upToPosition, {
    kinds: ['revoked'],
  });
  return { counts, revocations };
}
