import { describeStatistics } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeStatistics(POSTGRES_READ_MODELS);
