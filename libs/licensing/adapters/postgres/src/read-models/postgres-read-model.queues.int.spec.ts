import { describeQueues } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeQueues(POSTGRES_READ_MODELS);
