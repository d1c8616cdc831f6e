import { describeValidityPeriods, describeValidityPeriodsUpgrade } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeValidityPeriods(POSTGRES_READ_MODELS);

// The database as migration 003 left it: no periods, and 004 not yet run.
describeValidityPeriodsUpgrade(
  POSTGRES_READ_MODELS,
  `DROP TABLE validity_periods;
   DELETE FROM read_model_migrations WHERE name = '2026-12-01-004-validity-periods'`,
);
