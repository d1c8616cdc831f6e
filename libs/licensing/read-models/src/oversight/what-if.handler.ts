import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { VALIDITY_POLICY } from '@licences/licensing-application';
import { POLICY_VARIANTS, whatIfComparison, whatIfForCase } from '@licences/licensing-domain';
import type {
  LocalDate,
  ValidityPolicy,
  WhatIfComparison,
  WhatIfLicence,
  WhatIfPolicyName,
} from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import { allCaseHistories, replayInputOf } from './case-histories';

export class WhatIfQuery implements IQuery {
  constructor(
    readonly policy: WhatIfPolicyName,
    readonly from: LocalDate,
    readonly to: LocalDate,
  ) {}
}

/** The licences issued in a period replayed under a policy variant; records nothing. */
@QueryHandler(WhatIfQuery)
export class WhatIfHandler implements IQueryHandler<WhatIfQuery, WhatIfComparison> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
  ) {}

  async execute({ policy, from, to }: WhatIfQuery): Promise<WhatIfComparison> {
    const variant = POLICY_VARIANTS[policy];
    const licences: WhatIfLicence[] = [];
    for await (const [, entries] of allCaseHistories(this.readModels)) {
      const events = [...entries].sort((a, b) => a.revision - b.revision).map((e) => replayInputOf(e).event);
      const licence = whatIfForCase(events, variant, { from, to }, this.policy);
      if (licence) licences.push(licence);
    }
    licences.sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.caseId.localeCompare(b.caseId));
    return whatIfComparison(variant, { from, to }, licences);
  }
}
