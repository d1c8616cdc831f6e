import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { isLocalDate } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import type {
  CasePage,
  LicenceFilter,
  LicenceSort,
  PageRequest,
  PointInTime,
} from '@licences/licensing-read-models';
import type { StableLicenceFilter } from '@licences/licensing-read-models';
import { stableFilterOf } from '@licences/licensing-read-models';
import { checkPage, normalizeInstant, stableConditions } from './kysely-read-model.queries';
import type { ReadModelDatabase } from './read-model.records';

/*
 * The listing at a point in time on the validity periods, dialect-agnostic: one row per case (its
 * version at that point, in the segment holding the evaluation date) found by range conditions,
 * instead of folding every candidate's history. Run the page and its total in one snapshot.
 */

type Db = Kysely<ReadModelDatabase>;

/** The candidates: licence_validity under the filters on what a case never changes. */
interface Candidates {
  v: { case_id: string; registered_at: string };
}
type PeriodsBuilder = ExpressionBuilder<
  ReadModelDatabase & Candidates & { p: ReadModelDatabase['validity_periods'] },
  'v' | 'p'
>;

/** The version of the case that counts at `at`: it counts and the next one does not yet. */
function versionConditions(eb: PeriodsBuilder, at: PointInTime): Expression<SqlBool>[] {
  const asOf = at.asOf === undefined ? undefined : normalizeInstant(at.asOf);
  const conditions: Expression<SqlBool>[] = [];
  const nextCountsNot: Expression<SqlBool>[] = [eb('p.recorded_until', 'is', null)];
  if (asOf !== undefined) {
    conditions.push(eb('p.recorded_from', '<=', asOf));
    nextCountsNot.push(eb('p.recorded_until', '>', asOf));
  }
  if (at.validOn !== undefined) {
    conditions.push(eb('p.effective_from', '<=', at.validOn));
    nextCountsNot.push(eb('p.effective_until', '>', at.validOn));
  }
  return [...conditions, eb.or(nextCountsNot)];
}

/** The filters on what a case may change, judged on the version and its segment holding `on`. */
function changingConditions(
  eb: PeriodsBuilder,
  filter: LicenceFilter,
  at: PointInTime,
  on: LocalDate,
  byCase: boolean,
): Expression<SqlBool>[] {
  const flag = (value: boolean) => (value ? 1 : 0);
  const conditions: Expression<SqlBool>[] = [
    eb('p.segment_from', '<=', on),
    eb.or([eb('p.segment_until', 'is', null), eb('p.segment_until', '>', on)]),
  ];
  // With validOn and no status: "which licences were valid on that date". When the periods are
  // reached case by case (`byCase`), the status and validity are written as expressions, so that
  // SQLite (which keeps no statistics here) looks each case's periods up by its case id instead of
  // scanning their own indexes once per case.
  const status = byCase ? sql<string>`${eb.ref('p.status')} || ''` : eb.ref('p.status');
  const valid = byCase ? sql<number>`${eb.ref('p.valid')} + 0` : eb.ref('p.valid');
  if (filter.status !== undefined) conditions.push(eb(status, '=', filter.status));
  else if (at.validOn !== undefined) conditions.push(eb(valid, '=', 1));
  if (filter.onHold !== undefined) conditions.push(eb('p.on_hold', '=', flag(filter.onHold)));
  if (filter.reassessmentRequested !== undefined) {
    conditions.push(eb('p.reassessment_requested', '=', flag(filter.reassessmentRequested)));
  }
  if (filter.revocationProposed !== undefined) {
    conditions.push(eb('p.revocation_proposed', '=', flag(filter.revocationProposed)));
  }
  // A case without an end of validity compares as unknown, so it is outside any window.
  if (filter.expiresFrom !== undefined) conditions.push(eb('p.valid_until', '>=', filter.expiresFrom));
  if (filter.expiresTo !== undefined) conditions.push(eb('p.valid_until', '<=', filter.expiresTo));
  return conditions;
}

/**
 * The ids of the cases matching the filters on what a case never changes, as a set for `IN`. A
 * destination alone is read from two indexes (the destination rows, and the first destination of
 * a row projected before cases had several), without a row of licence_validity.
 */
function candidateIds(db: Db, stable: StableLicenceFilter) {
  const { destination, ...rest } = stable;
  if (destination !== undefined && Object.keys(rest).length === 0) {
    return db
      .selectFrom('licence_validity_destinations')
      .select('case_id')
      .where('country', '=', destination)
      .union(
        db.selectFrom('licence_validity').select('case_id').where('destination_country', '=', destination),
      );
  }
  return db
    .selectFrom('licence_validity')
    .select('case_id')
    .where((eb) => eb.and(stableConditions(eb, stable)));
}

/**
 * Rows a walk in registration order may visit for each row a sorted join handles: a walk visits
 * about (offset + limit) x cases / matches rows, each a lookup of the case's periods, while the
 * join sorts every match. Measured on 100k licences: a walk row about 14 us, a join row about 4 us.
 */
const WALK_ROW_COST = 3;

/**
 * The ids of one page of the cases matching `filter` as they stood at `at`, judged on `on`, in
 * the order of `sort`, and how many match in all.
 *
 * The total comes first, and decides how the page is found. Many matches: walk the cases in
 * registration order and look each one's periods up until the page is full (a first page of
 * "valid on" at 100k licences: 4 ms instead of 85 ms sorting 19,000 matches). Few matches, a deep
 * page or the expiry order: join every match and sort. Both give the same rows; only the cost
 * differs.
 */
export async function listCasesAt(
  db: Db,
  filter: LicenceFilter,
  at: PointInTime,
  on: LocalDate,
  page: PageRequest,
  sort: LicenceSort = 'registered',
): Promise<CasePage> {
  // A malformed date would still compare as text and silently pick the wrong version or segment.
  for (const date of [on, at.validOn, filter.expiresFrom, filter.expiresTo]) {
    if (date !== undefined && !isLocalDate(date))
      throw new RangeError(`Not a calendar date: ${String(date)}`);
  }
  if (sort !== 'registered' && sort !== 'expiry') throw new RangeError(`Unknown sort ${String(sort)}`);
  checkPage(page);
  const stable = stableFilterOf(filter);
  const selective = Object.keys(stable).length > 0;
  // A status or "valid on" makes the periods holding the point one range of an index: under a
  // filter on what a case never changes, they are read from that range with the candidates as a set.
  if (selective && (filter.status !== undefined || at.validOn !== undefined)) {
    return pageByRange(db, filter, at, on, stable, page, sort);
  }
  const asOf = at.asOf === undefined ? undefined : normalizeInstant(at.asOf);
  let candidates = db
    .selectFrom('licence_validity')
    .select(['case_id', 'registered_at'])
    .where((eb) => eb.and(stableConditions(eb, stable)));
  if (asOf !== undefined) candidates = candidates.where('registered_at', '<=', asOf);
  const conditions = (byCase: boolean) => (eb: PeriodsBuilder) =>
    eb.and([...versionConditions(eb, at), ...changingConditions(eb, filter, at, on, byCase)]);
  const joined = db
    .selectFrom(candidates.as('v'))
    .innerJoin('validity_periods as p', 'p.case_id', 'v.case_id')
    .where(conditions(selective));
  const total = Number(
    (
      await (
        selective
          ? joined.select((eb) => eb.fn.countAll<number | string>().as('total'))
          : // Without a filter on what a case never changes every case is a candidate, so the periods
            // alone are counted, from their own indexes: exactly one version and segment of a case
            // holds any point in time, and a version recorded by `asOf` has its case registered by then.
            // With projections run apart (leases), a case the validity model has not reached yet is
            // counted here a moment before a page can list it.
            periodsHolding(db, filter, at, on).select((eb) => eb.fn.countAll<number | string>().as('total'))
      ).executeTakeFirstOrThrow()
    ).total,
  );
  if (total === 0 || page.offset >= total) return { caseIds: [], total };
  let query;
  if (sort === 'registered' && (await walkPays(db, page, total))) {
    // CROSS JOIN keeps the order of the tables in SQLite (the cases outside, in registration
    // order); PostgreSQL plans it as the inner join it is.
    query = db
      .selectFrom(candidates.as('v'))
      .crossJoin('validity_periods as p')
      .whereRef('p.case_id', '=', 'v.case_id')
      .where(conditions(true))
      .select('v.case_id');
  } else {
    query = joined.select('v.case_id');
    // NULLS LAST, as SQLite and PostgreSQL both spell it: the two put nulls at opposite ends otherwise.
    if (sort === 'expiry') query = query.orderBy('p.valid_until', (ob) => ob.asc().nullsLast());
  }
  const rows = await query
    .orderBy('v.registered_at')
    .orderBy('v.case_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { caseIds: rows.map((row) => row.case_id), total };
}

/**
 * The periods holding the point, by the indexes on their own columns; with `stable`, only those of
 * the cases it matches, taken as a set. The case id is then written as an expression, so that
 * SQLite does not look the periods up case by case instead.
 */
function periodsHolding(
  db: Db,
  filter: LicenceFilter,
  at: PointInTime,
  on: LocalDate,
  stable?: StableLicenceFilter,
) {
  return db
    .selectFrom('validity_periods as p')
    .where((eb) => {
      const periods = eb as unknown as PeriodsBuilder;
      return eb.and([
        ...versionConditions(periods, at),
        ...changingConditions(periods, filter, at, on, false),
      ]);
    })
    .$if(stable !== undefined, (q) =>
      q.where((eb) =>
        eb(sql<string>`${eb.ref('p.case_id')} || ''`, 'in', candidateIds(db, stable as StableLicenceFilter)),
      ),
    );
}

/**
 * A page from the range of the periods holding the point, under a filter on what a case never
 * changes: the page and its total in one query, the total a window over every match, since both
 * read the same range (TR valid on a date at 100k licences: one pass of about 25 ms, where looking
 * up each of the 8,837 candidates' periods took 130 ms for the total and as much for the page).
 * Past the last page the total is counted alone.
 */
async function pageByRange(
  db: Db,
  filter: LicenceFilter,
  at: PointInTime,
  on: LocalDate,
  stable: StableLicenceFilter,
  page: PageRequest,
  sort: LicenceSort,
): Promise<CasePage> {
  const periods = periodsHolding(db, filter, at, on, stable);
  let query = periods
    .crossJoin('licence_validity as v')
    .whereRef('v.case_id', '=', 'p.case_id')
    .select((eb) => ['v.case_id', eb.fn.countAll<number | string>().over().as('total')]);
  if (sort === 'expiry') query = query.orderBy('p.valid_until', (ob) => ob.asc().nullsLast());
  const rows = await query
    .orderBy('v.registered_at')
    .orderBy('v.case_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const first = rows[0];
  if (first !== undefined) return { caseIds: rows.map((row) => row.case_id), total: Number(first.total) };
  const { total } = await periods
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return { caseIds: [], total: Number(total) };
}

/** Whether walking the cases in registration order costs less than sorting all `total` matches. */
async function walkPays(db: Db, page: PageRequest, total: number): Promise<boolean> {
  const { cases } = await db
    .selectFrom('licence_validity')
    .select((eb) => eb.fn.countAll<number | string>().as('cases'))
    .executeTakeFirstOrThrow();
  const visited = ((page.offset + page.limit) * Number(cases)) / total;
  return visited * WALK_ROW_COST < total;
}
