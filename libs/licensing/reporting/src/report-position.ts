import type { EventStore } from '@licences/event-store';
import { DomainError, DUTCH_VALIDITY_POLICY, policyVersionOn } from '@licences/licensing-domain';
import type { ReadModelStore } from '@licences/licensing-read-models';
import type { ReportContext } from './report-facts';
import type { ReportLanguage, ReportPeriod } from './report.types';

/** How long a build waits for the statistics projection to reach the position it is built at. */
const CATCH_UP_TIMEOUT_MS = 5000;
const POLL_MS = 10;

/**
 * Where a report of `period` is built: at `position` if asked (once the statistics have reached
 * it), else at what the statistics projection holds after catching up with the head for a moment.
 * @throws DomainError POSITION_BEYOND_HEAD, STATISTICS_BEHIND
 */
export async function reportContextAt(
  events: EventStore,
  readModels: ReadModelStore,
  period: ReportPeriod,
  position: number | undefined,
  lang: ReportLanguage,
): Promise<ReportContext> {
  const head = await events.headPosition();
  if (position !== undefined && position > head) {
    throw new DomainError(
      'POSITION_BEYOND_HEAD',
      'rule-violation',
      `Position ${position} is beyond the last event (${head})`,
    );
  }
  const checkpoint = await catchUp(readModels, position ?? head);
  if (position !== undefined && checkpoint < position) {
    throw new DomainError(
      'STATISTICS_BEHIND',
      'rule-violation',
      `The statistics have not reached position ${position} yet (at ${checkpoint}); try again`,
    );
  }
  // Without an explicit position the report is built at what the projection holds, and says so.
  return {
    position: position ?? checkpoint,
    policyVersion: policyVersionOn(DUTCH_VALIDITY_POLICY, period.to),
    lang,
  };
}

async function catchUp(readModels: ReadModelStore, target: number): Promise<number> {
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  for (;;) {
    const checkpoint = await readModels.checkpoint('statistics');
    if (checkpoint >= target || Date.now() >= deadline) return checkpoint;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
