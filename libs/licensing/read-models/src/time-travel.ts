import type { Actor } from '@licences/event-store';
import { decodeLicenceEvent } from '@licences/licensing-application';
import { compareDates, evolve } from '@licences/licensing-domain';
import type { LicenceCase, LicenceState, LocalDate } from '@licences/licensing-domain';
import type { DecisionHistoryEntry } from './read-model.rows';

/**
 * The two senses of "in the past", never to be confused:
 * - `validOn`: business time. The case as it stood on that calendar date: only decisions
 *   taken on or before it count, whenever they were recorded.
 * - `asOf`: recorded time. What the system knew at that instant: decisions recorded after it
 *   are ignored, whatever date they carry.
 */
export interface PointInTime {
  readonly validOn?: LocalDate;
  readonly asOf?: string;
}

/** When the first event of a case was recorded, and by whom. */
export interface Registration {
  readonly registeredAt: string;
  readonly registeredBy: Actor;
}

export interface CaseAtPointInTime extends Registration {
  readonly state: LicenceCase;
  /** Revision of the last decision that counts. */
  readonly revision: number;
}

/**
 * Folds the decisions of a case that count at a point in time; undefined if none does.
 *
 * A decision builds on the ones before it in its stream, so it cannot take effect before them:
 * its effective date is the latest decision date so far. That keeps the fold a prefix of the
 * stream even when imported history carries business dates out of order.
 */
export function caseAt(
  history: readonly DecisionHistoryEntry[],
  at: PointInTime,
): CaseAtPointInTime | undefined {
  const asOf = at.asOf === undefined ? undefined : Date.parse(at.asOf);
  let state: LicenceState = undefined;
  let revision = -1;
  let effective: LocalDate | undefined;
  let registration: Registration | undefined;
  for (const entry of [...history].sort((a, b) => a.revision - b.revision)) {
    if (asOf !== undefined && Date.parse(entry.recordedAt) > asOf) break;
    effective =
      effective === undefined || compareDates(entry.decisionDate, effective) > 0
        ? entry.decisionDate
        : effective;
    if (at.validOn !== undefined && compareDates(effective, at.validOn) > 0) break;
    state = evolve(state, decodeLicenceEvent(entry.type, entry.schemaVersion, entry.payload, entry));
    revision = entry.revision;
    registration ??= { registeredAt: entry.recordedAt, registeredBy: entry.actor };
  }
  return state && registration ? { state, revision, ...registration } : undefined;
}

/**
 * One state of a case as `caseAt` can answer it: the fold of its first decisions up to `revision`.
 * `effectiveFrom` and `recordedFrom` are when that prefix starts to count (the latest decision
 * date and the latest recording instant among its decisions); the next version's are when it stops.
 */
export interface CaseVersion extends CaseAtPointInTime {
  readonly effectiveFrom: LocalDate;
  /** An instant in `toISOString()` form. */
  readonly recordedFrom: string;
}

/**
 * Every state `caseAt` can answer for the history, oldest first: `caseAt(history, at)` is the
 * last version whose `effectiveFrom` is on or before `at.validOn` and whose `recordedFrom` is at
 * or before `at.asOf` (each bound only when given), since both only grow along the stream.
 */
export function caseVersions(history: readonly DecisionHistoryEntry[]): CaseVersion[] {
  const versions: CaseVersion[] = [];
  let state: LicenceState = undefined;
  let effective: LocalDate | undefined;
  let recorded: number | undefined;
  let registration: Registration | undefined;
  for (const entry of [...history].sort((a, b) => a.revision - b.revision)) {
    effective =
      effective === undefined || compareDates(entry.decisionDate, effective) > 0
        ? entry.decisionDate
        : effective;
    const at = Date.parse(entry.recordedAt);
    recorded = recorded === undefined || at > recorded ? at : recorded;
    state = evolve(state, decodeLicenceEvent(entry.type, entry.schemaVersion, entry.payload, entry));
    registration ??= { registeredAt: entry.recordedAt, registeredBy: entry.actor };
    if (state === undefined) continue;
    versions.push({
      state,
      revision: entry.revision,
      ...registration,
      effectiveFrom: effective,
      recordedFrom: new Date(recorded).toISOString(),
    });
  }
  return versions;
}
