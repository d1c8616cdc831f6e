import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { VALIDITY_POLICY } from '@licences/licensing-application';
import { DomainError } from '@licences/licensing-domain';
import type { ValidityPolicy } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import { caseReplayView } from './replay.views';
import type { CaseReplayView } from './replay.views';

export class ReplayCaseQuery implements IQuery {
  constructor(readonly caseId: string) {}
}

/** Every step of one case with the state before and after, each decision re-checked. */
@QueryHandler(ReplayCaseQuery)
export class ReplayCaseHandler implements IQueryHandler<ReplayCaseQuery, CaseReplayView> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
  ) {}

  async execute({ caseId }: ReplayCaseQuery): Promise<CaseReplayView> {
    const entries = (await this.readModels.historyOf([caseId])).get(caseId) ?? [];
    if (entries.length === 0) throw new DomainError('CASE_NOT_FOUND', 'not-found', `No case ${caseId}`);
    return caseReplayView(caseId, entries, this.policy);
  }
}
