import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import type { RevocationJustification } from '../read-model.rows';

export class GetRevocationQuery implements IQuery {
  constructor(
    readonly caseId: string,
    readonly asOf?: string,
  ) {}
}

/** Why a licence was revoked, on what evidence, by whom, and what the licence was at that moment. */
@QueryHandler(GetRevocationQuery)
export class GetRevocationHandler implements IQueryHandler<GetRevocationQuery, RevocationJustification> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ caseId, asOf }: GetRevocationQuery): Promise<RevocationJustification> {
    const revocation = await this.readModels.findRevocation(caseId);
    if (revocation && (asOf === undefined || Date.parse(revocation.recordedAt) <= Date.parse(asOf)))
      return revocation;
    const known = (await this.readModels.historyOf([caseId], asOf)).get(caseId)?.length;
    if (!known) throw new DomainError('CASE_NOT_FOUND', 'not-found', `No case ${caseId}`);
    throw new DomainError('NOT_REVOKED', 'not-found', `Licence ${caseId} has not been revoked`);
  }
}
