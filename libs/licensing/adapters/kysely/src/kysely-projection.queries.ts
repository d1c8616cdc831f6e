import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@licences/event-store';
import { LICENCE_STREAM_PREFIX } from '@licences/licensing-application';
import { withCurrentDetails } from '@licences/licensing-domain';
import type { LicenceCase } from '@licences/licensing-domain';
import {
  checkFence,
  historyEntryOf,
  ProjectionFencedOffError,
  projectRevocation,
  projectValidity,
} from '@licences/licensing-read-models';
import type {
  DecisionHistoryEntry,
  LicenceValidityRow,
  ProjectionName,
  ProjectionTarget,
  RevocationJustification,
} from '@licences/licensing-read-models';
import { chunked, findValidity } from './kysely-read-model.queries';
import { applyStatistics } from './kysely-statistics.queries';
import { withValidityPeriods } from './kysely-validity-periods.projection';
import {
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

/** History rows per multi-row INSERT: 16 columns x 50 rows stays under 999 bind parameters. */
const HISTORY_INSERT_CHUNK = 50;

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
  const row = await db
    .selectFrom('projection_checkpoints')
    .select('fence')
    .where('name', '=', name)
    .where('target', '=', 'live')
    .executeTakeFirst();
  return row === undefined ? 0 : Number(row.fence);
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

/** The case a licence stream belongs to; undefined for other streams (the projections skip those). */
function caseIdOf(streamId: string): string | undefined {
  return streamId.startsWith(LICENCE_STREAM_PREFIX)
    ? streamId.slice(LICENCE_STREAM_PREFIX.length)
    : undefined;
}

async function applyValidity(db: Db, events: readonly RecordedEvent[]): Promise<void> {
  // The case's row as stored before the batch, and as it stands after the batch's events so far:
  // a later event of the same case in the batch must build on the latter, which is not stored yet.
  const before = new Map<string, LicenceValidityRow | undefined>();
  const latest = new Map<string, LicenceValidityRow>();
  for (const event of events) {
    const caseId = caseIdOf(event.streamId);
    let previous: LicenceValidityRow | undefined;
    if (caseId !== undefined) {
      if (!before.has(caseId)) before.set(caseId, await findValidity(db, caseId));
      previous = latest.get(caseId) ?? before.get(caseId);
    }
    const row = projectValidity(previous, event);
    if (row && caseId !== undefined) latest.set(caseId, row);
  }
  // Only each case's final row is written: a rebuild does one upsert per case and batch, not per event.
  for (const [caseId, row] of latest) await saveValidity(db, row, before.get(caseId));
}

async function saveValidity(
  db: Db,
  row: LicenceValidityRow,
  before: LicenceValidityRow | undefined,
): Promise<void> {
  const record = toValidityRecord(row);
  const { case_id: _key, ...changes } = record;
  await db
    .insertInto('licence_validity')
    .values(record)
    .onConflict((oc) => oc.column('case_id').doUpdateSet(changes))
    .execute();
  // Goods and destinations change at most once (an application after a sondage), so their rows
  // are rewritten only when they do differ.
  const sameGoods =
    before !== undefined &&
    JSON.stringify(before.controlListEntries) === JSON.stringify(row.controlListEntries);
  if (!sameGoods) {
    if (before !== undefined) {
      await db.deleteFrom('licence_validity_goods').where('case_id', '=', row.caseId).execute();
    }
    const goods = toGoodsRecords(row);
    if (goods.length > 0) await db.insertInto('licence_validity_goods').values(goods).execute();
  }
  await saveDestinations(db, row, before);
  await saveSuspensionsAndHolds(db, row, before);
}

/**
 * Rewrites a case's suspension and hold rows when they changed. A row projected before these
 * tables existed has none, and neither has its state, so its first rewrite starts from nothing.
 */
async function saveSuspensionsAndHolds(
  db: Db,
  row: LicenceValidityRow,
  before: LicenceValidityRow | undefined,
): Promise<void> {
  const unchanged = (now: unknown[], then: unknown[] | undefined) =>
    JSON.stringify(now) === JSON.stringify(then ?? []);
  const suspensions = toSuspensionRecords(row);
  if (!unchanged(suspensions, before && toSuspensionRecords(before))) {
    await db.deleteFrom('licence_validity_suspensions').where('case_id', '=', row.caseId).execute();
    if (suspensions.length > 0)
      await db.insertInto('licence_validity_suspensions').values(suspensions).execute();
  }
  const holds = toHoldRecords(row);
  if (!unchanged(holds, before && toHoldRecords(before))) {
    await db.deleteFrom('licence_validity_holds').where('case_id', '=', row.caseId).execute();
    if (holds.length > 0) await db.insertInto('licence_validity_holds').values(holds).execute();
  }
}

/**
 * A row projected before cases had several destinations has no destination rows, and its one
 * destination is unchanged until an event changes the details: only then are rows written.
 */
async function saveDestinations(
  db: Db,
  row: LicenceValidityRow,
  before: LicenceValidityRow | undefined,
): Promise<void> {
  const same =
    before !== undefined &&
    JSON.stringify(before.destinationCountries) === JSON.stringify(row.destinationCountries);
  if (same) return;
  if (before !== undefined) {
    await db.deleteFrom('licence_validity_destinations').where('case_id', '=', row.caseId).execute();
  }
  await db.insertInto('licence_validity_destinations').values(toDestinationRecords(row)).execute();
}

async function applyHistory(db: Db, events: readonly RecordedEvent[]): Promise<void> {
  const entries = events
    .map(historyEntryOf)
    .filter((entry): entry is DecisionHistoryEntry => entry !== undefined);
  for (const chunk of chunked(entries.map(toHistoryRecord), HISTORY_INSERT_CHUNK)) {
    await db.insertInto('decision_history').values(chunk).execute();
  }
}

async function findCaseState(db: Db, caseId: string): Promise<LicenceCase | undefined> {
  const row = await db
    .selectFrom('revocation_case_state')
    .select('state')
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  // A state stored before cases had several destinations reads in the current shape.
  return row && withCurrentDetails(JSON.parse(row.state) as LicenceCase);
}

async function applyRevocation(db: Db, events: readonly RecordedEvent[]): Promise<void> {
  // As for validity: the working state of a case moves through the batch in memory.
  const states = new Map<string, LicenceCase>();
  const justifications: RevocationJustification[] = [];
  for (const event of events) {
    const caseId = caseIdOf(event.streamId);
    const previous =
      caseId === undefined ? undefined : (states.get(caseId) ?? (await findCaseState(db, caseId)));
    const step = projectRevocation(previous, event);
    if (!step || caseId === undefined) continue;
    states.set(caseId, step.state);
    if (step.justification) justifications.push(step.justification);
  }
  for (const [case_id, state] of states) {
    const json = JSON.stringify(state);
    await db
      .insertInto('revocation_case_state')
      .values({ case_id, state: json })
      .onConflict((oc) => oc.column('case_id').doUpdateSet({ state: json }))
      .execute();
  }
  // A plain insert: a case is revoked once, so a second row would mean an event applied twice.
  for (const justification of justifications) {
    await db.insertInto('revocation_justification').values(toRevocationRecord(justification)).execute();
  }
}
