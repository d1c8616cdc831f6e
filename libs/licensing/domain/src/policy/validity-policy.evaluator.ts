import { countryGroupsOn } from '../countries';
import type { CountryGroupFacts } from '../countries';
import type { ExportType, GoodsCategory, LicenceKind } from '../licence/licence.values';
import { addDays, addMonths, compareDates } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type { RuleEffect, RuleSource, ValidityPolicy, ValidityRule } from './validity-policy';

export interface ValidityQuestion {
  /** ISO 3166-1 alpha-2 codes; at least one. */
  readonly destinations: readonly string[];
  readonly goodsCategory: GoodsCategory;
  readonly kind: LicenceKind;
  readonly afterSales: boolean;
  readonly exportType: ExportType;
  readonly firearmsAct: boolean;
}

/** How one destination of a decision was judged. */
export interface DestinationRule {
  readonly country: string;
  readonly ruleId: string;
  readonly months: number;
  readonly matchedRuleIds: readonly string[];
  readonly countryFacts: CountryGroupFacts;
}

/** A ceiling set by law on the whole validity, extensions included. */
export interface LegalMaximum {
  readonly ruleId: string;
  readonly months: number;
  readonly source: RuleSource;
}

/** The rule a decision applied, recorded in the event so that the decision can be re-checked. */
export interface AppliedRule {
  readonly ruleId: string;
  readonly policyId: string;
  /** The policy as in force on the decision date: `<policy id>@<date of its latest row change>`. */
  readonly policyVersion: string;
  readonly months: number;
  readonly source: RuleSource;
  /** Every rule that matched, for any destination, in the order of the table. */
  readonly matchedRuleIds: readonly string[];
  /** Country-group membership, on the decision date, of the destination that decided. */
  readonly countryFacts: CountryGroupFacts;
  /** Each destination as judged; absent in decisions recorded before cases had several. */
  readonly destinations?: readonly DestinationRule[];
  /** The legal maximum in force on the decision date, where one applies. */
  readonly legalMaximum?: LegalMaximum;
}

/** Why a row of the table did or did not apply to one destination. */
export interface RowVerdict {
  readonly ruleId: string;
  readonly effect: RuleEffect;
  readonly months: number;
  readonly inForce: boolean;
  readonly matched: boolean;
  /**
   * `decided`: this row set the period; `outweighed`: a candidate that a longer one beat;
   * `not-binding`: a ceiling no shorter than the period; `not-applicable`: out of force or scope.
   */
  readonly role: 'decided' | 'outweighed' | 'not-binding' | 'not-applicable';
  readonly reasons: readonly string[];
}

export interface DestinationJudgement extends DestinationRule {
  readonly rows: readonly RowVerdict[];
  readonly legalMaximum?: LegalMaximum;
  readonly source: RuleSource;
}

function inForce(rule: ValidityRule, on: LocalDate): boolean {
  if (rule.inForceFrom && compareDates(on, rule.inForceFrom) < 0) return false;
  if (rule.inForceUntil && compareDates(on, rule.inForceUntil) > 0) return false;
  return true;
}

function forceReason(rule: ValidityRule, on: LocalDate): string {
  if (rule.inForceFrom && compareDates(on, rule.inForceFrom) < 0)
    return `in force only from ${rule.inForceFrom}`;
  if (rule.inForceUntil && compareDates(on, rule.inForceUntil) > 0)
    return `in force only until ${rule.inForceUntil}`;
  return rule.inForceFrom ? `in force since ${rule.inForceFrom}` : 'always in force';
}

const yes = (ok: boolean, reason: string) => ({ ok, reason });

/** Every scope condition of a row with whether it holds for one destination, in words. */
function scopeChecks(rule: ValidityRule, q: ValidityQuestion, country: string, facts: CountryGroupFacts) {
  const { scope } = rule;
  const checks: { ok: boolean; reason: string }[] = [];
  if (scope.kinds)
    checks.push(
      yes(
        scope.kinds.includes(q.kind),
        `kind ${q.kind} ${scope.kinds.includes(q.kind) ? 'is' : 'is not'} ${scope.kinds.join(' or ')}`,
      ),
    );
  if (scope.goodsCategories) {
    const ok = scope.goodsCategories.includes(q.goodsCategory);
    checks.push(
      yes(ok, `goods ${q.goodsCategory} ${ok ? 'are' : 'are not'} ${scope.goodsCategories.join(' or ')}`),
    );
  }
  if (scope.afterSales !== undefined) {
    const ok = scope.afterSales === q.afterSales;
    checks.push(yes(ok, `${q.afterSales ? 'an' : 'not an'} after-sales licence`));
  }
  if (scope.exportTypes) {
    const ok = scope.exportTypes.includes(q.exportType);
    checks.push(yes(ok, `a ${q.exportType} export`));
  }
  if (scope.firearmsAct !== undefined) {
    const ok = scope.firearmsAct === q.firearmsAct;
    checks.push(
      yes(
        ok,
        q.firearmsAct ? 'partly under the Wet wapens en munitie' : 'not under the Wet wapens en munitie',
      ),
    );
  }
  if (scope.exceptCountries) {
    const ok = !scope.exceptCountries.includes(country);
    checks.push(
      yes(
        ok,
        ok ? `${country} is not excepted (${scope.exceptCountries.join(', ')})` : `${country} is excepted`,
      ),
    );
  }
  if (scope.destinationGroups) {
    const held = scope.destinationGroups.filter((g) => facts.groups.includes(g));
    checks.push(
      yes(
        held.length > 0,
        held.length > 0
          ? `${country} is in ${held.join(', ')} on ${facts.on}`
          : `${country} is in none of ${scope.destinationGroups.join(', ')} on ${facts.on}`,
      ),
    );
  }
  return checks;
}

/** Version label of the policy as in force on a date: the latest row change on or before it. */
export function policyVersionOn(policy: ValidityPolicy, on: LocalDate): string {
  const changes = policy.rules
    .flatMap((r) => [r.inForceFrom, r.inForceUntil ? addDays(r.inForceUntil, 1) : undefined])
    .filter((d): d is LocalDate => d !== undefined && compareDates(d, on) <= 0)
    .sort(compareDates);
  return `${policy.id}@${changes.at(-1) ?? 'initial'}`;
}

const shortest = (rows: readonly ValidityRule[]) =>
  rows.reduce<ValidityRule | undefined>(
    (min, r) => (min === undefined || r.months < min.months ? r : min),
    undefined,
  );

/**
 * One destination judged on its own: of the period rows in force that match, the longest wins
 * (on a tie the earlier row of the table); a matching limit or legal maximum shorter than that
 * takes its place.
 */
export function judgeDestination(
  policy: ValidityPolicy,
  question: ValidityQuestion,
  country: string,
  decisionDate: LocalDate,
): DestinationJudgement {
  const facts = countryGroupsOn(country, decisionDate);
  const judged = policy.rules.map((rule) => {
    const force = inForce(rule, decisionDate);
    const checks = scopeChecks(rule, question, country, facts);
    const matched = force && checks.every((c) => c.ok);
    const reasons = [
      forceReason(rule, decisionDate),
      ...(force ? checks : checks.filter((c) => !c.ok)).map((c) => c.reason),
    ];
    return { rule, force, matched, reasons };
  });
  const matched = judged.filter((j) => j.matched).map((j) => j.rule);
  const period = matched
    .filter((r) => r.effect === 'period')
    .reduce<ValidityRule | undefined>(
      (best, r) => (best === undefined || r.months > best.months ? r : best),
      undefined,
    );
  if (!period)
    throw new Error(
      `Policy ${policy.id} has no rule for ${JSON.stringify(question)} to ${country} on ${decisionDate}`,
    );
  const limit = shortest(matched.filter((r) => r.effect === 'limit'));
  const maximum = shortest(matched.filter((r) => r.effect === 'legal-maximum'));
  let decider = period;
  if (limit && limit.months < decider.months) decider = limit;
  if (maximum && maximum.months < decider.months) decider = maximum;
  const rows: RowVerdict[] = judged.map(({ rule, force, matched: hit, reasons }) => ({
    ruleId: rule.id,
    effect: rule.effect,
    months: rule.months,
    inForce: force,
    matched: hit,
    role: !hit
      ? 'not-applicable'
      : rule === decider
        ? 'decided'
        : rule.effect === 'period'
          ? 'outweighed'
          : 'not-binding',
    reasons,
  }));
  return {
    country,
    ruleId: decider.id,
    months: decider.months,
    source: decider.source,
    matchedRuleIds: matched.map((r) => r.id),
    countryFacts: facts,
    rows,
    ...(maximum
      ? { legalMaximum: { ruleId: maximum.id, months: maximum.months, source: maximum.source } }
      : {}),
  };
}

/** Each destination judged, and the least favourable of them (the first on a tie). */
export function judgeValidity(
  policy: ValidityPolicy,
  question: ValidityQuestion,
  decisionDate: LocalDate,
): { readonly decisive: DestinationJudgement; readonly destinations: readonly DestinationJudgement[] } {
  if (question.destinations.length === 0)
    throw new Error('A validity question names at least one destination');
  const destinations = question.destinations.map((country) =>
    judgeDestination(policy, question, country, decisionDate),
  );
  const decisive = destinations.reduce((worst, d) => (d.months < worst.months ? d : worst));
  return { decisive, destinations };
}

/**
 * The validity rule that applies to a case decided on `decisionDate`: per destination the rows
 * in force that match (see judgeDestination); over several destinations the least favourable.
 */
export function applicableRule(
  policy: ValidityPolicy,
  question: ValidityQuestion,
  decisionDate: LocalDate,
): AppliedRule {
  const { decisive, destinations } = judgeValidity(policy, question, decisionDate);
  const matchedIds = new Set(destinations.flatMap((d) => d.matchedRuleIds));
  return {
    ruleId: decisive.ruleId,
    policyId: policy.id,
    policyVersion: policyVersionOn(policy, decisionDate),
    months: decisive.months,
    source: decisive.source,
    matchedRuleIds: policy.rules.filter((r) => matchedIds.has(r.id)).map((r) => r.id),
    countryFacts: decisive.countryFacts,
    destinations: destinations.map(({ country, ruleId, months, matchedRuleIds, countryFacts }) => ({
      country,
      ruleId,
      months,
      matchedRuleIds,
      countryFacts,
    })),
    ...(decisive.legalMaximum ? { legalMaximum: decisive.legalMaximum } : {}),
  };
}

/** Last day (inclusive) of a period of `months` starting on `validFrom`: validFrom + months - 1 day. */
export function validUntilFor(validFrom: LocalDate, months: number): LocalDate {
  return addDays(addMonths(validFrom, months), -1);
}

/** The last day the legal maximum of a rule allows for a licence valid from `validFrom`; undefined without one. */
export function legalMaximumUntil(
  rule: Pick<AppliedRule, 'legalMaximum'>,
  validFrom: LocalDate,
): LocalDate | undefined {
  return rule.legalMaximum ? validUntilFor(validFrom, rule.legalMaximum.months) : undefined;
}
