import { describeValidityPeriods } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeValidityPeriods(POSTGRES_READ_MODELS);
