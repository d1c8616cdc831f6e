import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { applicableRule } from '@licences/licensing-domain';
import type { LocalDate, RuleSource, ValidityPolicy, ValidityQuestion } from '@licences/licensing-domain';
import { VALIDITY_POLICY } from '../licence-command.executor';

export class GetValidityPolicyQuery implements IQuery {
  constructor(
    readonly question: ValidityQuestion,
    readonly on: LocalDate,
  ) {}
}

export interface ValidityAnswer {
  readonly months: number;
  readonly ruleId: string;
  readonly policyVersion: string;
  readonly source: RuleSource;
  readonly matchedRuleIds: readonly string[];
  readonly destinationGroups: readonly string[];
  readonly on: LocalDate;
}

/** Which validity period the policy gives a case decided on a given date. */
@QueryHandler(GetValidityPolicyQuery)
export class GetValidityPolicyHandler implements IQueryHandler<GetValidityPolicyQuery, ValidityAnswer> {
  constructor(@Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy) {}

  execute({ question, on }: GetValidityPolicyQuery): Promise<ValidityAnswer> {
    const rule = applicableRule(this.policy, question, on);
    return Promise.resolve({
      months: rule.months,
      ruleId: rule.ruleId,
      policyVersion: rule.policyVersion,
      source: rule.source,
      matchedRuleIds: rule.matchedRuleIds,
      destinationGroups: rule.countryFacts.groups,
      on,
    });
  }
}
