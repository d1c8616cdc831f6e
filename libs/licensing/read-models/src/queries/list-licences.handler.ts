import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { CLOCK } from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { amsterdamDateOf, isOnHold, isValidOn, statusOn } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { LicenceFilter, ReadModelStore } from '../read-model-store.port';
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
  ) {}
}

export interface LicencePage {
  readonly items: LicenceReadView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Lists cases. The present is answered by SQL on the validity model. The past is answered by
 * folding each candidate's decision history: candidates come from the attributes a case never
 * changes, and only then are status and validity judged at the point in time asked. With
 * `validOn` and no status filter, the list is "which licences were valid on that date".
 */
@QueryHandler(ListLicencesQuery)
export class ListLicencesHandler implements IQueryHandler<ListLicencesQuery, LicencePage> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, at, page, pageSize }: ListLicencesQuery): Promise<LicencePage> {
    const offset = (page - 1) * pageSize;
    if (at.validOn === undefined && at.asOf === undefined) {
      const today = amsterdamDateOf(this.clock.now());
      const { rows, total } = await this.readModels.listValidity(filter, today, { offset, limit: pageSize });
      return { items: rows.map((row) => readViewOf(row.state, row.revision, today)), total, page, pageSize };
    }
    const on = evaluationDate(at, this.clock);
    const { status, onHold, ...stable } = filter;
    const ids = await this.readModels.findCaseIds(stable, at.asOf);
    const histories = await this.readModels.historyOf(ids, at.asOf);
    const matching = ids.flatMap((id) => {
      const found = caseAt(histories.get(id) ?? [], at);
      if (!found) return [];
      if (onHold !== undefined && isOnHold(found.state) !== onHold) return [];
      if (
        status !== undefined
          ? statusOn(found.state, on) !== status
          : at.validOn !== undefined && !isValidOn(found.state, on)
      ) {
        return [];
      }
      return [readViewOf(found.state, found.revision, on, at.asOf)];
    });
    return { items: matching.slice(offset, offset + pageSize), total: matching.length, page, pageSize };
  }
}
