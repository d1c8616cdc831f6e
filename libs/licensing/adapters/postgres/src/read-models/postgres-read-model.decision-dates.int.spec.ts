import { describeDecisionDates } from '@licences/licensing-kysely/testing';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeDecisionDates(POSTGRES_READ_MODELS);
