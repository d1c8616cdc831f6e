import { addDays, compareDates, FIRST_LOCAL_DATE, LAST_LOCAL_DATE } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type { LicenceCase, LicenceStatus } from './licence.state';
import { isValidOn, statusOn } from './licence.status';

/**
 * The days from `from` (inclusive) to `until` (exclusive; open-ended when absent) on which a case,
 * in one recorded state, has one status and one validity.
 */
export interface StatusSegment {
  readonly from: LocalDate;
  readonly until?: LocalDate;
  readonly status: LicenceStatus;
  readonly valid: boolean;
}

/**
 * `statusOn` and `isValidOn` of one state as functions of the evaluation date: both are piecewise
 * constant, changing only on the dates the state names (start and end of validity, suspensions,
 * closure). Segments cover the whole calendar, in order, adjacent ones always differing, so that
 * a store can find a case's status on any date with one range lookup instead of a fold.
 */
export function statusSegments(state: LicenceCase): StatusSegment[] {
  const starts = new Set<LocalDate>([FIRST_LOCAL_DATE]);
  // A day after the last of the calendar starts nothing: no date lies there to evaluate.
  const startAfter = (date: LocalDate) => {
    if (compareDates(date, LAST_LOCAL_DATE) < 0) starts.add(addDays(date, 1));
  };
  if (state.validFrom) starts.add(state.validFrom);
  if (state.validUntil) startAfter(state.validUntil);
  if (state.closedOn) starts.add(state.closedOn);
  if (state.suspension) starts.add(state.suspension.suspendedOn);
  for (const window of state.suspensions ?? []) {
    starts.add(window.from);
    startAfter(window.until);
  }
  const ordered = [...starts].sort(compareDates);
  const segments: StatusSegment[] = [];
  ordered.forEach((from, i) => {
    const until = ordered[i + 1];
    const status = statusOn(state, from);
    const valid = isValidOn(state, from);
    const previous = segments.at(-1);
    // The same on both sides of a start: one segment, which now ends where this one would.
    const start = previous && previous.status === status && previous.valid === valid ? previous.from : from;
    if (start !== from) segments.pop();
    segments.push({ from: start, ...(until !== undefined && { until }), status, valid });
  });
  return segments;
}
