import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { CLOCK } from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { amsterdamDateOf } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { LicenceFilter, LicenceSort, ReadModelStore } from '../read-model-store.port';
import { caseAt } from '../time-travel';
import type { PointInTime } from '../time-travel';
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
 * Lists cases. The present is answered by SQL on the validity model. The past is answered by SQL
 * on the validity periods (each case's states as time travel folds them, cut into date segments
 * of one status): status, validity and the other changing filters judged at the point in time
 * asked select one page, and only that page's cases are folded from their histories into views.
 * With `validOn` and no status filter, the list is "which licences were valid on that date".
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
    const { caseIds, total } = await this.readModels.listCasesAt(
      filter,
      at,
      on,
      { offset, limit: pageSize },
      sort,
    );
    const histories = await this.readModels.historyOf(caseIds, at.asOf);
    const items = caseIds.map((id) => {
      const found = caseAt(histories.get(id) ?? [], at);
      // The periods and the history are one projection's tables, read apart: never expected.
      if (!found) throw new Error(`Case ${id} is listed at a point in time its history does not reach`);
      return readViewOf(found.state, found.revision, on, found, at.asOf);
    });
    return { items, total, page, pageSize };
  }
}
