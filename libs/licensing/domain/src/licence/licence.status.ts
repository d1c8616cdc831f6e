import { compareDates } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type { LicenceCase, LicenceStatus } from './licence.state';

/*
 * What a case is on a calendar date, derived from its recorded state: expiry and suspension are
 * never recorded as statuses, they follow from the dates.
 */

/** True when `date` lies inside a suspension of the licence, ended or still in force. */
export function isSuspendedOn(state: LicenceCase, date: LocalDate): boolean {
  if (state.suspension && compareDates(state.suspension.suspendedOn, date) <= 0) return true;
  return (state.suspensions ?? []).some(
    (w) => compareDates(w.from, date) <= 0 && compareDates(date, w.until) <= 0,
  );
}

/** True while a hold is in force on the case. */
export function isOnHold(state: LicenceCase): boolean {
  return (state.holds ?? []).length > 0;
}

/**
 * The status of a case on a calendar date: an issued licence is expired on any day after
 * `validUntil`, and suspended on a day inside a suspension.
 */
export function statusOn(state: LicenceCase, date: LocalDate): LicenceStatus {
  if (state.status === 'issued' && state.validUntil && compareDates(date, state.validUntil) > 0)
    return 'expired';
  if (state.status === 'issued' && isSuspendedOn(state, date)) return 'suspended';
  return state.status;
}

/** True when the licence may be used for export on `date`: never inside a suspension. */
export function isValidOn(state: LicenceCase, date: LocalDate): boolean {
  if (state.status !== 'issued' && !(state.status === 'revoked')) return false;
  if (!state.validFrom || !state.validUntil) return false;
  if (compareDates(date, state.validFrom) < 0 || compareDates(date, state.validUntil) > 0) return false;
  if (isSuspendedOn(state, date)) return false;
  return (
    state.status === 'issued' || (state.closedOn !== undefined && compareDates(date, state.closedOn) < 0)
  );
}
