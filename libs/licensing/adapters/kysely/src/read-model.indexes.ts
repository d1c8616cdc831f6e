import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { FIRST_LOCAL_DATE } from '@licences/licensing-domain';
import type { ProjectionName } from '@licences/licensing-read-models';
import type { ReadModelDatabase } from './read-model.records';
import type { ProjectedTable } from './read-model.schema';
import { runsOnPostgres } from './sql-engine';

/*
 * The read models' indexes, each with what it serves; those an upgrade adds to an existing store
 * are exported for SQLite's upgrade on open and PostgreSQL's migrations, with the ones retired.
 */

export interface IndexDefinition {
  readonly name: string;
  readonly table: ProjectedTable;
  readonly columns: readonly string[];
  readonly unique?: boolean;
  /**
   * The projection's own writes find rows by it (a case's rows to replace or read back): a
   * rebuild's tables get it too, under another name, or each page would scan what the earlier
   * pages wrote.
   */
  readonly forWrites?: true;
  /**
   * Only the rows where each of these columns holds its value (null: is null), a partial index. A
   * query that reads it must state the same conditions with the values written out: SQLite does
   * not match a bound parameter against the index's condition.
   */
  readonly only?: Readonly<Record<string, string | null>>;
}

/** The bounds of a period row's segment (business dates) and version (business and recorded time). */
const SEGMENT_AND_VERSION_BOUNDS = [
  'segment_from',
  'segment_until',
  'effective_from',
  'effective_until',
  'recorded_from',
  'recorded_until',
] as const;

/** What a listing at a point in time tests of each period row, ending in the case it belongs to. */
const PERIOD_BOUNDS = [...SEGMENT_AND_VERSION_BOUNDS, 'case_id'] as const;

/**
 * The decisions of a period in the order they are listed, so that a period's query reads only
 * its own rows; the position makes it cover what identifies a row. Added to existing stores on
 * open (SQLite) or by migration 005 (PostgreSQL): it indexes columns every row already has.
 */
export const DECISION_DATE_INDEX = {
  name: 'decision_history_date_idx',
  table: 'decision_history',
  columns: ['decision_date', 'case_id', 'revision', 'position'],
} as const satisfies IndexDefinition;

/**
 * A report's group in a year: unique, so that a batch's counts add to the group's row (an upsert
 * on it), and the yearly reports read their year's groups from it. Made with the table when a
 * store gets its totals (see addStatisticsYearTotals).
 */
export const YEAR_TOTALS_INDEX = {
  name: 'statistics_year_totals_key_idx',
  table: 'statistics_year_totals',
  columns: ['report', 'year', 'group_key'],
  unique: true,
  forWrites: true,
} as const satisfies IndexDefinition;

/**
 * The facts of one kind in decision-date order: a listing report pages through its licences or
 * denials (a fifth of the facts at most) without reading every fact of the period. Not by goods
 * category too: a list of both categories (large licences) would then have to be sorted anew for
 * every page. Added to existing stores on open (SQLite) or by migration 008 (PostgreSQL).
 */
export const LISTED_FACTS_INDEX = {
  name: 'statistics_facts_kind_date_idx',
  table: 'statistics_facts',
  columns: ['kind', 'decision_date', 'position'],
} as const satisfies IndexDefinition;

/**
 * A case's first destination with its id, so that the cases bound for a country are read from the
 * index alone (a listing under a destination filter takes their ids as a set; with the first
 * destination only in the table, 8,837 cases at 100k licences cost 30 ms of row reads). Replaces
 * RETIRED_DESTINATION_INDEX, of which it is a longer form: on open (SQLite), by migration 006
 * (PostgreSQL).
 */
export const DESTINATION_CASE_INDEX = {
  name: 'licence_validity_destination_case_idx',
  table: 'licence_validity',
  columns: ['destination_country', 'case_id'],
} as const satisfies IndexDefinition;

/**
 * The periods by when their version was recorded (bounds and case id), as migration 006 added it
 * (PostgreSQL); RECORDED_ORDER_PERIODS_INDEX, which also holds the registration, replaced it.
 */
export const RECORDED_PERIODS_INDEX = {
  name: 'validity_periods_recorded_idx',
  table: 'validity_periods',
  columns: ['recorded_from', 'recorded_until', 'segment_from', 'segment_until', 'case_id'],
} as const satisfies IndexDefinition;

/**
 * The periods by when their version was recorded: a listing as of an instant counts the periods
 * holding it from this narrow index instead of scanning a wide one whole (at 100k licences, the
 * middle of the history: 19 ms instead of 64-82 ms), and sorts a page by registration from it.
 */
export const RECORDED_ORDER_PERIODS_INDEX = {
  name: 'validity_periods_recorded_order_idx',
  table: 'validity_periods',
  columns: ['recorded_from', 'recorded_until', 'segment_from', 'segment_until', 'case_id', 'registered_at'],
} as const satisfies IndexDefinition;

/**
 * The periods of a case with every bound a listing tests and the registration, so that a listing
 * under a narrow filter (a destination: 8,837 cases at 100k licences) looks each candidate's
 * periods up in the index alone: 16-19 ms in SQL where reading the periods' range with the
 * candidates as a set took 42-49 ms.
 */
export const CASE_BOUNDS_PERIODS_INDEX = {
  name: 'validity_periods_case_bounds_idx',
  table: 'validity_periods',
  columns: ['case_id', ...SEGMENT_AND_VERSION_BOUNDS, 'valid', 'status', 'registered_at'],
} as const satisfies IndexDefinition;

/**
 * One row per case: its current version (never superseded) and that version's first segment (the
 * segments of a version cover every date from FIRST_LOCAL_DATE on).
 */
export const CURRENT_FIRST_SEGMENT = { recorded_until: null, segment_from: FIRST_LOCAL_DATE } as const;

/**
 * The cases of the decision history by registration, one entry each (CURRENT_FIRST_SEGMENT). As
 * of an instant, with no other filter, every case registered by then has exactly one version
 * holding it, and one of that version's segments holds any date: the listing's total is the
 * count of a range of this index instead of every period holding the point (at 100k licences,
 * 52,855 cases as of the middle of history: 28-37 ms through the periods' recorded index).
 * Added to existing stores on open (SQLite) or by migration 010 (PostgreSQL).
 */
export const REGISTERED_CASES_INDEX = {
  name: 'validity_periods_registered_cases_idx',
  table: 'validity_periods',
  columns: ['registered_at'],
  only: CURRENT_FIRST_SEGMENT,
} as const satisfies IndexDefinition;

/**
 * The indexes listings at a point in time read the periods by: "valid on" or "has this status"
 * narrows the rows by index, and the rest of the version and segment conditions, and the order,
 * are judged in the index alone; or by when they were recorded; or case by case.
 */
export const PERIOD_LISTING_INDEXES: readonly IndexDefinition[] = [
  CASE_BOUNDS_PERIODS_INDEX,
  {
    name: 'validity_periods_valid_order_idx',
    table: 'validity_periods',
    columns: ['valid', ...PERIOD_BOUNDS, 'registered_at'],
  },
  {
    name: 'validity_periods_status_order_idx',
    table: 'validity_periods',
    columns: ['status', ...PERIOD_BOUNDS, 'registered_at'],
  },
  RECORDED_ORDER_PERIODS_INDEX,
];

/**
 * The periods' listing indexes before they held the registration: a page then read it from
 * licence_validity, one lookup per match. Dropped where found, after the longer ones are made.
 */
export const RETIRED_PERIOD_INDEXES = [
  'validity_periods_valid_idx',
  'validity_periods_status_idx',
  RECORDED_PERIODS_INDEX.name,
] as const;

/** The index of first destinations without the case id, dropped where it is still found. */
export const RETIRED_DESTINATION_INDEX = 'licence_validity_destination_idx';

/** Drops the indexes a longer one has replaced; nothing where they are gone already. */
export async function dropRetiredIndexes(db: Kysely<ReadModelDatabase>): Promise<void> {
  await db.schema.dropIndex(RETIRED_DESTINATION_INDEX).ifExists().execute();
}

/** Drops the periods' indexes from before they held the registration; nothing where they are gone. */
export async function dropRetiredPeriodIndexes(db: Kysely<ReadModelDatabase>): Promise<void> {
  for (const name of RETIRED_PERIOD_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}

/**
 * Indexes of the live tables. A rebuild fills tables with only the indexes its writes look rows
 * up by (`forWrites`, under rebuild names), gets the rest under rebuild names once filled, and
 * takes them into the swap; the swapped-in indexes then take the live names (see
 * nameSwappedIndex).
 */
const INDEXES: Readonly<Record<ProjectionName, readonly IndexDefinition[]>> = {
  'licence-validity': [
    { name: 'licence_validity_status_idx', table: 'licence_validity', columns: ['status', 'valid_until'] },
    DESTINATION_CASE_INDEX,
    { name: 'licence_validity_valid_until_idx', table: 'licence_validity', columns: ['valid_until'] },
    {
      name: 'licence_validity_registered_idx',
      table: 'licence_validity',
      columns: ['registered_at', 'case_id'],
    },
    // The work queues: one official's own cases, reassessments asked for, proposals to approve.
    {
      name: 'licence_validity_registered_by_idx',
      table: 'licence_validity',
      columns: ['registered_by_sub', 'registered_at', 'case_id'],
    },
    {
      name: 'licence_validity_reassessment_idx',
      table: 'licence_validity',
      columns: ['reassessment_requested', 'registered_at'],
    },
    {
      name: 'licence_validity_revocation_proposed_idx',
      table: 'licence_validity',
      columns: ['revocation_proposed', 'registered_at'],
    },
    // The key of the goods table, as a unique index rather than a named primary key constraint:
    // PostgreSQL names constraints per schema, so a rebuild table could not reuse the name.
    {
      name: 'licence_validity_goods_case_idx',
      forWrites: true,
      table: 'licence_validity_goods',
      columns: ['case_id', 'control_list_entry'],
      unique: true,
    },
    {
      name: 'licence_validity_goods_entry_idx',
      table: 'licence_validity_goods',
      columns: ['control_list_entry', 'case_id'],
    },
    {
      name: 'licence_validity_destinations_case_idx',
      forWrites: true,
      table: 'licence_validity_destinations',
      columns: ['case_id', 'country'],
      unique: true,
    },
    {
      name: 'licence_validity_destinations_country_idx',
      table: 'licence_validity_destinations',
      columns: ['country', 'case_id'],
    },
    {
      name: 'licence_validity_suspensions_case_idx',
      table: 'licence_validity_suspensions',
      columns: ['case_id', 'suspended_from'],
      forWrites: true,
    },
    {
      name: 'licence_validity_holds_case_idx',
      table: 'licence_validity_holds',
      columns: ['case_id'],
      forWrites: true,
    },
  ],
  'decision-history': [
    // Unique: a revision of a case can only be recorded once; a double application fails loudly.
    {
      name: 'decision_history_case_idx',
      forWrites: true,
      table: 'decision_history',
      columns: ['case_id', 'revision'],
      unique: true,
    },
    // A version's segments, found by case for the rewrite after a decision and for the listing.
    {
      name: 'validity_periods_case_idx',
      forWrites: true,
      table: 'validity_periods',
      columns: ['case_id', 'revision', 'segment_from'],
      unique: true,
    },
    ...PERIOD_LISTING_INDEXES,
    REGISTERED_CASES_INDEX,
    DECISION_DATE_INDEX,
  ],
  'revocation-justification': [],
  statistics: [
    // Reports read the facts of a period of decision dates.
    { name: 'statistics_facts_date_idx', table: 'statistics_facts', columns: ['decision_date', 'position'] },
    LISTED_FACTS_INDEX,
    YEAR_TOTALS_INDEX,
  ],
};

export async function createProjectionIndexes(
  db: Kysely<ReadModelDatabase>,
  name: ProjectionName,
): Promise<void> {
  for (const index of INDEXES[name]) await createIndex(db, index);
}

/** The indexes of a projection's live tables, in the order a fresh store makes them. */
export function projectionIndexes(name: ProjectionName): readonly IndexDefinition[] {
  return INDEXES[name];
}

/** An index as a rebuild's tables have it until it takes the live name. */
export function rebuildIndexOf(index: IndexDefinition): IndexDefinition {
  return { ...index, name: `${index.name}__rebuild` };
}

/** On a rebuild's fresh tables (`db` with REBUILD_TABLES): the indexes its writes look rows up by. */
export async function createRebuildWriteIndexes(
  rebuild: Kysely<ReadModelDatabase>,
  name: ProjectionName,
): Promise<void> {
  for (const index of INDEXES[name].filter((i) => i.forWrites)) {
    await createIndex(rebuild, rebuildIndexOf(index));
  }
}

/** The table an index of that name belongs to, if there is one. */
export async function tableOfIndex(
  db: Kysely<ReadModelDatabase>,
  indexName: string,
): Promise<string | undefined> {
  const { rows } = runsOnPostgres(db)
    ? await sql<{ table: string }>`
        SELECT tablename AS "table" FROM pg_indexes
        WHERE schemaname = current_schema() AND indexname = ${indexName}`.execute(db)
    : await sql<{ table: string }>`
        SELECT tbl_name AS "table" FROM sqlite_master WHERE type = 'index' AND name = ${indexName}`.execute(
        db,
      );
  return rows[0]?.table;
}

/**
 * Gives an index that a swap brought onto a live table under its rebuild name the live name:
 * PostgreSQL renames it; SQLite, which cannot rename an index, makes it again under the live name
 * before it drops the other, so that the table is never without it. Nothing where the live table
 * has no such index (the usual case, and every case once mended). Returns whether it did anything.
 */
export async function nameSwappedIndex(
  db: Kysely<ReadModelDatabase>,
  index: IndexDefinition,
): Promise<boolean> {
  const swapped = rebuildIndexOf(index).name;
  // A rebuild under way has an index of that name too, on its own table: that one is not touched.
  if ((await tableOfIndex(db, swapped)) !== index.table) return false;
  const holder = await tableOfIndex(db, index.name);
  // The live name is still another table's (old tables being cleared away): named once it is free.
  if (holder !== undefined && holder !== index.table) return false;
  if (runsOnPostgres(db) && holder === undefined) {
    await sql`ALTER INDEX ${sql.id(swapped)} RENAME TO ${sql.id(index.name)}`.execute(db);
    return true;
  }
  await createIndex(db, index);
  await db.schema.dropIndex(swapped).execute();
  return true;
}

/** Every index of the projection under its live name (see nameSwappedIndex), in one go. */
export async function nameSwappedIndexes(db: Kysely<ReadModelDatabase>, name: ProjectionName): Promise<void> {
  for (const index of INDEXES[name]) await nameSwappedIndex(db, index);
}

/** Creates one index if missing. */
export async function createIndex(db: Kysely<ReadModelDatabase>, index: IndexDefinition): Promise<void> {
  let create = db.schema
    .createIndex(index.name)
    .ifNotExists()
    .on(index.table)
    .columns([...index.columns]);
  if (index.unique) create = create.unique();
  for (const [column, value] of Object.entries(index.only ?? {})) {
    create = create.where(
      sql.ref(column),
      value === null ? 'is' : '=',
      value === null ? null : sql.lit(value),
    );
  }
  await create.execute();
}
