import { describeQueries } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeQueries(POSTGRES_READ_MODELS);
