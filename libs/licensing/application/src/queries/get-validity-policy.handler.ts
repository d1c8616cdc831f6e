import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { applicableRule, judgeValidity, validUntilFor } from '@licences/licensing-domain';
import type {
  LegalMaximum,
  LocalDate,
  RowVerdict,
  RuleSource,
  ValidityPolicy,
  ValidityQuestion,
} from '@licences/licensing-domain';
import { VALIDITY_POLICY } from '../licence-command.executor';

export class GetValidityPolicyQuery implements IQuery {
  constructor(
    readonly question: ValidityQuestion,
    readonly on: LocalDate,
  ) {}
}

/** How one destination was judged: every row of the table, whether it matched and why. */
export interface DestinationValidity {
  readonly country: string;
  readonly months: number;
  readonly ruleId: string;
  readonly groups: readonly string[];
  readonly rows: readonly RowVerdict[];
}

export interface ValidityAnswer {
  readonly months: number;
  /** The last day of validity of a licence issued `on` that date (before any legal maximum's cap on extensions). */
  readonly validUntil: LocalDate;
  readonly ruleId: string;
  readonly policyVersion: string;
  readonly source: RuleSource;
  /** Every row that matched for any destination, in the order of the table. */
  readonly matchedRuleIds: readonly string[];
  /** Groups of the destination that decided (the least favourable). */
  readonly destinationGroups: readonly string[];
  /** The destination that decided: with several, the least favourable. */
  readonly decidingDestination: string;
  readonly destinations: readonly DestinationValidity[];
  readonly legalMaximum: LegalMaximum | null;
  readonly on: LocalDate;
}

/** Which validity period the policy gives a case decided on a given date. */
@QueryHandler(GetValidityPolicyQuery)
export class GetValidityPolicyHandler implements IQueryHandler<GetValidityPolicyQuery, ValidityAnswer> {
  constructor(@Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy) {}

  execute({ question, on }: GetValidityPolicyQuery): Promise<ValidityAnswer> {
    const rule = applicableRule(this.policy, question, on);
    const { decisive, destinations } = judgeValidity(this.policy, question, on);
    return Promise.resolve({
      months: rule.months,
      validUntil: validUntilFor(on, rule.months),
      ruleId: rule.ruleId,
      policyVersion: rule.policyVersion,
      source: rule.source,
      matchedRuleIds: rule.matchedRuleIds,
      destinationGroups: rule.countryFacts.groups,
      decidingDestination: decisive.country,
      destinations: destinations.map((d) => ({
        country: d.country,
        months: d.months,
        ruleId: d.ruleId,
        groups: d.countryFacts.groups,
        rows: d.rows,
      })),
      legalMaximum: rule.legalMaximum ?? null,
      on,
    });
  }
}
