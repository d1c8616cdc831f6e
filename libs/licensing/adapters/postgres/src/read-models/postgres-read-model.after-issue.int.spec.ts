import { describeAfterIssue } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeAfterIssue(POSTGRES_READ_MODELS);
