import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@licences/event-store';
import {
  checkFence,
  historyEntryOf,
  ProjectionFencedOffError,
  projectRevocation,
  projectValidity,
  STREAM_LOCAL_PROJECTIONS,
} from '@licences/licensing-read-models';
import type {
  DecisionHistoryEntry,
  LicenceValidityRow,
  ProjectionName,
  ProjectionTarget,
} from '@licences/licensing-read-models';
import { caseIdOf, caseIdsOf } from './case-state.mapper';
import { deleteCaseRows, foldCaseStates, insertRows, upsertRows } from './kysely-batch-writes.queries';
import { chunked, IN_LIST_CHUNK } from './kysely-read-model.queries';
import { applyStatistics } from './kysely-statistics.queries';
import { withValidityPeriods } from './kysely-validity-periods.projection';
import {
  fromValidityRecord,
  toDestinationRecords,
  toGoodsRecords,
  toHistoryRecord,
  toHoldRecords,
  toRevocationRecord,
  toSuspensionRecords,
  toValidityRecord,
} from './read-model.mapper';
import type { ReadModelDatabase } from './read-model.records';
import { REBUILD_TABLES } from './rebuild-tables.plugin';

/*
 * Writes of the projections, dialect-agnostic. Every function here expects to run inside the
 * caller's transaction: rows and checkpoint are committed together or not at all.
 * The rows themselves come from the pure projection functions; this file only stores them.
 */

type Db = Kysely<ReadModelDatabase>;

export async function readCheckpoint(
  db: Db,
  name: ProjectionName,
  target: ProjectionTarget,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', name)
    .where('target', '=', target)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.position);
}

/** The fence recorded on the projection's live checkpoint row (0 when none). */
export async function readFence(db: Db, name: ProjectionName): Promise<number> {
  return (await readStoredFence(db, name, 'live')) ?? 0;
}

/**
 * The fence column of the projection's checkpoint row of `target`, undefined without the row. On
 * a rebuild's row an engine may keep there what marks the rebuild as its own (SQLite's token).
 */
export async function readStoredFence(
  db: Db,
  name: ProjectionName,
  target: ProjectionTarget,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .select('fence')
    .where('name', '=', name)
    .where('target', '=', target)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.fence);
}

/**
 * Records `fence` on the live row unless a higher one is stored; returns whether it did. A
 * projection without a live row yet gets one at position 0, which reads as "nothing applied".
 */
export async function claimFence(db: Db, name: ProjectionName, fence: number, now: string): Promise<boolean> {
  checkFence(fence);
  const stored = await readFence(db, name);
  if (stored > fence) return false;
  if (stored === fence) return true;
  await db
    .insertInto('projection_checkpoints')
    .values({ name, target: 'live', position: 0, updated_at: now, fence })
    .onConflict((oc) => oc.columns(['name', 'target']).doUpdateSet({ fence }))
    .execute();
  return true;
}

/** Refuses a writer whose fence is lower than the stored one, then records its fence. */
async function enforceFence(db: Db, name: ProjectionName, fence: number, now: string): Promise<void> {
  if (!(await claimFence(db, name, fence, now))) {
    throw new ProjectionFencedOffError(name, fence, await readFence(db, name));
  }
}

/** Moves the checkpoint; an existing row keeps its fence (a rebuild's swap must not reset it). */
export async function writeCheckpoint(
  db: Db,
  name: ProjectionName,
  target: ProjectionTarget,
  position: number,
  now: string,
): Promise<void> {
  await db
    .insertInto('projection_checkpoints')
    .values({ name, target, position, updated_at: now })
    .onConflict((oc) => oc.columns(['name', 'target']).doUpdateSet({ position, updated_at: now }))
    .execute();
}

export async function deleteCheckpoint(
  db: Db,
  name: ProjectionName,
  target: ProjectionTarget,
): Promise<void> {
  await db
    .deleteFrom('projection_checkpoints')
    .where('name', '=', name)
    .where('target', '=', target)
    .execute();
}

/**
 * Applies the events after the target's checkpoint and moves the checkpoint to the last event
 * of the batch, whether or not that event concerned the projection. Returns the checkpoint.
 */
export async function projectBatch(
  db: Db,
  name: ProjectionName,
  events: readonly RecordedEvent[],
  target: ProjectionTarget,
  now: string,
  fence?: number,
): Promise<number> {
  // First, so that a fenced-off writer stores nothing at all, not even an empty batch's fence.
  if (fence !== undefined) await enforceFence(db, name, fence, now);
  const stored = await readCheckpoint(db, name, target);
  if (stored === undefined && target === 'rebuild') throw new Error(`No rebuild of ${name} was started`);
  const checkpoint = stored ?? 0;
  const fresh = eventsAfter(checkpoint, events);
  const last = fresh.at(-1);
  if (last === undefined) return checkpoint;
  await APPLY[name](target === 'rebuild' ? db.withPlugin(REBUILD_TABLES) : db, fresh);
  await writeCheckpoint(db, name, target, last.position, now);
  return last.position;
}

/**
 * Applies a page of a rebuild's stream-ordered pass (ReadModelStore.projectStreams); with `upTo`,
 * ends the pass by moving the rebuild's checkpoint there.
 */
export async function projectStreamBatch(
  db: Db,
  name: ProjectionName,
  events: readonly RecordedEvent[],
  now: string,
  upTo?: number,
): Promise<void> {
  if (!STREAM_LOCAL_PROJECTIONS.has(name)) throw new Error(`${name} cannot be built stream by stream`);
  const stored = await readCheckpoint(db, name, 'rebuild');
  if (stored === undefined) throw new Error(`No rebuild of ${name} was started`);
  // Past the pass, the checkpoint says which events the tables hold; another stream-ordered page
  // would apply events behind it, some of them a second time.
  if (stored !== 0)
    throw new Error(`The stream pass of the rebuild of ${name} is over (checkpoint ${stored})`);
  checkStreamOrder(events, upTo);
  if (events.length > 0) await APPLY[name](db.withPlugin(REBUILD_TABLES), events);
  if (upTo !== undefined) await writeCheckpoint(db, name, 'rebuild', upTo, now);
}

/**
 * Refuses a page that is not in stream order (a stream's events together, revisions rising) or
 * holds an event after `upTo`: folded as it comes, such a page would build a case wrongly.
 */
function checkStreamOrder(events: readonly RecordedEvent[], upTo: number | undefined): void {
  const left = new Set<string>();
  events.forEach((event, i) => {
    const previous = events[i - 1];
    if (upTo !== undefined && event.position > upTo) {
      throw new Error(`Event at position ${event.position} lies after the pass's end ${upTo}`);
    }
    if (previous?.streamId === event.streamId) {
      if (event.revision <= previous.revision) {
        throw new Error(
          `Events must be in stream order: revision ${event.revision} of ${event.streamId} follows ${previous.revision}`,
        );
      }
      return;
    }
    if (previous) left.add(previous.streamId);
    if (left.has(event.streamId)) {
      throw new Error(`Events must be in stream order: ${event.streamId} comes back after other streams`);
    }
  });
}

/** The events after the checkpoint; refuses a batch out of global order, which could lose events. */
function eventsAfter(checkpoint: number, events: readonly RecordedEvent[]): readonly RecordedEvent[] {
  events.forEach((event, i) => {
    const previous = events[i - 1];
    if (previous && event.position <= previous.position) {
      throw new Error(
        `Events must be in global order: position ${event.position} follows ${previous.position}`,
      );
    }
  });
  return events.filter((event) => event.position > checkpoint);
}

const APPLY: Readonly<Record<ProjectionName, (db: Db, events: readonly RecordedEvent[]) => Promise<void>>> = {
  'licence-validity': applyValidity,
  'decision-history': withValidityPeriods(applyHistory),
  'revocation-justification': applyRevocation,
  statistics: applyStatistics,
};

async function applyValidity(db: Db, events: readonly RecordedEvent[]): Promise<void> {
  // The case's row as stored before the batch (read once per case), and as it stands after the
  // batch's events so far: a later event of the same case must build on the latter, not stored yet.
  const before = await findValidities(db, caseIdsOf(events));
  const latest = new Map<string, LicenceValidityRow>();
  for (const event of events) {
    const caseId = caseIdOf(event.streamId);
    const previous = caseId === undefined ? undefined : (latest.get(caseId) ?? before.get(caseId));
    const row = projectValidity(previous, event);
    if (row && caseId !== undefined) latest.set(caseId, row);
  }
  // Only each case's final row is written, all cases of the batch in a few multi-row statements.
  const rows = [...latest.values()];
  await upsertRows(db, 'licence_validity', 'case_id', rows.map(toValidityRecord));
  const changed = (records: (row: LicenceValidityRow) => unknown[]) => (row: LicenceValidityRow) => {
    const then = before.get(row.caseId);
    return then === undefined || JSON.stringify(records(row)) !== JSON.stringify(records(then));
  };
  // Goods and destinations change at most once (an application after a sondage), suspensions and
  // holds seldom: their rows are rewritten only for the cases where they do differ.
  await rewriteChildRows(
    db,
    'licence_validity_goods',
    rows.filter(changed(toGoodsRecords)),
    before,
    toGoodsRecords,
  );
  await rewriteChildRows(
    db,
    'licence_validity_destinations',
    rows.filter(changed(toDestinationRecords)),
    before,
    toDestinationRecords,
  );
  await rewriteChildRows(
    db,
    'licence_validity_suspensions',
    rows.filter(changed(toSuspensionRecords)),
    before,
    toSuspensionRecords,
  );
  await rewriteChildRows(
    db,
    'licence_validity_holds',
    rows.filter(changed(toHoldRecords)),
    before,
    toHoldRecords,
  );
}

type ValidityChildTable =
  | 'licence_validity_goods'
  | 'licence_validity_destinations'
  | 'licence_validity_suspensions'
  | 'licence_validity_holds';

/** Replaces the child rows of the given cases: the stored ones (of cases stored before) go first. */
async function rewriteChildRows<T extends ValidityChildTable>(
  db: Db,
  table: T,
  rows: readonly LicenceValidityRow[],
  before: ReadonlyMap<string, LicenceValidityRow>,
  records: (row: LicenceValidityRow) => ReadModelDatabase[T][],
): Promise<void> {
  const stored = rows.filter((row) => before.has(row.caseId)).map((row) => row.caseId);
  await deleteCaseRows(db, table, stored);
  await insertRows(db, table, rows.flatMap(records));
}

/** The stored validity rows of the given cases, by case. */
async function findValidities(db: Db, caseIds: readonly string[]): Promise<Map<string, LicenceValidityRow>> {
  const rows = new Map<string, LicenceValidityRow>();
  for (const chunk of chunked(caseIds, IN_LIST_CHUNK)) {
    const records = await db
      .selectFrom('licence_validity')
      .selectAll()
      .where('case_id', 'in', chunk)
      .execute();
    for (const record of records) rows.set(record.case_id, fromValidityRecord(record));
  }
  return rows;
}

async function applyHistory(db: Db, events: readonly RecordedEvent[]): Promise<void> {
  const entries = events
    .map(historyEntryOf)
    .filter((entry): entry is DecisionHistoryEntry => entry !== undefined);
  await insertRows(db, 'decision_history', entries.map(toHistoryRecord));
}

async function applyRevocation(db: Db, events: readonly RecordedEvent[]): Promise<void> {
  // As for validity: the working state of a case moves through the batch in memory.
  const justifications = await foldCaseStates(db, 'revocation_case_state', events, (previous, event) => {
    const step = projectRevocation(previous, event);
    return step && { state: step.state, output: step.justification };
  });
  // A plain insert: a case is revoked once, so a second row would mean an event applied twice.
  await insertRows(db, 'revocation_justification', justifications.map(toRevocationRecord));
}
