import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import type { DecisionHistoryEntry } from '../read-model.rows';

export class GetLicenceHistoryQuery implements IQuery {
  constructor(
    readonly caseId: string,
    readonly asOf?: string,
  ) {}
}

export interface LicenceHistory {
  readonly id: string;
  readonly decisions: Omit<DecisionHistoryEntry, 'caseId'>[];
}

/** Every decision on a case in order: who, when (business and recorded time), under which rule, and why. */
@QueryHandler(GetLicenceHistoryQuery)
export class GetLicenceHistoryHandler implements IQueryHandler<GetLicenceHistoryQuery, LicenceHistory> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ caseId, asOf }: GetLicenceHistoryQuery): Promise<LicenceHistory> {
    const entries = (await this.readModels.historyOf([caseId], asOf)).get(caseId) ?? [];
    if (entries.length === 0) throw new DomainError('CASE_NOT_FOUND', 'not-found', `No case ${caseId}`);
    return { id: caseId, decisions: entries.map(({ caseId: _caseId, ...decision }) => decision) };
  }
}
