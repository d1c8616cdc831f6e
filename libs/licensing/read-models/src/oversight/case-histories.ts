import { decodeLicenceEvent } from '@licences/licensing-application';
import type { ReplayInput } from '@licences/licensing-domain';
import type { ReadModelStore } from '../read-model-store.port';
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
 * cases: a period cannot be narrowed down without an index on decision dates per case, which
 * the port does not offer. Cost: one read of the case ids plus one per CASES_PER_READ cases.
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
