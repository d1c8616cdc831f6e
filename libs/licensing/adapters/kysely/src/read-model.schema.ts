import type { Kysely } from 'kysely';
import type { ProjectionName } from '@licences/licensing-read-models';
import { fillValidityPeriods } from './kysely-validity-periods.projection';
import type { ReadModelDatabase } from './read-model.records';
import { fillYearTotals } from './kysely-statistics-year-totals.writes';
import {
  createIndex,
  createProjectionIndexes,
  nameSwappedIndexes,
  dropRetiredIndexes,
  dropRetiredPeriodIndexes,
  YEAR_TOTALS_INDEX,
} from './read-model.indexes';
import { positionKeyType } from './sql-engine';
import { addPeriodRegistration, lacksColumn } from './validity-periods.registration';
import type { IntrospectedTables } from './validity-periods.registration';

/*
 * Creation, dropping and upgrades of the read-model tables through Kysely's schema builder, with
 * nothing SQLite-specific in it, so that a PostgreSQL adapter can reuse it. Their indexes are in
 * read-model.indexes.ts.
 */

export type ProjectedTable = Exclude<keyof ReadModelDatabase, 'projection_checkpoints'>;

/** Each projection owns its tables: a rebuild replaces exactly these, and together. */
export const PROJECTION_TABLES: Readonly<Record<ProjectionName, readonly ProjectedTable[]>> = {
  'licence-validity': [
    'licence_validity',
    'licence_validity_goods',
    'licence_validity_destinations',
    'licence_validity_suspensions',
    'licence_validity_holds',
  ],
  'decision-history': ['decision_history', 'validity_periods'],
  'revocation-justification': ['revocation_justification', 'revocation_case_state'],
  statistics: ['statistics_facts', 'statistics_case_state', 'statistics_year_totals'],
};

/** A rebuild writes to tables of the same shape under these names, next to the live ones. */
export const REBUILD_SUFFIX = '__rebuild';

export function rebuildTableName(table: ProjectedTable): string {
  return `${table}${REBUILD_SUFFIX}`;
}

export function tablesOf(name: ProjectionName): readonly ProjectedTable[] {
  const tables = PROJECTION_TABLES[name] as readonly ProjectedTable[] | undefined;
  if (!tables) throw new RangeError(`Unknown projection ${String(name)}`);
  return tables;
}

async function createTable(db: Kysely<ReadModelDatabase>, table: ProjectedTable): Promise<void> {
  const create = db.schema.createTable(table).ifNotExists();
  switch (table) {
    case 'licence_validity':
      return void (await create
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('procedure', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('after_sales', 'integer', (c) => c.notNull())
        .addColumn('goods_category', 'text', (c) => c.notNull())
        .addColumn('destination_country', 'text', (c) => c.notNull())
        .addColumn('end_user', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('chamber_of_commerce_number', 'text', (c) => c.notNull())
        .addColumn('control_list_entries', 'text', (c) => c.notNull())
        // Double precision, not real: PostgreSQL's real is 4 bytes and would round euro amounts.
        .addColumn('total_value_eur', 'double precision', (c) => c.notNull())
        .addColumn('valid_from', 'text')
        .addColumn('valid_until', 'text')
        .addColumn('rule_id', 'text')
        .addColumn('policy_version', 'text')
        .addColumn('last_decision_type', 'text', (c) => c.notNull())
        .addColumn('last_decision_date', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('registered_by_sub', 'text', (c) => c.notNull())
        .addColumn('registered_by_role', 'text', (c) => c.notNull())
        .addColumn('reassessment_requested', 'integer', (c) => c.notNull())
        .addColumn('revocation_proposed', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute());
    case 'licence_validity_goods':
      return void (await create
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('control_list_entry', 'text', (c) => c.notNull())
        .execute());
    case 'licence_validity_destinations':
      return void (await create
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .execute());
    // Created on start in a database written before suspensions and holds: its rows have none.
    case 'licence_validity_suspensions':
      return void (await create
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('suspended_from', 'text', (c) => c.notNull())
        .addColumn('suspended_until', 'text')
        .execute());
    case 'licence_validity_holds':
      return void (await create
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('measure_id', 'text')
        .addColumn('held_on', 'text', (c) => c.notNull())
        .execute());
    case 'decision_history':
      return void (await create
        .addColumn('position', positionKeyType(db), (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('schema_version', 'integer', (c) => c.notNull())
        .addColumn('decision_date', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('actor_sub', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('correlation_id', 'text', (c) => c.notNull())
        .addColumn('causation_id', 'text', (c) => c.notNull())
        .addColumn('imported', 'text')
        .addColumn('rule_id', 'text')
        .addColumn('policy_version', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute());
    case 'validity_periods':
      return void (await create
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_until', 'text')
        .addColumn('recorded_from', 'text', (c) => c.notNull())
        .addColumn('recorded_until', 'text')
        .addColumn('segment_from', 'text', (c) => c.notNull())
        .addColumn('segment_until', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('valid', 'integer', (c) => c.notNull())
        .addColumn('on_hold', 'integer', (c) => c.notNull())
        .addColumn('reassessment_requested', 'integer', (c) => c.notNull())
        .addColumn('revocation_proposed', 'integer', (c) => c.notNull())
        .addColumn('valid_until', 'text')
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .execute());
    case 'revocation_justification':
      return void (await create
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('revoked_on', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('decided_by_sub', 'text', (c) => c.notNull())
        .addColumn('decided_by_role', 'text', (c) => c.notNull())
        .addColumn('proposed_by_sub', 'text')
        .addColumn('proposed_by_role', 'text')
        .addColumn('proposed_on', 'text')
        .addColumn('effective_on', 'text')
        .addColumn('objection_deadline', 'text')
        .addColumn('objection_term_id', 'text')
        .addColumn('additional_evidence', 'text')
        .addColumn('circumstances', 'text', (c) => c.notNull())
        .addColumn('criteria', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('goods', 'text', (c) => c.notNull())
        .addColumn('destination_country', 'text', (c) => c.notNull())
        .addColumn('end_user', 'text', (c) => c.notNull())
        .addColumn('destinations', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('goods_category', 'text', (c) => c.notNull())
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('extensions', 'integer', (c) => c.notNull())
        .addColumn('days_of_validity_left', 'integer', (c) => c.notNull())
        .addColumn('days_between_issue_and_revocation', 'integer', (c) => c.notNull())
        .execute());
    case 'revocation_case_state':
    case 'statistics_case_state':
      return void (await create
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute());
    case 'statistics_year_totals':
      return void (await create
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('year', 'text', (c) => c.notNull())
        .addColumn('group_key', 'text', (c) => c.notNull())
        .addColumn('facts', 'bigint', (c) => c.notNull())
        .addColumn('value_cents', 'bigint', (c) => c.notNull())
        .execute());
    case 'statistics_facts':
      return void (await create
        .addColumn('position', positionKeyType(db), (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('decision_date', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('end_user', 'text', (c) => c.notNull())
        .addColumn('goods_category', 'text', (c) => c.notNull())
        .addColumn('goods', 'text', (c) => c.notNull())
        // Whole cents as an integer: sums of money never drift.
        .addColumn('total_value_cents', 'bigint', (c) => c.notNull())
        .addColumn('valid_from', 'text')
        .addColumn('valid_until', 'text')
        .addColumn('rule_months', 'integer')
        .addColumn('validity_months', 'integer')
        .addColumn('policy_version', 'text')
        .addColumn('criteria', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('applied_on', 'text')
        .addColumn('circumstances', 'text')
        .addColumn('licence_kind', 'text')
        .addColumn('export_type', 'text')
        .addColumn('temporary_purpose', 'text')
        .addColumn('firearms_act', 'integer')
        .addColumn('destinations', 'text')
        .addColumn('end_users', 'text')
        .execute());
  }
}

/**
 * Creates a projection's tables if missing. Given a Kysely with the rebuild-tables plugin it
 * creates the rebuild tables instead: the plugin renames every table the statements name.
 */
export async function createProjectionTables(
  db: Kysely<ReadModelDatabase>,
  name: ProjectionName,
): Promise<void> {
  for (const table of tablesOf(name)) await createTable(db, table);
}

/** Drops a projection's tables (and with them their indexes); with the plugin, the rebuild tables. */
export async function dropProjectionTables(
  db: Kysely<ReadModelDatabase>,
  name: ProjectionName,
): Promise<void> {
  for (const table of tablesOf(name)) await db.schema.dropTable(table).ifExists().execute();
}

/** The checkpoints as first created, without the fence (see addFenceColumn). */
export async function createCheckpointTable(db: Kysely<ReadModelDatabase>): Promise<void> {
  await db.schema
    .createTable('projection_checkpoints')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('projection_checkpoints_pk', ['name', 'target'])
    .execute();
}

/** The lease fence of projector fail-over; every existing checkpoint starts at 0 (none). */
export async function addFenceColumn(db: Kysely<ReadModelDatabase>): Promise<void> {
  await db.schema
    .alterTable('projection_checkpoints')
    .addColumn('fence', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

/** Idempotent: the live tables of every projection, their indexes and the checkpoints. */
export async function createLiveSchema(
  db: Kysely<ReadModelDatabase>,
  names: readonly ProjectionName[],
): Promise<void> {
  await createCheckpointTable(db);
  // Before the tables are created: it must see whether the periods are missing from a history.
  if (names.includes('decision-history')) await addValidityPeriods(db);
  if (names.includes('statistics')) await addStatisticsYearTotals(db);
  for (const name of names) await createProjectionTables(db, name);
  // Before the indexes: some index columns that an old table lacks.
  await addMissingColumns(db);
  // A swap cut short may have left indexes under rebuild names: named, not made a second time.
  for (const name of names) await nameSwappedIndexes(db, name);
  for (const name of names) await createProjectionIndexes(db, name);
  await dropRetiredIndexes(db);
  await dropRetiredPeriodIndexes(db);
}

/**
 * Columns added after a table was first created. Existing rows get null; a rebuild of the
 * projection fills them.
 */
async function addMissingColumns(db: Kysely<ReadModelDatabase>): Promise<void> {
  const tables = await db.introspection.getTables();
  if (lacksColumn(tables, 'projection_checkpoints', 'fence')) {
    await addFenceColumn(db);
  }
  if (lacksColumn(tables, 'decision_history', 'imported')) {
    await db.schema.alterTable('decision_history').addColumn('imported', 'text').execute();
  }
  for (const column of [...REVOCATION_FOUR_EYES_COLUMNS, ...REVOCATION_DESTINATIONS_COLUMNS]) {
    if (lacksColumn(tables, 'revocation_justification', column)) {
      await db.schema.alterTable('revocation_justification').addColumn(column, 'text').execute();
    }
  }
  await addStatisticsClassification(db, tables);
  await addValidityRegistration(db, tables);
  await addPeriodOrder(db, tables);
}

/**
 * The registration on every period row (see addPeriodRegistration). A rebuild of the history begun
 * before could not be swapped in without it: it is dropped, to be begun again.
 */
export async function addPeriodOrder(
  db: Kysely<ReadModelDatabase>,
  tables?: IntrospectedTables,
): Promise<void> {
  const found = tables ?? (await db.introspection.getTables());
  await addPeriodRegistration(db, found);
  if (lacksColumn(found, rebuildTableName('validity_periods'), 'registered_at')) {
    await abandonRebuild(db, 'decision-history');
  }
}

/** The columns the work-queue filters added to licence_validity. */
const VALIDITY_QUEUE_COLUMNS = [
  ['registered_by_sub', 'text'],
  ['registered_by_role', 'text'],
  ['reassessment_requested', 'integer'],
  ['revocation_proposed', 'integer'],
] as const;

/**
 * Rows written before the work-queue columns lack who registered the case, which only the first
 * event holds (the stored state does not). As for the statistics, the validity projection starts
 * again from the first event (its rows and live checkpoint cleared), so that every row has them.
 */
async function addValidityRegistration(db: Kysely<ReadModelDatabase>, tables: IntrospectedTables) {
  const validity = tables.find((t) => t.name === 'licence_validity');
  const missing = VALIDITY_QUEUE_COLUMNS.filter(
    ([column]) => validity && !validity.columns.some((c) => c.name === column),
  );
  if (missing.length === 0) return;
  // Nullable, as a column added to a table with rows must be; the rows are projected again below.
  for (const [column, type] of missing)
    await db.schema.alterTable('licence_validity').addColumn(column, type).execute();
  for (const table of PROJECTION_TABLES['licence-validity']) await db.deleteFrom(table).execute();
  await restartFromFirstEvent(db, 'licence-validity');
}

/** The columns the reports classify facts by (licence kind, export type, destinations). */
const STATISTICS_CLASSIFICATION_COLUMNS = [
  ['licence_kind', 'text'],
  ['export_type', 'text'],
  ['temporary_purpose', 'text'],
  ['firearms_act', 'integer'],
  ['destinations', 'text'],
  ['end_users', 'text'],
] as const;

/**
 * Facts written before the classification lack the licence kind, which no later column can
 * recover: a transit licence would be counted as an export. The statistics projection starts
 * again from the first event instead (its facts, working states and live checkpoint cleared), so
 * that every report, including one rebuilt at an old position, classifies every fact.
 */
async function addStatisticsClassification(
  db: Kysely<ReadModelDatabase>,
  tables: IntrospectedTables,
): Promise<void> {
  const facts = tables.find((t) => t.name === 'statistics_facts');
  const missing = STATISTICS_CLASSIFICATION_COLUMNS.filter(
    ([column]) => facts && !facts.columns.some((c) => c.name === column),
  );
  if (missing.length === 0) return;
  for (const [column, type] of missing)
    await db.schema.alterTable('statistics_facts').addColumn(column, type).execute();
  for (const table of PROJECTION_TABLES.statistics) await db.deleteFrom(table).execute();
  await restartFromFirstEvent(db, 'statistics');
}

/**
 * The validity periods came after the decision history. A store whose history was projected
 * before them gets the table and every case's periods, folded from the stored history in this
 * same transaction: the history stays as it is and the checkpoint where it is, and no listing can
 * read a history without its periods. A rebuild of the history begun before has no periods table
 * and could not be swapped in: it is dropped, to be started again. Nothing to do on a new store.
 */
export async function addValidityPeriods(db: Kysely<ReadModelDatabase>): Promise<void> {
  const tables = await db.introspection.getTables();
  const has = (name: string) => tables.some((t) => t.name === name);
  if (has('decision_history') && !has('validity_periods')) {
    await createProjectionTables(db, 'decision-history');
    await createProjectionIndexes(db, 'decision-history');
    await fillValidityPeriods(db);
  }
  if (has(rebuildTableName('decision_history')) && !has(rebuildTableName('validity_periods'))) {
    await abandonRebuild(db, 'decision-history');
  }
}

/**
 * The yearly reports' totals came after the statistics facts. A store whose facts were written
 * before them gets the table, its index and the totals of every fact it holds, in this same
 * transaction: no report can read totals that miss a fact. A statistics rebuild begun before has
 * no totals and could not be swapped in: it is dropped, to be started again. Nothing to do on a
 * new store (createProjectionTables makes the empty table).
 */
export async function addStatisticsYearTotals(db: Kysely<ReadModelDatabase>): Promise<void> {
  const tables = await db.introspection.getTables();
  const has = (name: string) => tables.some((t) => t.name === name);
  if (has('statistics_facts') && !has('statistics_year_totals')) {
    await createTable(db, 'statistics_year_totals');
    await createIndex(db, YEAR_TOTALS_INDEX);
    await fillYearTotals(db);
  }
  if (has(rebuildTableName('statistics_facts')) && !has(rebuildTableName('statistics_year_totals'))) {
    await abandonRebuild(db, 'statistics');
  }
}

/** Drops a projection's rebuild in progress and its checkpoint: it starts again. */
async function abandonRebuild(db: Kysely<ReadModelDatabase>, name: ProjectionName): Promise<void> {
  for (const table of tablesOf(name)) {
    await db.schema.dropTable(rebuildTableName(table)).ifExists().execute();
  }
  await db
    .deleteFrom('projection_checkpoints')
    .where('name', '=', name)
    .where('target', '=', 'rebuild')
    .execute();
}

/** The live checkpoint back to 0 (nothing applied); the row and its fence stay. */
async function restartFromFirstEvent(db: Kysely<ReadModelDatabase>, name: ProjectionName): Promise<void> {
  await db
    .updateTable('projection_checkpoints')
    .set({ position: 0 })
    .where('name', '=', name)
    .where('target', '=', 'live')
    .execute();
}

/** The columns the four-eyes rule added to revocation_justification. */
const REVOCATION_FOUR_EYES_COLUMNS = [
  'proposed_by_sub',
  'proposed_by_role',
  'proposed_on',
  'effective_on',
  'objection_deadline',
  'objection_term_id',
  'additional_evidence',
] as const;

/** Added when a case got several destinations; null in rows of one-destination cases before it. */
const REVOCATION_DESTINATIONS_COLUMNS = ['destinations'] as const;
