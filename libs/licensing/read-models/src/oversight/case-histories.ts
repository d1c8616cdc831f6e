import { decodeLicenceEvent } from '@licences/licensing-application';
import type { ReplayInput } from '@licences/licensing-domain';
import type { DecisionPeriod, ReadModelStore } from '../read-model-store.port';
import type { DecisionHistoryEntry } from '../read-model.rows';

/** Cases read together: bounds memory while keeping the number of queries low. */
const CASES_PER_READ = 500;

/** A history row as the domain replays it: its revision and the decoded (upcast) event. */
export function replayInputOf(entry: DecisionHistoryEntry): ReplayInput {
  return {
    revision: entry.revision,
    event: decodeLicenceEvent(entry.type, entry.schemaVersion, entry.payload, entry),
  };
}

/**
 * Every case's decision history from the read model, a chunk of cases at a time. It reads all
 * cases; where a question concerns a period, periodCaseHistories reads only that period's.
 * Cost: one read of the case ids plus one per CASES_PER_READ cases.
 */
export async function* allCaseHistories(
  readModels: ReadModelStore,
): AsyncGenerator<[string, DecisionHistoryEntry[]]> {
  const caseIds = await readModels.findCaseIds({});
  for (let i = 0; i < caseIds.length; i += CASES_PER_READ) {
    const histories = await readModels.historyOf(caseIds.slice(i, i + CASES_PER_READ));
    for (const [caseId, entries] of histories) if (entries.length > 0) yield [caseId, entries];
  }
}

/**
 * The whole history of each case with a decision in the period (of the period's types, when
 * given), by case id, a chunk of cases at a time: the work is the period's cases, not history's.
 */
export async function* periodCaseHistories(
  readModels: ReadModelStore,
  period: DecisionPeriod,
): AsyncGenerator<[string, DecisionHistoryEntry[]]> {
  let after: string | undefined;
  for (;;) {
    const caseIds = await readModels.casesDecidedBetween(period, after, CASES_PER_READ);
    const histories = await readModels.historyOf(caseIds);
    for (const [caseId, entries] of histories) if (entries.length > 0) yield [caseId, entries];
    if (caseIds.length < CASES_PER_READ) return;
    after = caseIds.at(-1);
  }
}
