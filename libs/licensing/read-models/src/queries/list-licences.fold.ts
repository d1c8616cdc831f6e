import { compareDates, isOnHold, isValidOn, statusOn } from '@licences/licensing-domain';
import type { LicenceCase, LocalDate } from '@licences/licensing-domain';
import { stableFilterOf } from '../read-model-store.port';
import type { LicenceFilter, LicenceSort, ReadModelStore } from '../read-model-store.port';
import { caseAt } from '../time-travel';
import type { CaseAtPointInTime, PointInTime } from '../time-travel';

/*
 * The listing at a point in time by folding every candidate's decision history: the meaning the
 * validity periods must keep. The handler answers from the periods (ReadModelStore.listCasesAt);
 * this fold stays as the reference that tests compare them with.
 */

/**
 * Whether a case as it stood matches the filters on what a case may change; the same meaning
 * as the SQL of the present listing, judged on the folded state instead of the stored columns.
 */
export function matchesChangingFilters(
  state: LicenceCase,
  filter: LicenceFilter,
  at: PointInTime,
  on: LocalDate,
): boolean {
  const { status, onHold, reassessmentRequested, revocationProposed, expiresFrom, expiresTo } = filter;
  if (onHold !== undefined && isOnHold(state) !== onHold) return false;
  if (
    reassessmentRequested !== undefined &&
    (state.reassessmentRequests ?? []).length > 0 !== reassessmentRequested
  ) {
    return false;
  }
  if (revocationProposed !== undefined && (state.revocationProposal !== undefined) !== revocationProposed) {
    return false;
  }
  if (expiresFrom !== undefined || expiresTo !== undefined) {
    const until = state.validUntil;
    if (until === undefined) return false;
    if (expiresFrom !== undefined && compareDates(until, expiresFrom) < 0) return false;
    if (expiresTo !== undefined && compareDates(until, expiresTo) > 0) return false;
  }
  return status !== undefined
    ? statusOn(state, on) === status
    : at.validOn === undefined || isValidOn(state, on);
}

/** Soonest end of validity first, cases without one last; a stable sort keeps registration order. */
function byExpiry(a: CaseAtPointInTime, b: CaseAtPointInTime): number {
  const [x, y] = [a.state.validUntil, b.state.validUntil];
  if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0);
  return compareDates(x, y);
}

/**
 * Every case matching `filter` as it stood at `at`, judged on `on`, in listing order: candidates
 * from the attributes a case never changes, each folded at the point in time, then filtered.
 */
export async function casesAtByFolding(
  readModels: ReadModelStore,
  filter: LicenceFilter,
  at: PointInTime,
  on: LocalDate,
  sort: LicenceSort,
): Promise<(CaseAtPointInTime & { readonly caseId: string })[]> {
  // Oldest registration first, then case id: the order findCaseIds answers in.
  const ids = await readModels.findCaseIds(stableFilterOf(filter), at.asOf);
  const histories = await readModels.historyOf(ids, at.asOf);
  const matching = ids.flatMap((id) => {
    const found = caseAt(histories.get(id) ?? [], at);
    return found && matchesChangingFilters(found.state, filter, at, on) ? [{ ...found, caseId: id }] : [];
  });
  if (sort === 'expiry') matching.sort(byExpiry);
  return matching;
}
