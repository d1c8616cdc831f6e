import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { ExportType, LicenceKind, LocalDate } from '@licences/licensing-domain';
import type {
  MilitaryCriterionCount,
  MilitaryDecisionCount,
  MilitaryDecisionTotals,
  ListedStatisticsFact,
  StatisticsFact,
  StatisticsFactKey,
  StatisticsFactSelection,
} from '@licences/licensing-read-models';
import { groupKeyOf, reportCounts } from './kysely-statistics-year-totals.queries';
import type { FactGroups } from './kysely-statistics-year-totals.queries';
import type { ReadModelDatabase } from './read-model.records';
import { runsOnPostgres, unindexed } from './sql-engine';
import { fromListedRecord, fromStatisticsRecord, LISTED_FACT_COLUMNS } from './statistics-fact.mapper';

/*
 * Grouped counts over the statistics facts, for reports that would otherwise load every fact.
 * The facts keep their lists (destinations, goods, criteria) as JSON text; each engine unnests
 * them with its own functions, the only part of these queries that differs between them.
 */

type Db = Kysely<ReadModelDatabase>;

/** How one engine turns a JSON list column into rows: `value` is the element as text or number. */
interface JsonLists {
  /** Rows of a JSON array of strings or numbers, as `e(value)`. */
  readonly scalars: (column: RawBuilder<unknown>) => RawBuilder<unknown>;
  /** Rows of a JSON array of objects, as `e(value)`. */
  readonly objects: (column: RawBuilder<unknown>) => RawBuilder<unknown>;
  /** A member of an object row as text, and as a whole number. */
  readonly text: (member: string) => RawBuilder<unknown>;
  readonly integer: (member: string) => RawBuilder<unknown>;
  /** A one-element JSON array of a text column. */
  readonly arrayOf: (column: RawBuilder<unknown>) => RawBuilder<unknown>;
  /** Whole days from one 'YYYY-MM-DD' text column to another, as an integer. */
  readonly daysBetween: (from: RawBuilder<unknown>, to: RawBuilder<unknown>) => RawBuilder<unknown>;
}

const SQLITE: JsonLists = {
  scalars: (column) => sql`json_each(${column}) AS e`,
  objects: (column) => sql`json_each(${column}) AS e`,
  text: (member) => sql`json_extract(e.value, ${sql.lit(`$.${member}`)})`,
  integer: (member) => sql`json_extract(e.value, ${sql.lit(`$.${member}`)})`,
  arrayOf: (column) => sql`json_array(${column})`,
  // Julian days of midnights are exact halves, so the difference is a whole number.
  daysBetween: (from, to) => sql`CAST(ROUND(julianday(${to}) - julianday(${from})) AS INTEGER)`,
};

const POSTGRES: JsonLists = {
  scalars: (column) => sql`json_array_elements_text(${column}::json) AS e(value)`,
  objects: (column) => sql`json_array_elements(${column}::json) AS e(value)`,
  text: (member) => sql`(e.value ->> ${sql.lit(member)})`,
  integer: (member) => sql`(e.value ->> ${sql.lit(member)})::bigint`,
  arrayOf: (column) => sql`json_build_array(${column})::text`,
  daysBetween: (from, to) => sql`(${to}::date - ${from}::date)`,
};

export function jsonListsOf(db: Db): JsonLists {
  return runsOnPostgres(db) ? POSTGRES : SQLITE;
}

/** The columns of an EU annual report's group, in the order of its key. */
type MilitaryGroupColumns = [
  level: MilitaryDecisionCount['level'],
  kind: MilitaryDecisionCount['kind'],
  licenceKind: LicenceKind,
  exportType: ExportType,
  destination: string | null,
  category: string | null,
  criterion: string | number | null,
];

/**
 * The EU annual report's grouping of the military decisions (issued, denied) `where` selects, per
 * year: per destination and goods category, per destination and overall, and the denials citing
 * each criterion at each of those levels. Destinations and criteria count once per decision
 * however often they are listed (as the in-memory reports do with a Set); a category's value is
 * the sum of the decision's items in it. A row written before the classification columns existed
 * reads as the facts reader reads it. The lists are unnested once each (MATERIALIZED) and shared.
 */
export const militaryDecisionGroups: FactGroups = (db, where) => {
  const json = jsonListsOf(db);
  const f = sql`f`;
  const key = groupKeyOf(
    db,
    ['level', 'kind', 'licence_kind', 'export_type', 'destination', 'category', 'criterion'].map((column) =>
      sql.ref(`u.${column}`),
    ),
  );
  return sql`
    f AS MATERIALIZED (
      SELECT position, SUBSTR(decision_date, 1, 4) AS year, kind, total_value_cents, goods, criteria,
        COALESCE(licence_kind, 'individual') AS licence_kind,
        COALESCE(export_type, 'definitive') AS export_type,
        COALESCE(destinations, ${json.arrayOf(sql`destination`)}) AS destinations
      FROM ${sql.table('statistics_facts')}
      WHERE ${where} AND ${unindexed(db, 'goods_category')} = 'military'
        AND ${unindexed(db, 'kind')} IN ('issued', 'denied')
    ),
    d AS MATERIALIZED (SELECT DISTINCT f.position, e.value AS destination FROM f, ${json.scalars(sql`${f}.destinations`)}),
    c AS MATERIALIZED (
      SELECT f.position, ${json.text('category')} AS category, SUM(${json.integer('valueCents')}) AS value_cents
      FROM f, ${json.objects(sql`${f}.goods`)}
      GROUP BY f.position, ${json.text('category')}
    ),
    k AS MATERIALIZED (SELECT DISTINCT f.position, e.value AS criterion FROM f, ${json.scalars(sql`${f}.criteria`)}),
    g AS (SELECT u.year, ${key} AS group_key, u.n, u.value_cents FROM (
      SELECT f.year, 'cell' AS level, f.kind, f.licence_kind, f.export_type, d.destination, c.category,
        NULL AS criterion, COUNT(*) AS n, SUM(CASE WHEN f.kind = 'issued' THEN c.value_cents ELSE 0 END) AS value_cents
      FROM f JOIN d ON d.position = f.position JOIN c ON c.position = f.position
      GROUP BY f.year, f.kind, f.licence_kind, f.export_type, d.destination, c.category
      UNION ALL
      SELECT f.year, 'destination', f.kind, f.licence_kind, f.export_type, d.destination, NULL,
        NULL, COUNT(*), SUM(CASE WHEN f.kind = 'issued' THEN f.total_value_cents ELSE 0 END)
      FROM f JOIN d ON d.position = f.position
      GROUP BY f.year, f.kind, f.licence_kind, f.export_type, d.destination
      UNION ALL
      SELECT f.year, 'overall', f.kind, f.licence_kind, f.export_type, NULL, NULL,
        NULL, COUNT(*), SUM(CASE WHEN f.kind = 'issued' THEN f.total_value_cents ELSE 0 END)
      FROM f
      GROUP BY f.year, f.kind, f.licence_kind, f.export_type
      UNION ALL
      SELECT f.year, 'cell', f.kind, f.licence_kind, f.export_type, d.destination, c.category,
        k.criterion, COUNT(*), NULL
      FROM f JOIN d ON d.position = f.position JOIN c ON c.position = f.position JOIN k ON k.position = f.position
      WHERE f.kind = 'denied'
      GROUP BY f.year, f.kind, f.licence_kind, f.export_type, d.destination, c.category, k.criterion
      UNION ALL
      SELECT f.year, 'destination', f.kind, f.licence_kind, f.export_type, d.destination, NULL,
        k.criterion, COUNT(*), NULL
      FROM f JOIN d ON d.position = f.position JOIN k ON k.position = f.position
      WHERE f.kind = 'denied'
      GROUP BY f.year, f.kind, f.licence_kind, f.export_type, d.destination, k.criterion
      UNION ALL
      SELECT f.year, 'overall', f.kind, f.licence_kind, f.export_type, NULL, NULL,
        k.criterion, COUNT(*), NULL
      FROM f JOIN k ON k.position = f.position
      WHERE f.kind = 'denied'
      GROUP BY f.year, f.kind, f.licence_kind, f.export_type, k.criterion
    ) AS u)`;
};

/**
 * The military decisions (issued, denied) decided from `fromDate` to `toDate` at positions up to
 * `upToPosition`, counted as `militaryDecisionGroups` groups them: for a calendar year from the
 * year's totals (see yearCounts), for any other period from the period's facts.
 */
export async function militaryDecisionTotals(
  db: Db,
  fromDate: LocalDate,
  toDate: LocalDate,
  upToPosition: number,
): Promise<MilitaryDecisionTotals> {
  const counts = await reportCounts(db, 'eu-annual', militaryDecisionGroups, fromDate, toDate, upToPosition);
  const decisions: MilitaryDecisionCount[] = [];
  const criteria: MilitaryCriterionCount[] = [];
  for (const { columns, n, valueCents } of counts) {
    const [level, kind, licenceKind, exportType, destination, category, criterion] =
      columns as MilitaryGroupColumns;
    if (criterion === null) {
      decisions.push({
        level,
        kind,
        licenceKind,
        exportType,
        destination,
        category,
        decisions: n,
        valueCents,
      });
    } else {
      criteria.push({
        level,
        licenceKind,
        exportType,
        destination,
        category,
        criterion: Number(criterion),
        denials: n,
      });
    }
  }
  return { decisions, criteria };
}

/** The period's facts up to `upToPosition` that meet `selection`, unordered; undefined if none can. */
function selectionOf(
  db: Db,
  fromDate: LocalDate,
  toDate: LocalDate,
  upToPosition: number,
  selection: StatisticsFactSelection,
) {
  let query = db
    .selectFrom('statistics_facts')
    .where('decision_date', '>=', fromDate)
    .where('decision_date', '<=', toDate)
    .where('position', '<=', upToPosition);
  if (selection.kinds !== undefined) {
    // An empty list selects nothing, which `IN ()` cannot say in every engine.
    if (selection.kinds.length === 0) return undefined;
    query = query.where('kind', 'in', selection.kinds);
  }
  if (selection.valueAboveCents !== undefined)
    query = query.where('total_value_cents', '>', selection.valueAboveCents);
  if (selection.goodsCategory !== undefined)
    query = query.where('goods_category', '=', selection.goodsCategory);
  return query;
}

/**
 * The facts of the period up to `upToPosition` that meet `selection`, ordered by position, read as
 * `statisticsFacts` reads them: the same rows it returns, less the ones a report would drop.
 */
export async function selectedStatisticsFacts(
  db: Db,
  fromDate: LocalDate,
  toDate: LocalDate,
  upToPosition: number,
  selection: StatisticsFactSelection,
): Promise<StatisticsFact[]> {
  const query = selectionOf(db, fromDate, toDate, upToPosition, selection);
  if (!query) return [];
  const records = await query.selectAll().orderBy('position').execute();
  return records.map(fromStatisticsRecord);
}

/**
 * A page of the selected facts in decision-date order, after `after`: one range of the date index
 * (statistics_facts_date_idx: decision_date, position), however deep the page. Only the listed
 * columns are read: a whole-history listing reads every issued and denied fact, and most of its
 * time is the driver making JavaScript values of the columns it reads.
 */
export async function statisticsFactPage(
  db: Db,
  fromDate: LocalDate,
  toDate: LocalDate,
  upToPosition: number,
  selection: StatisticsFactSelection,
  after: StatisticsFactKey | undefined,
  limit: number,
): Promise<ListedStatisticsFact[]> {
  let query = selectionOf(db, fromDate, toDate, upToPosition, selection);
  if (!query) return [];
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('decision_date', 'position'), '>', eb.tuple(after.decisionDate, after.position)),
    );
  }
  const records = await query
    .select(LISTED_FACT_COLUMNS)
    .orderBy('decision_date')
    .orderBy('position')
    .limit(limit)
    .execute();
  return records.map(fromListedRecord);
}

/** The distinct destinations of the selected facts, sorted (a fact before several had one). */
export async function statisticsFactDestinations(
  db: Db,
  fromDate: LocalDate,
  toDate: LocalDate,
  upToPosition: number,
  selection: StatisticsFactSelection,
): Promise<string[]> {
  const query = selectionOf(db, fromDate, toDate, upToPosition, selection);
  if (!query) return [];
  const json = jsonListsOf(db);
  const lists = query.select(
    sql<string>`COALESCE(destinations, ${json.arrayOf(sql`destination`)})`.as('list'),
  );
  const { rows } = await sql<{ code: string }>`
    SELECT DISTINCT e.value AS code FROM ${lists} AS f, ${json.scalars(sql`f.list`)}`.execute(db);
  return rows.map((row) => row.code).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
