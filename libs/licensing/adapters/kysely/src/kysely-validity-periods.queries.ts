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
import { CURRENT_FIRST_SEGMENT } from './read-model.indexes';
import type { ReadModelDatabase } from './read-model.records';
import { runsOnPostgres } from './sql-engine';

/*
 * The listing at a point in time on the validity periods, dialect-agnostic: one row per case (its
 * version at that point, in the segment holding the evaluation date) found by range conditions,
 * instead of folding every candidate's history. Run the page and its total in one snapshot.
 */

type Db = Kysely<ReadModelDatabase>;

/** The cases a walk visits, in registration order. */
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
 * How many times a sorted join's row a walk's row costs: a walk visits about (offset + limit) x
 * cases / matches rows, each a lookup of the case's periods, while the join sorts every match.
 * Since the period rows hold their case's registration the join reads no other table: at 100k
 * licences, "valid on 2025-06-30 as of the middle of history" (4,784 matches) took 20 ms by the
 * join alone, and 28 ms when a walk gave way after 1,594 cases (with 3 here); 6 sends it to the
 * join, while the lists with many matches (19,470 and 52,855) still walk (13 and 23 ms, where
 * the join took 25 and 58 ms).
 */
const WALK_ROW_COST = 6;

/**
 * The ids of one page of the cases matching `filter` as they stood at `at`, judged on `on`, in
 * the order of `sort`, and how many match in all.
 *
 * Under a filter on what a case never changes, the periods holding the point are read case by
 * case (a narrow filter) or from an index range with the candidates as a set (a broad one), and
 * the page and total come from one query. Without one, the total comes first and decides how the
 * page is found. Many matches: walk the cases in registration order and look each one's periods
 * up until the page is full (a first page of "valid on" at 100k licences: 4 ms instead of 85 ms
 * sorting 19,000 matches). Few matches, a deep page, the expiry order, or a walk that found its
 * matches too sparse where it began: sort every match by the registration its period row holds.
 * Each way gives the same rows; only the cost differs.
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
  // Under a filter on what a case never changes: a narrow one (a destination, an entry of the
  // control list, a registrant: a few per cent of the cases each) looks its candidates' periods up
  // case by case; a broad one (a kind, a goods category) reads the periods holding the point from
  // one range of an index (by status, by validity, or by when they were recorded) with the
  // candidates as a set.
  if (Object.keys(stable).length > 0) {
    const narrow = [stable.destination, stable.controlListEntry, stable.registeredBy].some(
      (value) => value !== undefined,
    );
    const periods = narrow
      ? periodsOfCandidates(db, filter, at, on, stable)
      : periodsHolding(db, filter, at, on, stable);
    return pageOf(periods, page, sort);
  }
  // Every case is a candidate, so the periods alone are counted, from their own indexes: exactly
  // one version and segment of a case holds any point in time, and a version recorded by `asOf`
  // has its case registered by then. As of an instant alone, that is every case registered by
  // then, counted one row each. With projections run apart (leases), a case the validity
  // model has not reached yet is counted here a moment before a page can list it.
  const matches =
    at.asOf !== undefined && at.validOn === undefined && Object.values(filter).every((v) => v === undefined)
      ? await casesRegisteredBy(db, normalizeInstant(at.asOf))
      : await countOf(periodsHolding(db, filter, at, on));
  if (matches === 0 || page.offset >= matches) return { caseIds: [], total: matches };
  const budget = sort === 'registered' ? await walkBudget(db, page, matches) : undefined;
  if (budget !== undefined) {
    const caseIds = await walkedPage(db, filter, at, on, page, budget);
    // Whole when full, or when it holds every match after the offset; else the matches were
    // sparser where the walk began than on average (cases long expired) and the budget ran out.
    if (caseIds.length === Math.min(page.limit, matches - page.offset)) return { caseIds, total: matches };
  }
  return pageOf(periodsHolding(db, filter, at, on), page, sort);
}

async function countOf(periods: ReturnType<typeof periodsHolding>): Promise<number> {
  const { total } = await periods
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(total);
}

/**
 * How many cases were registered by `asOf`: as of an instant with no other condition, the
 * listing's total (see REGISTERED_CASES_INDEX). Each case's registration is read from its one row
 * in that index; the conditions are written out, as the partial index asks.
 */
async function casesRegisteredBy(db: Db, asOf: string): Promise<number> {
  const { recorded_until, segment_from } = CURRENT_FIRST_SEGMENT;
  const { total } = await db
    .selectFrom('validity_periods')
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .where('recorded_until', 'is', recorded_until)
    .where('segment_from', '=', sql.lit(segment_from))
    .where('registered_at', '<=', asOf)
    .executeTakeFirstOrThrow();
  return Number(total);
}

/**
 * A page found by walking at most `budget` cases in registration order and looking each one's
 * periods up by its id; fewer than a page when the matches lie further on. CROSS JOIN keeps the
 * order of the tables in SQLite (the cases outside); PostgreSQL plans it as the inner join it is.
 */
async function walkedPage(
  db: Db,
  filter: LicenceFilter,
  at: PointInTime,
  on: LocalDate,
  page: PageRequest,
  budget: number,
): Promise<string[]> {
  const asOf = at.asOf === undefined ? undefined : normalizeInstant(at.asOf);
  const candidates = db
    .selectFrom('licence_validity')
    .select(['case_id', 'registered_at'])
    .$if(asOf !== undefined, (q) => q.where('registered_at', '<=', asOf as string))
    .orderBy('registered_at')
    .orderBy('case_id')
    .limit(budget);
  const rows = await db
    .selectFrom(candidates.as('v'))
    .crossJoin('validity_periods as p')
    .whereRef('p.case_id', '=', 'v.case_id')
    .where((eb) =>
      eb.and([
        ...versionConditions(eb, at),
        // SQLite's hints, not PostgreSQL's: see periodsHolding.
        ...changingConditions(eb, filter, at, on, !runsOnPostgres(db)),
      ]),
    )
    .select('v.case_id')
    .orderBy('v.registered_at')
    .orderBy('v.case_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => row.case_id);
}

/**
 * How many cases a walk may visit, if walking pays at all: when the matches are spread evenly, a
 * walk visits (offset + limit) x cases / matches of them; it may visit as many as the sorted join
 * of every match would cost, so that a walk that runs out wastes at most that.
 */
async function walkBudget(db: Db, page: PageRequest, matches: number): Promise<number | undefined> {
  const { cases } = await db
    .selectFrom('licence_validity')
    .select((eb) => eb.fn.countAll<number | string>().as('cases'))
    .executeTakeFirstOrThrow();
  const visited = ((page.offset + page.limit) * Number(cases)) / matches;
  const budget = Math.floor(matches / WALK_ROW_COST);
  return visited < budget ? budget : undefined;
}

/**
 * The periods holding the point, by the indexes on their own columns; with `stable`, only those of
 * the cases it matches, taken as a set. In SQLite the case id is then written as an expression, so
 * that it does not look the periods up case by case instead.
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
      q.where((eb) => {
        // PostgreSQL plans by statistics of its own, which the expression would only blind: it
        // turned a hash join there into a nested loop of 168 million comparisons (validOn + TR at
        // 100k: 18.6 s). SQLite keeps none here, and needs the hint.
        const caseId = runsOnPostgres(db) ? eb.ref('p.case_id') : sql<string>`${eb.ref('p.case_id')} || ''`;
        return eb(caseId, 'in', candidateIds(db, stable as StableLicenceFilter));
      }),
    );
}

/**
 * The periods holding the point of the cases `stable` matches, looked up case by case in the index
 * of each case's bounds: the candidates outside (CROSS JOIN keeps that order in SQLite; PostgreSQL
 * plans the inner join it is by its statistics), the periods' status and validity written as
 * expressions in SQLite so that it does not scan their own indexes once per candidate instead.
 */
function periodsOfCandidates(
  db: Db,
  filter: LicenceFilter,
  at: PointInTime,
  on: LocalDate,
  stable: StableLicenceFilter,
) {
  return db
    .selectFrom(candidateIds(db, stable).as('c'))
    .crossJoin('validity_periods as p')
    .whereRef('p.case_id', '=', 'c.case_id')
    .where((eb) => {
      const periods = eb as unknown as PeriodsBuilder;
      return eb.and([
        ...versionConditions(periods, at),
        ...changingConditions(periods, filter, at, on, !runsOnPostgres(db)),
      ]);
    });
}

type PeriodsQuery = ReturnType<typeof periodsHolding> | ReturnType<typeof periodsOfCandidates>;

/**
 * A page of the periods holding the point, sorted by what the period rows hold themselves (their
 * case's registration, the end of validity): the page and its total in one query, the total a
 * window over every match, since both read the same rows (TR valid on a date at 100k licences:
 * one pass of about 20 ms, where looking up each match's registration in licence_validity added
 * 17 ms). Past the last page the total is counted alone.
 */
async function pageOf(periods: PeriodsQuery, page: PageRequest, sort: LicenceSort): Promise<CasePage> {
  // The two shapes differ only in the candidates' alias, which the page does not name.
  const matches = periods as ReturnType<typeof periodsHolding>;
  let query = matches.select((eb) => ['p.case_id', eb.fn.countAll<number | string>().over().as('total')]);
  if (sort === 'expiry') query = query.orderBy('p.valid_until', (ob) => ob.asc().nullsLast());
  const rows = await query
    .orderBy('p.registered_at')
    .orderBy('p.case_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const first = rows[0];
  if (first !== undefined) return { caseIds: rows.map((row) => row.case_id), total: Number(first.total) };
  const { total } = await matches
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return { caseIds: [], total: Number(total) };
}
