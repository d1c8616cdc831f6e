import { describeRebuild } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeRebuild(POSTGRES_READ_MODELS);
