import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { LocalDate } from '@licences/licensing-domain';
import type { ReadModelDatabase } from './read-model.records';
import { runsOnPostgres, unindexed } from './sql-engine';

/*
 * The yearly reports read counts that are kept as facts are written, not every fact of a year.
 * Each report's grouping is one SQL text (a list of common table expressions ending in `g`: the
 * year, the group's columns as a JSON key, its count and value) applied to whichever facts a
 * filter names: the facts a batch wrote (added to statistics_year_totals in the batch's
 * transaction), every fact (the table's first fill), or a period's facts. Because the counts
 * add up fact by fact, the counts at a position are the year's totals less what the facts written
 * after that position add: usually none, so a report at the head reads its groups and nothing else.
 */

type Db = Kysely<ReadModelDatabase>;

/** The yearly reports whose counts are kept per year. */
export type TotalledReport = 'eu-annual' | 'yearly-overview';

/** Builds a report's grouping of the facts `where` selects: common table expressions ending in `g`. */
export type FactGroups = (db: Db, where: RawBuilder<unknown>) => RawBuilder<unknown>;

/** One group of a report's counts: its columns (parsed from the key), how many, what value. */
export interface GroupCount {
  readonly columns: readonly unknown[];
  readonly n: number;
  readonly valueCents: number;
}

/** The group's columns as one JSON array text, the same for the same columns within one engine. */
export function groupKeyOf(db: Db, columns: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  const list = sql.join(columns);
  return runsOnPostgres(db) ? sql`json_build_array(${list})::text` : sql`json_array(${list})`;
}

/** The facts decided in a period, written at or before a position. */
function factsOfPeriod(from: LocalDate, to: LocalDate, upToPosition: number): RawBuilder<unknown> {
  return sql`decision_date >= ${from} AND decision_date <= ${to} AND position <= ${upToPosition}`;
}

/** The year a period covers exactly, from 1 January to 31 December; undefined for any other period. */
function calendarYearOf(from: LocalDate, to: LocalDate): number | undefined {
  const year = from.slice(0, 4);
  return from === `${year}-01-01` && to === `${year}-12-31` ? Number(year) : undefined;
}

/** The facts at these positions (one JSON parameter, so no limit on how many). */
export function factsAt(db: Db, positions: readonly number[]): RawBuilder<unknown> {
  const list = JSON.stringify(positions);
  return runsOnPostgres(db)
    ? sql`position IN (SELECT CAST(p AS bigint) FROM json_array_elements_text(${list}::json) AS j(p))`
    : sql`position IN (SELECT value FROM json_each(${list}))`;
}

type Amount = string | number | bigint | null;

interface KeyedRow {
  group_key: string;
  n: Amount;
  value_cents: Amount;
}

function countsOf(rows: readonly KeyedRow[]): GroupCount[] {
  // Counts and sums come back as strings or bigints from some drivers.
  return rows.map((row) => ({
    columns: JSON.parse(row.group_key) as unknown[],
    n: Number(row.n),
    valueCents: Number(row.value_cents ?? 0),
  }));
}

/** The report's counts over the facts of a period up to a position, grouped from those facts. */
async function groupedCounts(db: Db, groups: FactGroups, where: RawBuilder<unknown>): Promise<GroupCount[]> {
  const { rows } = await sql<KeyedRow>`
    WITH ${groups(db, where)}
    SELECT group_key, SUM(n) AS n, SUM(value_cents) AS value_cents FROM g GROUP BY group_key`.execute(db);
  return countsOf(rows);
}

/**
 * The report's counts for the calendar year `year` at `upToPosition`: the year's totals less what
 * the year's facts written after that position count. Two statements, so the caller runs this in
 * one snapshot (a read transaction). A group whose facts all came later is left out, as grouping
 * the facts would leave it out.
 */
async function yearCounts(
  db: Db,
  report: TotalledReport,
  groups: FactGroups,
  year: number,
  upToPosition: number,
): Promise<GroupCount[]> {
  const yyyy = String(year).padStart(4, '0');
  // By position: the facts written later are few, and a year's dates would read the whole year.
  const date = unindexed(db, 'decision_date');
  const later = await groupedCounts(
    db,
    groups,
    sql`position > ${upToPosition} AND ${date} >= ${`${yyyy}-01-01`} AND ${date} <= ${`${yyyy}-12-31`}`,
  );
  const totals = await db
    .selectFrom('statistics_year_totals')
    .select(['group_key', 'facts as n', 'value_cents'])
    .where('report', '=', report)
    .where('year', '=', yyyy)
    .execute();
  if (later.length === 0) return countsOf(totals);
  const counts = new Map(countsOf(totals).map((count) => [JSON.stringify(count.columns), count]));
  for (const { columns, n, valueCents } of later) {
    const key = JSON.stringify(columns);
    const total = counts.get(key);
    // Every later fact is in the totals too; a group missing there means the two disagree.
    if (!total || total.n < n)
      throw new Error(`The ${report} totals of ${yyyy} miss facts written after ${upToPosition}`);
    counts.set(key, { columns, n: total.n - n, valueCents: total.valueCents - valueCents });
  }
  return [...counts.values()].filter((count) => count.n !== 0);
}

/**
 * The report's counts of the facts decided from `from` to `to` at positions up to `upToPosition`:
 * for a calendar year from the year's totals (see yearCounts), for any other period grouped from
 * the period's facts.
 */
export async function reportCounts(
  db: Db,
  report: TotalledReport,
  groups: FactGroups,
  from: LocalDate,
  to: LocalDate,
  upToPosition: number,
): Promise<GroupCount[]> {
  const year = calendarYearOf(from, to);
  return year === undefined
    ? await groupedCounts(db, groups, factsOfPeriod(from, to, upToPosition))
    : await yearCounts(db, report, groups, year, upToPosition);
}

/** Adds what the facts `where` selects count to the report's year totals. */
export async function addToYearTotals(
  db: Db,
  report: TotalledReport,
  groups: FactGroups,
  where: RawBuilder<unknown>,
): Promise<void> {
  const totals = sql.table('statistics_year_totals');
  // `WHERE true`: SQLite would otherwise read ON CONFLICT as part of the SELECT's join.
  await sql`
    WITH ${groups(db, where)}
    INSERT INTO ${totals} (report, year, group_key, facts, value_cents)
    SELECT ${report}, year, group_key, n, COALESCE(value_cents, 0) FROM g WHERE true
    ON CONFLICT (report, year, group_key) DO UPDATE SET
      facts = ${sql.ref('statistics_year_totals.facts')} + excluded.facts,
      value_cents = ${sql.ref('statistics_year_totals.value_cents')} + excluded.value_cents`.execute(db);
}
