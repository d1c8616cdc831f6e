import type { ReadModelStore } from '@licences/licensing-read-models';
import { describeAfterIssue } from './after-issue.suite';
import { describeFences } from './fence.suite';
import { describeProjection } from './projection.suite';
import { describeQueries } from './queries.suite';
import { describeQueues } from './queues.suite';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';
import { describeRebuild } from './rebuild.suite';
import { describeStatistics } from './statistics.suite';
import { describeValidityPeriods } from './validity-periods.suite';

/** Every shared suite at once, for a store that passes them all. */
export function describeReadModelStore<S extends ReadModelStore>(setup: ReadModelSuiteSetup<S>): void {
  describeProjection(setup);
  describeFences(setup);
  describeRebuild(setup);
  describeQueries(setup);
  describeAfterIssue(setup);
  describeQueues(setup);
  describeStatistics(setup);
  describeValidityPeriods(setup);
}
