/*
 * Test support of the read-model adapters (not for production code): real licence events, the
 * harness, and the suites every read-model store must pass.
 */
export * from './licence-events.fixture';
export * from './read-model-harness.fixture';
export * from './read-model-backend';
export * from './seeded-numbers';
export * from './legacy-schema.fixture';
export * from './suites/read-model-suite.setup';
export * from './suites/projection.suite';
export * from './suites/fence.suite';
export * from './suites/rebuild.suite';
export * from './suites/queries.suite';
export * from './suites/after-issue.suite';
export * from './suites/queues.suite';
export * from './suites/statistics.suite';
export * from './suites/validity-periods.suite';
export * from './suites/decision-dates.suite';

/** Every shared suite: what any read-model store must pass. */
export { describeReadModelStore } from './suites/read-model-store.suites';
