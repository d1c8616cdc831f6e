import { describeProjection, describeFences } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeProjection(POSTGRES_READ_MODELS);
describeFences(POSTGRES_READ_MODELS);
