import { COUNTRY_GROUP_MEMBERSHIPS } from '../countries';
import type { CountryGroup } from '../countries';
import type { Extended, Issued, LicenceEvent } from '../licence/licence.events';
import type { LicenceCase } from '../licence/licence.state';
import type { ValidityPolicy } from '../policy/validity-policy';
import { applicableRule, legalMaximumUntil, validUntilFor } from '../policy/validity-policy.evaluator';
import type { AppliedRule, ValidityQuestion } from '../policy/validity-policy.evaluator';
import { policyVersions } from '../policy/policy-versions';
import { validityQuestionOf } from '../licence/licence.values';
import { compareDates, daysBetween, minDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';

/**
 * Re-checking a recorded decision against the policy in force on its decision date. Imported
 * history was not decided by this system's decider, so nothing it records is taken on trust:
 * the rule, the period and the country-group facts are all recomputed and compared.
 */

/** `deviation`: the decision gave more than, or relied on something other than, the rules. `note`: allowed, but worth seeing. */
export type FindingSeverity = 'deviation' | 'note';

export const FINDING_SEVERITY = {
  VALIDITY_LONGER_THAN_RULE: 'deviation',
  // The policy sets a maximum: an assessor may give a shorter period.
  VALIDITY_SHORTER_THAN_RULE: 'note',
  VALID_FROM_BEFORE_DECISION_DATE: 'deviation',
  EXTENSION_NOT_LATER: 'deviation',
  RULE_NOT_RECORDED: 'deviation',
  RULE_MISMATCH: 'deviation',
  // The same period under another row's name: the outcome holds, the stated basis differs
  // (a decision recorded before the table named that row, for instance).
  RULE_BASIS_DIFFERS: 'note',
  POLICY_VERSION_MISMATCH: 'deviation',
  // The label of an earlier version whose rows give this case the same rule and period.
  POLICY_VERSION_LABEL_OUTDATED: 'note',
  MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE: 'deviation',
  // A fact left out can only have shortened the period, which VALIDITY_SHORTER_THAN_RULE shows.
  MEMBERSHIP_FACT_NOT_RECORDED: 'note',
  TRANSITION_NOT_ALLOWED: 'deviation',
  // The decider refuses a decision on a held case; only imported history can hold one.
  DECIDED_WHILE_ON_HOLD: 'deviation',
  // Allowed before the four-eyes rule (imported history, schema v1), but oversight should see it.
  REVOCATION_BY_ONE_OFFICIAL: 'note',
} as const satisfies Record<string, FindingSeverity>;

export type FindingCode = keyof typeof FINDING_SEVERITY;

export type FindingValue = string | number | readonly string[] | null;

export interface RecheckFinding {
  readonly code: FindingCode;
  readonly severity: FindingSeverity;
  /** What was compared, named as in the event's payload. */
  readonly field: string;
  readonly recorded: FindingValue;
  readonly expected: FindingValue;
  readonly message: string;
}

/** What a decision says, or what the rules give, on the points a re-check compares. */
export interface DecisionTerms {
  readonly ruleId: string | null;
  readonly months: number | null;
  readonly policyVersion: string | null;
  readonly validUntil: LocalDate;
  readonly countryGroups: readonly CountryGroup[];
}

export interface DecisionRecheck {
  readonly decisionDate: LocalDate;
  readonly recorded: DecisionTerms;
  /** For an issue the period from its validFrom; for an extension the furthest end the rule allowed. */
  readonly expected: DecisionTerms & { readonly matchedRuleIds: readonly string[] };
  readonly findings: readonly RecheckFinding[];
}

export type RecheckedDecision = Issued | Extended;

export function isRecheckedDecision(event: LicenceEvent): event is RecheckedDecision {
  return event.type === 'Issued' || event.type === 'Extended';
}

export function finding(
  code: FindingCode,
  field: string,
  recorded: FindingValue,
  expected: FindingValue,
  message: string,
): RecheckFinding {
  return { code, severity: FINDING_SEVERITY[code], field, recorded, expected, message };
}

/** Why `country` was not in `group` on `on`: not yet a member, or no longer one. */
function membershipGap(country: string, group: CountryGroup, on: LocalDate): string {
  const rowsOf = (g: CountryGroup) =>
    COUNTRY_GROUP_MEMBERSHIPS.filter((m) => m.country === country && m.group === g);
  // NATO+ holds for every NATO member without a row of its own (see countryGroupsOn).
  const derived = group === 'NATO+' && rowsOf('NATO+').length === 0;
  const rows = rowsOf(derived ? 'NATO' : group);
  const via = derived ? ' (NATO+ through NATO)' : '';
  const later = rows.find((m) => compareDates(m.from, on) > 0);
  if (later) return `${country} joined ${derived ? 'NATO' : group} only on ${later.from}${via}`;
  const ended = rows.find((m) => m.until !== undefined && compareDates(m.until, on) < 0);
  if (ended?.until) return `${country} left ${derived ? 'NATO' : group} on ${ended.until}${via}`;
  return `${country} was not in ${group}`;
}

function periodFindings(event: RecheckedDecision, before: LicenceCase, expectedUntil: LocalDate) {
  const { decisionDate, validUntil } = event.data;
  const out: RecheckFinding[] = [];
  const what = event.type === 'Issued' ? 'Valid until' : 'Extended until';
  const limit = event.type === 'Issued' ? 'the period the rule gives' : 'the furthest end the rule allows';
  const gap = daysBetween(expectedUntil, validUntil);
  if (gap > 0) {
    out.push(
      finding(
        'VALIDITY_LONGER_THAN_RULE',
        'validUntil',
        validUntil,
        expectedUntil,
        `${what} ${validUntil}: ${gap} days beyond ${expectedUntil}, ${limit} in force on ${decisionDate}`,
      ),
    );
  } else if (gap < 0) {
    out.push(
      finding(
        'VALIDITY_SHORTER_THAN_RULE',
        'validUntil',
        validUntil,
        expectedUntil,
        `${what} ${validUntil}: ${-gap} days short of ${expectedUntil}, ${limit}; a shorter period is allowed`,
      ),
    );
  }
  if (event.type === 'Issued' && compareDates(event.data.validFrom, decisionDate) < 0) {
    out.push(
      finding(
        'VALID_FROM_BEFORE_DECISION_DATE',
        'validFrom',
        event.data.validFrom,
        decisionDate,
        `Valid from ${event.data.validFrom}, before the decision was taken on ${decisionDate}`,
      ),
    );
  }
  if (event.type === 'Extended' && before.validUntil && compareDates(validUntil, before.validUntil) <= 0) {
    out.push(
      finding(
        'EXTENSION_NOT_LATER',
        'validUntil',
        validUntil,
        before.validUntil,
        `The extension ends on ${validUntil}, not after the end of validity it extended (${before.validUntil})`,
      ),
    );
  }
  return out;
}

function basisFindings(recorded: AppliedRule, expected: AppliedRule, on: LocalDate): RecheckFinding[] {
  if (recorded.months !== expected.months) {
    return [
      finding(
        'RULE_MISMATCH',
        'rule',
        `${recorded.ruleId} (${recorded.months} months)`,
        `${expected.ruleId} (${expected.months} months)`,
        `The decision applied ${recorded.ruleId} (${recorded.months} months); on ${on} the policy gives ${expected.ruleId} (${expected.months} months)`,
      ),
    ];
  }
  if (recorded.ruleId === expected.ruleId) return [];
  return [
    finding(
      'RULE_BASIS_DIFFERS',
      'rule.ruleId',
      recorded.ruleId,
      expected.ruleId,
      `The decision names ${recorded.ruleId}; on ${on} the policy gives the same ${expected.months} months under ${expected.ruleId}`,
    ),
  ];
}

/**
 * A recorded label that is not the version in force is a deviation, unless it names an earlier
 * version of the table whose rows give this case the same rule and period: then the table gained
 * rows since that do not touch the case, and only the label is out of date.
 */
function versionFindings(
  endUnder: (rule: AppliedRule) => LocalDate,
  recorded: AppliedRule,
  expected: AppliedRule,
  on: LocalDate,
  question: ValidityQuestion,
  policy: ValidityPolicy,
): RecheckFinding[] {
  if (recorded.policyVersion === expected.policyVersion) return [];
  const named = policyVersions(policy).find((v) => v.version === recorded.policyVersion);
  if (named && (named.inForceFrom === null || compareDates(named.inForceFrom, on) <= 0)) {
    const undated = named.rows.map(({ inForceFrom: _from, inForceUntil: _until, ...row }) => row);
    const under = applicableRule({ ...policy, rules: undated }, question, on);
    // The same row and the same furthest end: for an extension that includes the legal maximum.
    if (under.ruleId === expected.ruleId && endUnder(under) === endUnder(expected)) {
      return [
        finding(
          'POLICY_VERSION_LABEL_OUTDATED',
          'rule.policyVersion',
          recorded.policyVersion,
          expected.policyVersion,
          `The decision names policy version ${recorded.policyVersion}; on ${on} ${expected.policyVersion} was in force, which gives this case the same ${expected.ruleId} (${expected.months} months)`,
        ),
      ];
    }
  }
  return [
    finding(
      'POLICY_VERSION_MISMATCH',
      'rule.policyVersion',
      recorded.policyVersion,
      expected.policyVersion,
      `The decision names policy version ${recorded.policyVersion}; on ${on} ${expected.policyVersion} was in force`,
    ),
  ];
}

/** The country-group facts a decision relied on for one destination, against the facts of that day. */
function membershipFindings(
  claimed: readonly CountryGroup[],
  held: readonly CountryGroup[],
  on: LocalDate,
  country: string,
  field: string,
): RecheckFinding[] {
  const out: RecheckFinding[] = [];
  const untrue = claimed.filter((g) => !held.includes(g));
  if (untrue.length > 0) {
    out.push(
      finding(
        'MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE',
        field,
        claimed,
        held,
        `The decision relied on ${country} being in ${untrue.join(', ')} on ${on}: ${untrue
          .map((g) => membershipGap(country, g, on))
          .join('; ')}`,
      ),
    );
  }
  const unrecorded = held.filter((g) => !claimed.includes(g));
  if (unrecorded.length > 0) {
    out.push(
      finding(
        'MEMBERSHIP_FACT_NOT_RECORDED',
        field,
        claimed,
        held,
        `On ${on} ${country} was in ${unrecorded.join(', ')}, which the decision does not record`,
      ),
    );
  }
  return out;
}

function factFindings(
  recorded: AppliedRule,
  expected: AppliedRule,
  on: LocalDate,
  countries: readonly string[],
) {
  const expectedOf = (country: string) =>
    expected.destinations?.find((d) => d.country === country)?.countryFacts.groups ?? [];
  // Decisions recorded before several destinations name the facts of their one destination only.
  if (!recorded.destinations) {
    const country = recorded.countryFacts?.country ?? countries[0] ?? '';
    return membershipFindings(
      recorded.countryFacts?.groups ?? [],
      expectedOf(country),
      on,
      country,
      'rule.countryFacts.groups',
    );
  }
  return countries.flatMap((country, i) => {
    const claimed = recorded.destinations?.find((d) => d.country === country)?.countryFacts.groups ?? [];
    const field =
      countries.length === 1 ? 'rule.countryFacts.groups' : `rule.destinations.${i}.countryFacts.groups`;
    return membershipFindings(claimed, expectedOf(country), on, country, field);
  });
}

function ruleFindings(
  endUnder: (rule: AppliedRule) => LocalDate,
  recorded: AppliedRule,
  expected: AppliedRule,
  on: LocalDate,
  question: ValidityQuestion,
  policy: ValidityPolicy,
) {
  return [
    ...basisFindings(recorded, expected, on),
    ...versionFindings(endUnder, recorded, expected, on, question, policy),
    ...factFindings(recorded, expected, on, question.destinations),
  ];
}

/**
 * The end a rule gives a decision: for an issue its period from validFrom; for an extension the
 * period from the extension's date, and never past a legal maximum counted from the licence's
 * first day.
 */
function furthestEnd(event: RecheckedDecision, before: LicenceCase, rule: AppliedRule): LocalDate {
  if (event.type === 'Issued') return validUntilFor(event.data.validFrom, rule.months);
  const byRule = validUntilFor(event.data.decisionDate, rule.months);
  const byLaw = before.validFrom ? legalMaximumUntil(rule, before.validFrom) : undefined;
  return byLaw ? minDate(byRule, byLaw) : byRule;
}

/**
 * Re-checks an issue or extension against the policy in force on its decision date, given the
 * case as it stood before it. The expected end of an issue is the rule's period from the
 * recorded validFrom; of an extension, the furthest end the rule allows counted from the
 * extension's decision date (as the decider bounds it).
 */
export function recheckDecision(
  event: RecheckedDecision,
  before: LicenceCase,
  policy: ValidityPolicy,
): DecisionRecheck {
  const { decisionDate, validUntil } = event.data;
  const question = validityQuestionOf(before.details);
  const expectedRule = applicableRule(policy, question, decisionDate);
  const endUnder = (rule: AppliedRule) => furthestEnd(event, before, rule);
  const expectedUntil = endUnder(expectedRule);
  // Imported payloads are not checked on the way in; a missing rule is itself a finding.
  const recordedRule = event.data.rule as AppliedRule | undefined;
  const findings = [
    ...periodFindings(event, before, expectedUntil),
    ...(recordedRule
      ? ruleFindings(endUnder, recordedRule, expectedRule, decisionDate, question, policy)
      : [
          finding(
            'RULE_NOT_RECORDED',
            'rule',
            null,
            expectedRule.ruleId,
            `The decision records no validity rule; on ${decisionDate} the policy gives ${expectedRule.ruleId}`,
          ),
        ]),
  ];
  return {
    decisionDate,
    recorded: {
      ruleId: recordedRule?.ruleId ?? null,
      months: recordedRule?.months ?? null,
      policyVersion: recordedRule?.policyVersion ?? null,
      validUntil,
      countryGroups: recordedRule?.countryFacts?.groups ?? [],
    },
    expected: {
      ruleId: expectedRule.ruleId,
      months: expectedRule.months,
      policyVersion: expectedRule.policyVersion,
      validUntil: expectedUntil,
      countryGroups: expectedRule.countryFacts.groups,
      matchedRuleIds: expectedRule.matchedRuleIds,
    },
    findings,
  };
}
