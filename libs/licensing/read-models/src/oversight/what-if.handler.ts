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
import { periodCaseHistories, replayInputOf } from './case-histories';
import { onePage } from './replay-decisions.handler';
import type { PageAsked } from './replay-decisions.handler';

export class WhatIfQuery implements IQuery {
  constructor(
    readonly policy: WhatIfPolicyName,
    readonly from: LocalDate,
    readonly to: LocalDate,
    /** Absent: every licence of the period, answered as before there was paging. */
    readonly paging?: PageAsked,
  ) {}
}

/** The comparison; with a page asked, `licences` is that page and `matching` counts them all. */
export type WhatIfAnswer = WhatIfComparison & {
  readonly matching?: number;
  readonly page?: number;
  readonly pageSize?: number;
};

/** The licences issued in a period replayed under a policy variant; records nothing. */
@QueryHandler(WhatIfQuery)
export class WhatIfHandler implements IQueryHandler<WhatIfQuery, WhatIfAnswer> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
  ) {}

  async execute({ policy, from, to, paging }: WhatIfQuery): Promise<WhatIfAnswer> {
    const variant = POLICY_VARIANTS[policy];
    const licences: WhatIfLicence[] = [];
    // Only cases issued in the period can give a licence: the variant selects by the date.
    for await (const [, entries] of periodCaseHistories(this.readModels, { from, to, types: ['Issued'] })) {
      const events = [...entries].sort((a, b) => a.revision - b.revision).map((e) => replayInputOf(e).event);
      const licence = whatIfForCase(events, variant, { from, to }, this.policy);
      if (licence) licences.push(licence);
    }
    licences.sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.caseId.localeCompare(b.caseId));
    // The totals are counted over the whole period before the page is cut from it.
    const whole = whatIfComparison(variant, { from, to }, licences);
    if (!paging) return whole;
    return {
      ...whole,
      licences: onePage(whole.licences, paging),
      matching: whole.licences.length,
      page: paging.page,
      pageSize: paging.pageSize,
    };
  }
}
