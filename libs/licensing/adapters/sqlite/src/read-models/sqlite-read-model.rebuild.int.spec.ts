import { describeRebuild } from '@licences/licensing-kysely/testing';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeRebuild(SQLITE_READ_MODELS);
