import { describeValidityPeriods, describeValidityPeriodsUpgrade } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeValidityPeriods(POSTGRES_READ_MODELS);

// The database as migration 003 left it: no periods, and neither 004 nor the later ones run yet
// (the migrator refuses a database on which a later migration ran before an earlier one).
describeValidityPeriodsUpgrade(
  POSTGRES_READ_MODELS,
  `DROP TABLE validity_periods;
   DROP INDEX IF EXISTS decision_history_date_idx;
   DELETE FROM read_model_migrations WHERE name >= '2026-12-01-004'`,
);
