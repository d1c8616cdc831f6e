/**
 * SQL (the same in SQLite and PostgreSQL) that turns today's validity periods back into what
 * stores written before the periods held their case's registration have: no column, and the
 * listing indexes of then. For tests of the upgrade on open (SQLite) and of migration 007.
 */
export const PERIODS_BEFORE_REGISTRATION_SQL = `
  DROP INDEX validity_periods_registered_cases_idx;
  DROP INDEX validity_periods_case_bounds_idx;
  DROP INDEX validity_periods_valid_order_idx;
  DROP INDEX validity_periods_status_order_idx;
  DROP INDEX validity_periods_recorded_order_idx;
  ALTER TABLE validity_periods DROP COLUMN registered_at;
  CREATE INDEX validity_periods_valid_idx ON validity_periods (valid, segment_from, segment_until,
    effective_from, effective_until, recorded_from, recorded_until, case_id);
  CREATE INDEX validity_periods_status_idx ON validity_periods (status, segment_from, segment_until,
    effective_from, effective_until, recorded_from, recorded_until, case_id);`;
