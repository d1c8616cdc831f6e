import { describeQueues } from '@licences/licensing-kysely/testing';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeQueues(SQLITE_READ_MODELS);
