/*
 * Test support: what the shared read-model suites need of a database, so that one suite runs
 * against SQLite and PostgreSQL alike. Each adapter's specs give their own backend.
 */
import type { ReadModelStore } from '@licences/licensing-read-models';

/** A table or index, as the suites compare schemas by name. */
export interface SchemaObject {
  readonly type: 'table' | 'index';
  readonly name: string;
  readonly tbl_name: string;
}

export interface ReadModelBackend<S extends ReadModelStore = ReadModelStore> {
  /** Names the backend in test titles. */
  readonly label: string;
  /**
   * Opens a store on the database called `name` (created when new); opening the same name again
   * opens the same tables. `db` is what the other methods take to look at that database.
   */
  open(name: string): Promise<{ store: S; db: string }>;
  /** Every row of every projected table, in a deterministic order, read behind the store's back. */
  dumpTables(db: string): Promise<Record<string, unknown[]>>;
  /** Tables and indexes of the read models (the backend's own bookkeeping tables aside). */
  schemaObjects(db: string): Promise<SchemaObject[]>;
  /** Runs SQL behind the store's back, e.g. to damage the live tables before a rebuild. */
  execute(db: string, sql: string): Promise<void>;
  /** Drops whatever the backend created (the stores themselves are closed by the harness). */
  dispose(): Promise<void>;
}

/** Makes a backend for one test; `dir` is a temporary folder of the test's own. */
export type ReadModelBackendFactory<S extends ReadModelStore = ReadModelStore> = (
  dir: string,
) => Promise<ReadModelBackend<S>>;

/** Each projected table with an order that makes its dump deterministic. */
export const TABLE_ORDER: Readonly<Record<string, string>> = {
  licence_validity: 'case_id',
  licence_validity_goods: 'case_id, control_list_entry',
  licence_validity_destinations: 'case_id, country',
  licence_validity_suspensions: 'case_id, suspended_from',
  licence_validity_holds: 'case_id, measure_id',
  decision_history: 'position',
  validity_periods: 'case_id, revision, segment_from',
  revocation_justification: 'case_id',
  revocation_case_state: 'case_id',
  statistics_facts: 'position',
  statistics_case_state: 'case_id',
  statistics_year_totals: 'report, year, group_key',
};
