import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { amsterdamDateOf, DomainError } from '@licences/licensing-domain';
import { LicenceRepository } from '../licence.repository';
import { licenceViewOf } from '../licence.view';
import type { LicenceView } from '../licence.view';
import { CLOCK } from '../ports/clock.port';
import type { Clock } from '../ports/clock.port';

export class GetLicenceQuery implements IQuery {
  constructor(readonly caseId: string) {}
}

/** The case as it stands today, folded from its stream. */
@QueryHandler(GetLicenceQuery)
export class GetLicenceHandler implements IQueryHandler<GetLicenceQuery, LicenceView> {
  constructor(
    private readonly repository: LicenceRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: GetLicenceQuery): Promise<LicenceView> {
    const { state, revision } = await this.repository.load(query.caseId);
    if (!state || revision === undefined)
      throw new DomainError('CASE_NOT_FOUND', 'not-found', `No case ${query.caseId}`);
    return licenceViewOf(state, revision, amsterdamDateOf(this.clock.now()));
  }
}
