import type { Kysely, Insertable } from 'kysely';
import type { RecordedEvent } from '@licences/event-store';
import { isOnHold, statusSegments } from '@licences/licensing-domain';
import { caseVersions, historyEntryOf } from '@licences/licensing-read-models';
import type { DecisionHistoryEntry } from '@licences/licensing-read-models';
import { chunked, historyOf, IN_LIST_CHUNK } from './kysely-read-model.queries';
import type { ReadModelDatabase, ValidityPeriodsTable } from './read-model.records';

/*
 * Writes of the validity periods, part of the decision-history projection: after the batch's
 * entries are stored, each case the batch touched gets its periods rewritten from its whole stored
 * history, folded exactly as time travel folds it, so that the two can never tell different stories.
 */

type Db = Kysely<ReadModelDatabase>;

/** Period rows per multi-row INSERT: 15 columns x 60 rows stays under 999 bind parameters. */
const PERIODS_INSERT_CHUNK = 60;

/** The rows of one case: each version of its state, cut into the segments of its status. */
export function validityPeriodRecords(
  caseId: string,
  history: readonly DecisionHistoryEntry[],
): Insertable<ValidityPeriodsTable>[] {
  const versions = caseVersions(history);
  return versions.flatMap((version, i) => {
    const next = versions[i + 1];
    const { state } = version;
    return statusSegments(state).map((segment) => ({
      case_id: caseId,
      revision: version.revision,
      effective_from: version.effectiveFrom,
      effective_until: next?.effectiveFrom ?? null,
      recorded_from: version.recordedFrom,
      recorded_until: next?.recordedFrom ?? null,
      segment_from: segment.from,
      segment_until: segment.until ?? null,
      status: segment.status,
      valid: segment.valid ? 1 : 0,
      on_hold: isOnHold(state) ? 1 : 0,
      reassessment_requested: (state.reassessmentRequests ?? []).length > 0 ? 1 : 0,
      revocation_proposed: state.revocationProposal !== undefined ? 1 : 0,
      valid_until: state.validUntil ?? null,
      registered_at: version.registeredAt,
    }));
  });
}

/** Rewrites the periods of these cases from their stored decision history (same transaction). */
export async function rewriteValidityPeriods(db: Db, caseIds: readonly string[]): Promise<void> {
  for (const chunk of chunked([...new Set(caseIds)], IN_LIST_CHUNK)) {
    const histories = await historyOf(db, chunk);
    await db.deleteFrom('validity_periods').where('case_id', 'in', chunk).execute();
    const records = chunk.flatMap((id) => validityPeriodRecords(id, histories.get(id) ?? []));
    for (const rows of chunked(records, PERIODS_INSERT_CHUNK)) {
      await db.insertInto('validity_periods').values(rows).execute();
    }
  }
}

type Apply = (db: Db, events: readonly RecordedEvent[]) => Promise<void>;

/**
 * The history's writer followed by the periods of every case the batch touched: the periods are
 * folded from the stored history, so they must come after the batch's entries are stored.
 */
export function withValidityPeriods(applyHistory: Apply): Apply {
  return async (db, events) => {
    await applyHistory(db, events);
    const caseIds = events.flatMap((event) => historyEntryOf(event)?.caseId ?? []);
    if (caseIds.length > 0) await rewriteValidityPeriods(db, caseIds);
  };
}

/**
 * Fills the periods of every case in the stored decision history: for a store whose history was
 * projected before the periods existed. The history itself is kept as it is.
 */
export async function fillValidityPeriods(db: Db): Promise<void> {
  const rows = await db.selectFrom('decision_history').select('case_id').distinct().execute();
  await rewriteValidityPeriods(
    db,
    rows.map((row) => row.case_id),
  );
}
