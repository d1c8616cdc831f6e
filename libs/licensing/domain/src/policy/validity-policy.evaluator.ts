import { countryGroupsOn } from '../countries';
import type { CountryGroupFacts } from '../countries';
import type { GoodsCategory, LicenceKind } from '../licence/licence.values';
import { addDays, addMonths, compareDates } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type { RuleSource, ValidityPolicy, ValidityRule } from './validity-policy';

export interface ValidityQuestion {
  readonly destination: string;
  readonly goodsCategory: GoodsCategory;
  readonly kind: LicenceKind;
  readonly afterSales: boolean;
}

/** The rule a decision applied, recorded in the event so that the decision can be re-checked. */
export interface AppliedRule {
  readonly ruleId: string;
  readonly policyId: string;
  /** The policy as in force on the decision date: `<policy id>@<date of its latest row change>`. */
  readonly policyVersion: string;
  readonly months: number;
  readonly source: RuleSource;
  /** Every rule that matched; the longest period won. */
  readonly matchedRuleIds: readonly string[];
  /** Country-group membership of the destination on the decision date, as relied on. */
  readonly countryFacts: CountryGroupFacts;
}

function inForce(rule: ValidityRule, on: LocalDate): boolean {
  if (rule.inForceFrom && compareDates(on, rule.inForceFrom) < 0) return false;
  if (rule.inForceUntil && compareDates(on, rule.inForceUntil) > 0) return false;
  return true;
}

function matches(rule: ValidityRule, question: ValidityQuestion, facts: CountryGroupFacts): boolean {
  const { scope } = rule;
  if (scope.kinds && !scope.kinds.includes(question.kind)) return false;
  if (scope.goodsCategories && !scope.goodsCategories.includes(question.goodsCategory)) return false;
  if (scope.afterSales !== undefined && scope.afterSales !== question.afterSales) return false;
  if (scope.exceptCountries?.includes(question.destination)) return false;
  if (scope.destinationGroups && !scope.destinationGroups.some((g) => facts.groups.includes(g))) return false;
  return true;
}

/** Version label of the policy as in force on a date: the latest row change on or before it. */
export function policyVersionOn(policy: ValidityPolicy, on: LocalDate): string {
  const changes = policy.rules
    .flatMap((r) => [r.inForceFrom, r.inForceUntil ? addDays(r.inForceUntil, 1) : undefined])
    .filter((d): d is LocalDate => d !== undefined && compareDates(d, on) <= 0)
    .sort(compareDates);
  return `${policy.id}@${changes.at(-1) ?? 'initial'}`;
}

/**
 * The validity rule that applies to a case decided on `decisionDate`: every rule in force that
 * day whose scope matches; the longest period wins, and on a tie the earlier row of the table.
 */
export function applicableRule(
  policy: ValidityPolicy,
  question: ValidityQuestion,
  decisionDate: LocalDate,
): AppliedRule {
  const facts = countryGroupsOn(question.destination, decisionDate);
  const candidates = policy.rules.filter((r) => inForce(r, decisionDate) && matches(r, question, facts));
  const winner = candidates.reduce<ValidityRule | undefined>(
    (best, r) => (best === undefined || r.months > best.months ? r : best),
    undefined,
  );
  if (!winner)
    throw new Error(`Policy ${policy.id} has no rule for ${JSON.stringify(question)} on ${decisionDate}`);
  return {
    ruleId: winner.id,
    policyId: policy.id,
    policyVersion: policyVersionOn(policy, decisionDate),
    months: winner.months,
    source: winner.source,
    matchedRuleIds: candidates.map((r) => r.id),
    countryFacts: facts,
  };
}

/** Last day (inclusive) of a period of `months` starting on `validFrom`: validFrom + months - 1 day. */
export function validUntilFor(validFrom: LocalDate, months: number): LocalDate {
  return addDays(addMonths(validFrom, months), -1);
}
