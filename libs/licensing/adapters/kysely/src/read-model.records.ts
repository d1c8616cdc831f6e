import type { ColumnType } from 'kysely';
import type {
  GoodsCategory,
  LicenceEventType,
  LicenceKind,
  LicenceStatus,
  LocalDate,
  Procedure,
  RecordedStatus,
} from '@licences/licensing-domain';
import type { ProjectionName, ProjectionTarget } from '@licences/licensing-read-models';
import type {
  StatisticsCaseStateTable,
  StatisticsFactsTable,
  StatisticsYearTotalsTable,
} from './statistics.records';

/*
 * Tables of the read models, in column types every SQL database has: JSON as TEXT, booleans as
 * 0/1 integers, calendar dates as 'YYYY-MM-DD' text and instants as ISO 8601 text. Nothing here
 * is SQLite-specific, so that a PostgreSQL adapter can reuse this file as it is.
 */

export interface LicenceValidityTable {
  case_id: string;
  revision: number;
  position: number;
  status: RecordedStatus;
  procedure: Procedure;
  kind: LicenceKind;
  after_sales: number;
  goods_category: GoodsCategory;
  destination_country: string;
  end_user: string;
  applicant_name: string;
  chamber_of_commerce_number: string;
  /** JSON array of the distinct entries, as in the row type. */
  control_list_entries: string;
  total_value_eur: number;
  valid_from: LocalDate | null;
  valid_until: LocalDate | null;
  rule_id: string | null;
  policy_version: string | null;
  last_decision_type: LicenceEventType;
  last_decision_date: LocalDate;
  registered_at: string;
  /**
   * The official of the first event. Added after the table; a database from before gets the
   * columns with the projection started again, so no row is without them.
   */
  registered_by_sub: string;
  registered_by_role: string;
  /** 1 while a country measure's reassessment request is open, else 0: the reassessment queue. */
  reassessment_requested: number;
  /** 1 while a revocation proposal awaits a second official, else 0: the approvals queue. */
  revocation_proposed: number;
  updated_at: string;
  /** JSON of the domain's LicenceCase. */
  state: string;
}

/**
 * One row per control-list entry of a case's goods and per parent entry of one (`ML10.a.1` gives
 * `ML10`, `ML10.a` and `ML10.a.1`), so that the filter "this entry or its sub-items" is a plain,
 * indexable equality in any database, without LIKE and its wildcards and case rules.
 */
export interface LicenceValidityGoodsTable {
  case_id: string;
  control_list_entry: string;
}

/**
 * One row per distinct destination country of a case, so that "any destination is XX" is an
 * indexed equality. A case projected before this table existed has no rows here; its one
 * destination is `licence_validity.destination_country`, which the filter also matches.
 */
export interface LicenceValidityDestinationsTable {
  case_id: string;
  country: string;
}

/**
 * One row per suspension of a licence, ended or in force (`until` null), so that "suspended on
 * this day" is a range condition in SQL. A row projected before suspensions existed has none.
 */
export interface LicenceValiditySuspensionsTable {
  case_id: string;
  /** The first day not valid: the suspension's decision date. */
  suspended_from: LocalDate;
  /** The reinstatement date, the last day not valid; null while the suspension is in force. */
  suspended_until: LocalDate | null;
}

/** One row per hold in force on a case: `measure_id` null for a hold of the case alone. */
export interface LicenceValidityHoldsTable {
  case_id: string;
  measure_id: string | null;
  held_on: LocalDate;
}

export interface DecisionHistoryTable {
  position: number;
  case_id: string;
  revision: number;
  event_id: string;
  type: LicenceEventType;
  schema_version: number;
  decision_date: LocalDate;
  occurred_at: string;
  recorded_at: string;
  actor_sub: string;
  actor_role: string;
  correlation_id: string;
  causation_id: string;
  /** JSON of the import marker, or null for a live decision. */
  imported: string | null;
  rule_id: string | null;
  policy_version: string | null;
  /** JSON of the event's payload as stored. */
  payload: string;
}

/**
 * One row per version of a case (the state after each of its decisions, as `caseAt` folds it) and
 * per date segment on which that state has one status and validity, so that "the case as it stood
 * then, judged on that date" is one row found by range conditions. A version counts while
 * `effective_from <= validOn` and `recorded_from <= asOf` and the next one does not yet: the next
 * one's bounds are `effective_until` and `recorded_until` (both null on the latest version).
 */
export interface ValidityPeriodsTable {
  case_id: string;
  revision: number;
  effective_from: LocalDate;
  effective_until: LocalDate | null;
  /** Instants in `toISOString()` form, so that text order is time order. */
  recorded_from: string;
  recorded_until: string | null;
  /** The first day of the segment; `segment_until` is the first day after it (null: open-ended). */
  segment_from: LocalDate;
  segment_until: LocalDate | null;
  status: LicenceStatus;
  /** 1 when the licence may be used for export on the segment's days, else 0. */
  valid: number;
  on_hold: number;
  reassessment_requested: number;
  revocation_proposed: number;
  valid_until: LocalDate | null;
  /**
   * When the case's first event was recorded (as licence_validity.registered_at), on every row of
   * the case: a listing at a point in time sorts its matches by it without reading another table.
   */
  registered_at: string;
}

export interface RevocationJustificationTable {
  case_id: string;
  revision: number;
  position: number;
  revoked_on: LocalDate;
  recorded_at: string;
  /** The approver: the official who decided the revocation. */
  decided_by_sub: string;
  decided_by_role: string;
  /*
   * Added with the four-eyes rule; rows projected before it hold null (one-official revocations,
   * whose effect and objection term follow from revoked_on) until the projection is rebuilt.
   */
  proposed_by_sub: string | null;
  proposed_by_role: string | null;
  proposed_on: LocalDate | null;
  effective_on: LocalDate | null;
  objection_deadline: LocalDate | null;
  objection_term_id: string | null;
  /** JSON array, like evidence. */
  additional_evidence: string | null;
  circumstances: string;
  /** JSON arrays. */
  criteria: string;
  evidence: string;
  goods: string;
  destination_country: string;
  end_user: string;
  /** JSON array of every destination; null in rows projected when a case had one destination. */
  destinations: string | null;
  kind: LicenceKind;
  goods_category: GoodsCategory;
  issued_on: LocalDate;
  valid_from: LocalDate;
  valid_until: LocalDate;
  extensions: number;
  days_of_validity_left: number;
  days_between_issue_and_revocation: number;
}

/** The case as the revocation projection last saw it: what it needs to describe a later revocation. */
export interface RevocationCaseStateTable {
  case_id: string;
  state: string;
}

export interface ProjectionCheckpointsTable {
  name: ProjectionName;
  target: ProjectionTarget;
  position: number;
  updated_at: string;
  /**
   * On the live row: the highest lease fence a projector wrote or claimed with (0: none). A write
   * with a lower one is refused. Optional on insert (the column defaults to 0).
   */
  fence: ColumnType<number, number | undefined, number>;
}

export interface ReadModelDatabase {
  licence_validity: LicenceValidityTable;
  licence_validity_goods: LicenceValidityGoodsTable;
  licence_validity_destinations: LicenceValidityDestinationsTable;
  licence_validity_suspensions: LicenceValiditySuspensionsTable;
  licence_validity_holds: LicenceValidityHoldsTable;
  decision_history: DecisionHistoryTable;
  validity_periods: ValidityPeriodsTable;
  revocation_justification: RevocationJustificationTable;
  revocation_case_state: RevocationCaseStateTable;
  statistics_facts: StatisticsFactsTable;
  statistics_case_state: StatisticsCaseStateTable;
  statistics_year_totals: StatisticsYearTotalsTable;
  projection_checkpoints: ProjectionCheckpointsTable;
}
