import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { CLOCK } from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { amsterdamDateOf, compareDates, isOnHold, isValidOn, statusOn } from '@licences/licensing-domain';
import type { LicenceCase, LocalDate } from '@licences/licensing-domain';
import { READ_MODEL_STORE, stableFilterOf } from '../read-model-store.port';
import type { LicenceFilter, LicenceSort, ReadModelStore } from '../read-model-store.port';
import { caseAt } from '../time-travel';
import type { CaseAtPointInTime, PointInTime } from '../time-travel';
import { evaluationDate } from './get-licence.handler';
import { readViewOf } from './licence-read.view';
import type { LicenceReadView } from './licence-read.view';

export class ListLicencesQuery implements IQuery {
  constructor(
    readonly filter: LicenceFilter,
    readonly at: PointInTime,
    readonly page: number,
    readonly pageSize: number,
    readonly sort: LicenceSort = 'registered',
  ) {}
}

export interface LicencePage {
  readonly items: LicenceReadView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Whether a case as it stood matches the filters on what a case may change; the same meaning
 * as the SQL of the present listing, judged on the folded state instead of the stored columns.
 */
function matchesChangingFilters(state: LicenceCase, filter: LicenceFilter, at: PointInTime, on: LocalDate) {
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
 * Lists cases. The present is answered by SQL on the validity model. The past is answered by
 * folding each candidate's decision history: candidates come from the attributes a case never
 * changes, and only then are status, validity and the other changing filters judged at the
 * point in time asked. With `validOn` and no status filter, the list is "which licences were
 * valid on that date".
 */
@QueryHandler(ListLicencesQuery)
export class ListLicencesHandler implements IQueryHandler<ListLicencesQuery, LicencePage> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, at, page, pageSize, sort }: ListLicencesQuery): Promise<LicencePage> {
    const offset = (page - 1) * pageSize;
    if (at.validOn === undefined && at.asOf === undefined) {
      const today = amsterdamDateOf(this.clock.now());
      const { rows, total } = await this.readModels.listValidity(
        filter,
        today,
        { offset, limit: pageSize },
        sort,
      );
      return {
        items: rows.map((row) => readViewOf(row.state, row.revision, today, row)),
        total,
        page,
        pageSize,
      };
    }
    const on = evaluationDate(at, this.clock);
    // Oldest registration first, then case id: the order findCaseIds answers in.
    const ids = await this.readModels.findCaseIds(stableFilterOf(filter), at.asOf);
    const histories = await this.readModels.historyOf(ids, at.asOf);
    const matching = ids.flatMap((id) => {
      const found = caseAt(histories.get(id) ?? [], at);
      return found && matchesChangingFilters(found.state, filter, at, on) ? [found] : [];
    });
    if (sort === 'expiry') matching.sort(byExpiry);
    const items = matching
      .slice(offset, offset + pageSize)
      .map((found) => readViewOf(found.state, found.revision, on, found, at.asOf));
    return { items, total: matching.length, page, pageSize };
  }
}
