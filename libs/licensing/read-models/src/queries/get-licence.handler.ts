import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { CLOCK } from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { amsterdamDateOf, DomainError } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import { caseAt } from '../time-travel';
import type { PointInTime } from '../time-travel';
import { readViewOf } from './licence-read.view';
import type { LicenceReadView } from './licence-read.view';

export class GetLicenceQuery implements IQuery {
  constructor(
    readonly caseId: string,
    readonly at: PointInTime = {},
  ) {}
}

/** The date a query evaluates status on: the business date asked, else the day of `asOf`, else today. */
export function evaluationDate(at: PointInTime, clock: Clock) {
  return at.validOn ?? amsterdamDateOf(at.asOf !== undefined ? new Date(at.asOf) : clock.now());
}

const notFound = (caseId: string, at: PointInTime) =>
  new DomainError(
    'CASE_NOT_FOUND',
    'not-found',
    at.validOn || at.asOf ? `No case ${caseId} at that point in time` : `No case ${caseId}`,
  );

/** One case from the validity model, or from its decision history when asked about the past. */
@QueryHandler(GetLicenceQuery)
export class GetLicenceHandler implements IQueryHandler<GetLicenceQuery, LicenceReadView> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, at }: GetLicenceQuery): Promise<LicenceReadView> {
    const on = evaluationDate(at, this.clock);
    if (at.validOn === undefined && at.asOf === undefined) {
      const row = await this.readModels.findValidity(caseId);
      if (!row) throw notFound(caseId, at);
      return readViewOf(row.state, row.revision, on, row);
    }
    const history = (await this.readModels.historyOf([caseId], at.asOf)).get(caseId) ?? [];
    const found = caseAt(history, at);
    if (!found) throw notFound(caseId, at);
    return readViewOf(found.state, found.revision, on, found, at.asOf);
  }
}
