import { describeValidityPeriods } from '@licences/licensing-kysely/testing';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeValidityPeriods(SQLITE_READ_MODELS);
