import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { isLocalDate } from '@licences/licensing-domain';
import type { LicenceStatus, LocalDate } from '@licences/licensing-domain';
import type {
  DecisionHistoryEntry,
  LicenceFilter,
  LicenceSort,
  LicenceValidityRow,
  PageRequest,
  RevocationJustification,
  StableLicenceFilter,
} from '@licences/licensing-read-models';
import { fromHistoryRecord, fromRevocationRecord, fromValidityRecord } from './read-model.mapper';
import type { ReadModelDatabase } from './read-model.records';

/*
 * Read queries of the read models, dialect-agnostic. Queries that take several statements
 * (a page and its total, a chunked IN-list) should run in one read transaction for a
 * consistent snapshot; the caller decides that.
 */

type Db = Kysely<ReadModelDatabase>;
type ValidityBuilder = ExpressionBuilder<ReadModelDatabase, 'licence_validity'>;

/** Ids per IN-list: well under SQLite's 999 (older builds) and PostgreSQL's 65535 bind parameters. */
export const IN_LIST_CHUNK = 500;

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * An instant in the exact `toISOString()` form the event store records, so that comparing the
 * stored text compares the instants, whatever form (offset, no milliseconds) the caller used.
 */
export function normalizeInstant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO 8601 instant: ${value}`);
  return new Date(ms).toISOString();
}

/** The case has a suspension, ended or in force, whose days include `day`. */
function suspendedOn(eb: ValidityBuilder, day: LocalDate): Expression<SqlBool> {
  return eb(
    'case_id',
    'in',
    eb
      .selectFrom('licence_validity_suspensions')
      .select('case_id')
      .where('suspended_from', '<=', day)
      .where((s) => s.or([s('suspended_until', 'is', null), s('suspended_until', '>=', day)])),
  );
}

function statusConditions(
  eb: ValidityBuilder,
  status: LicenceStatus | undefined,
  today: LocalDate,
): Expression<SqlBool>[] {
  // Expiry and suspension are never recorded: an issued licence is expired on any day after its
  // validUntil, and otherwise suspended on a day inside one of its suspensions.
  switch (status) {
    case undefined:
      return [];
    case 'expired':
      return [eb('status', '=', 'issued'), eb('valid_until', '<', today)];
    case 'suspended':
      return [eb('status', '=', 'issued'), eb('valid_until', '>=', today), suspendedOn(eb, today)];
    case 'issued':
      return [eb('status', '=', 'issued'), eb('valid_until', '>=', today), eb.not(suspendedOn(eb, today))];
    case 'sondage-requested':
    case 'sondage-answered':
    case 'applied':
    case 'denied':
    case 'withdrawn':
    case 'revoked':
      return [eb('status', '=', status)];
    default: {
      const unexpected: never = status;
      throw new RangeError(`Unknown status ${String(unexpected)}`);
    }
  }
}

function holdConditions(eb: ValidityBuilder, onHold: boolean | undefined): Expression<SqlBool>[] {
  if (onHold === undefined) return [];
  const held = eb('case_id', 'in', eb.selectFrom('licence_validity_holds').select('case_id'));
  return [onHold ? held : eb.not(held)];
}

/** The filters on what the case may change, each the same as the time-travel path judges on its state. */
function queueConditions(eb: ValidityBuilder, filter: LicenceFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  const flag = (value: boolean) => (value ? 1 : 0);
  if (filter.reassessmentRequested !== undefined) {
    conditions.push(eb('reassessment_requested', '=', flag(filter.reassessmentRequested)));
  }
  if (filter.revocationProposed !== undefined) {
    conditions.push(eb('revocation_proposed', '=', flag(filter.revocationProposed)));
  }
  // A case without an end of validity compares as unknown, so it is outside any window.
  if (filter.expiresFrom !== undefined) conditions.push(eb('valid_until', '>=', filter.expiresFrom));
  if (filter.expiresTo !== undefined) conditions.push(eb('valid_until', '<=', filter.expiresTo));
  return conditions;
}

export function stableConditions(eb: ValidityBuilder, filter: StableLicenceFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.registeredBy !== undefined) conditions.push(eb('registered_by_sub', '=', filter.registeredBy));
  if (filter.destination !== undefined) {
    // Any of the case's destinations. The first is also in destination_country, the only place a
    // row projected before cases had several destinations holds it (it has no destination rows).
    const country = filter.destination;
    conditions.push(
      eb.or([
        eb('destination_country', '=', country),
        eb(
          'case_id',
          'in',
          eb.selectFrom('licence_validity_destinations').select('case_id').where('country', '=', country),
        ),
      ]),
    );
  }
  if (filter.goodsCategory !== undefined) conditions.push(eb('goods_category', '=', filter.goodsCategory));
  if (filter.kind !== undefined) conditions.push(eb('kind', '=', filter.kind));
  if (filter.controlListEntry !== undefined) {
    // The goods table holds every entry and its parents, so "ML10 or ML10.*" is an equality.
    const entry = filter.controlListEntry;
    conditions.push(
      eb(
        'case_id',
        'in',
        eb.selectFrom('licence_validity_goods').select('case_id').where('control_list_entry', '=', entry),
      ),
    );
  }
  return conditions;
}

export function checkPage(page: PageRequest): void {
  for (const [field, value] of Object.entries(page)) {
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw new RangeError(`${field} must be a whole number of at least 0, got ${String(value)}`);
    }
  }
}

export async function findValidity(db: Db, caseId: string): Promise<LicenceValidityRow | undefined> {
  const record = await db
    .selectFrom('licence_validity')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return record && fromValidityRecord(record);
}

export async function listValidity(
  db: Db,
  filter: LicenceFilter,
  today: LocalDate,
  page: PageRequest,
  sort: LicenceSort = 'registered',
): Promise<{ rows: LicenceValidityRow[]; total: number }> {
  // A malformed date would still compare as text and silently misclassify expired licences.
  for (const date of [today, filter.expiresFrom, filter.expiresTo]) {
    if (date !== undefined && !isLocalDate(date))
      throw new RangeError(`Not a calendar date: ${String(date)}`);
  }
  if (sort !== 'registered' && sort !== 'expiry') throw new RangeError(`Unknown sort ${String(sort)}`);
  checkPage(page);
  const where = (eb: ValidityBuilder) =>
    eb.and([
      ...statusConditions(eb, filter.status, today),
      ...holdConditions(eb, filter.onHold),
      ...queueConditions(eb, filter),
      ...stableConditions(eb, filter),
    ]);
  let query = db.selectFrom('licence_validity').selectAll().where(where);
  // NULLS LAST, as SQLite and PostgreSQL both spell it: the two put nulls at opposite ends otherwise.
  if (sort === 'expiry') query = query.orderBy('valid_until', (ob) => ob.asc().nullsLast());
  const records = await query
    .orderBy('registered_at')
    .orderBy('case_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await db
    .selectFrom('licence_validity')
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .where(where)
    .executeTakeFirstOrThrow();
  return { rows: records.map(fromValidityRecord), total: Number(total) };
}

export async function findCaseIds(db: Db, filter: StableLicenceFilter, asOf?: string): Promise<string[]> {
  let query = db
    .selectFrom('licence_validity')
    .select('case_id')
    .where((eb) => eb.and(stableConditions(eb, filter)));
  if (asOf !== undefined) query = query.where('registered_at', '<=', normalizeInstant(asOf));
  const records = await query.orderBy('registered_at').orderBy('case_id').execute();
  return records.map((r) => r.case_id);
}

/** Every requested case is a key of the result, with no entries when it has none (yet). */
export async function historyOf(
  db: Db,
  caseIds: readonly string[],
  asOf?: string,
): Promise<Map<string, DecisionHistoryEntry[]>> {
  const bound = asOf === undefined ? undefined : normalizeInstant(asOf);
  const ids = [...new Set(caseIds)];
  const history = new Map<string, DecisionHistoryEntry[]>(ids.map((id) => [id, []]));
  for (const chunk of chunked(ids, IN_LIST_CHUNK)) {
    let query = db.selectFrom('decision_history').selectAll().where('case_id', 'in', chunk);
    if (bound !== undefined) query = query.where('recorded_at', '<=', bound);
    const records = await query.orderBy('case_id').orderBy('revision').execute();
    for (const record of records) history.get(record.case_id)?.push(fromHistoryRecord(record));
  }
  return history;
}

export async function findRevocation(db: Db, caseId: string): Promise<RevocationJustification | undefined> {
  const record = await db
    .selectFrom('revocation_justification')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return record && fromRevocationRecord(record);
}
