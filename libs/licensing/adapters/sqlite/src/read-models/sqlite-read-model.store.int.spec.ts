import { describeFences, describeProjection } from '@licences/licensing-kysely/testing';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeProjection(SQLITE_READ_MODELS);
describeFences(SQLITE_READ_MODELS);
