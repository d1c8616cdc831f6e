import type { GoodsCategory, LicenceKind } from '../licence/licence.values';
import { localDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { DUTCH_VALIDITY_POLICY } from './validity-policy';
import type { ValidityPolicy } from './validity-policy';
import { applicableRule, policyVersionOn, validUntilFor } from './validity-policy.evaluator';
import type { ValidityQuestion } from './validity-policy.evaluator';

const d = (value: string): LocalDate => localDate(value);

const question = (
  destination: string,
  goodsCategory: GoodsCategory = 'military',
  kind: LicenceKind = 'individual',
  afterSales = false,
): ValidityQuestion => ({
  destinations: [destination],
  goodsCategory,
  kind,
  afterSales,
  exportType: 'definitive',
  firearmsAct: false,
});

const V = 'nl-export-licence-validity';

describe('applicableRule + validUntilFor (Dutch validity policy)', () => {
  // destination, goods, kind, after-sales, decision date => rule, months, matched rules, valid until (from the decision date)
  it.each<[string, GoodsCategory, LicenceKind, boolean, string, string, number, string[], string]>([
    // Allies: EU, NATO, NATO+ military export licences from 2019-04-17.
    ['NL', 'military', 'individual', false, '2020-01-01', 'allies', 36, ['allies', 'default'], '2022-12-31'],
    ['DE', 'military', 'global', false, '2024-11-28', 'allies', 36, ['allies', 'default'], '2027-11-27'],
    ['US', 'military', 'individual', false, '2019-04-17', 'allies', 36, ['allies', 'default'], '2022-04-16'],
    ['US', 'military', 'global', false, '2023-07-01', 'allies', 36, ['allies', 'default'], '2026-06-30'],
    ['GB', 'military', 'individual', false, '2021-06-15', 'allies', 36, ['allies', 'default'], '2024-06-14'],
    // The same before the 3-year rule came into force: 1 year.
    ['NL', 'military', 'individual', false, '2019-04-16', 'default', 12, ['default'], '2020-04-15'],
    ['DE', 'military', 'global', false, '2019-01-01', 'default', 12, ['default'], '2019-12-31'],
    ['US', 'military', 'individual', false, '2018-06-01', 'default', 12, ['default'], '2019-05-31'],
    ['GB', 'military', 'individual', false, '2019-04-16', 'default', 12, ['default'], '2020-04-15'],
    // Turkey is NATO but excluded from the allied rule; after-sales applies to any destination from 2023-04-18.
    ['TR', 'military', 'individual', false, '2024-11-28', 'default', 12, ['default'], '2025-11-27'],
    ['TR', 'military', 'global', false, '2020-01-01', 'default', 12, ['default'], '2020-12-31'],
    ['TR', 'military', 'individual', true, '2023-04-17', 'default', 12, ['default'], '2024-04-16'],
    [
      'TR',
      'military',
      'individual',
      true,
      '2023-04-18',
      'after-sales',
      36,
      ['after-sales', 'default'],
      '2026-04-17',
    ],
    // NATO+ beyond NATO.
    ['JP', 'military', 'individual', false, '2024-11-28', 'allies', 36, ['allies', 'default'], '2027-11-27'],
    ['CH', 'military', 'global', false, '2024-11-28', 'allies', 36, ['allies', 'default'], '2027-11-27'],
    ['AU', 'military', 'individual', false, '2024-11-28', 'allies', 36, ['allies', 'default'], '2027-11-27'],
    ['NZ', 'military', 'individual', false, '2024-11-28', 'allies', 36, ['allies', 'default'], '2027-11-27'],
    // NATO+ holds from 2010, but no row before 2019-04-17 depends on it.
    ['JP', 'military', 'individual', false, '2019-04-16', 'default', 12, ['default'], '2020-04-15'],
    ['JP', 'military', 'individual', false, '2019-04-17', 'allies', 36, ['allies', 'default'], '2022-04-16'],
    // Finland and Sweden were EU members long before they joined NATO: the allied rule applied already.
    ['FI', 'military', 'individual', false, '2023-04-03', 'allies', 36, ['allies', 'default'], '2026-04-02'],
    ['FI', 'military', 'individual', false, '2023-04-04', 'allies', 36, ['allies', 'default'], '2026-04-03'],
    ['SE', 'military', 'individual', false, '2024-03-06', 'allies', 36, ['allies', 'default'], '2027-03-05'],
    ['SE', 'military', 'individual', false, '2024-03-07', 'allies', 36, ['allies', 'default'], '2027-03-06'],
    // North Macedonia (not EU) becomes allied on its NATO accession day.
    ['MK', 'military', 'individual', false, '2020-03-26', 'default', 12, ['default'], '2021-03-25'],
    ['MK', 'military', 'individual', false, '2020-03-27', 'allies', 36, ['allies', 'default'], '2023-03-26'],
    // Transit: 1 year, held there by its own limit even to an ally.
    [
      'NL',
      'military',
      'transit',
      false,
      '2024-11-28',
      'default',
      12,
      ['default', 'transit-one-year'],
      '2025-11-27',
    ],
    ['NL', 'military', 'transit', false, '2019-04-16', 'default', 12, ['default'], '2020-04-15'],
    // Brokering within the EU: 3 years with the allies rule (22054-388); outside the EU 1 year.
    [
      'NL',
      'military',
      'brokering',
      false,
      '2024-11-28',
      'brokering-within-eu',
      36,
      ['brokering-within-eu', 'default'],
      '2027-11-27',
    ],
    ['US', 'military', 'brokering', false, '2024-11-28', 'default', 12, ['default'], '2025-11-27'],
    // Dual-use: the national practice of 1 year, under the EU legal maximum from 2021-09-09.
    [
      'US',
      'dual-use',
      'individual',
      false,
      '2024-11-28',
      'dual-use-national-practice',
      12,
      ['dual-use-national-practice', 'default', 'dual-use-eu-maximum'],
      '2025-11-27',
    ],
    [
      'US',
      'dual-use',
      'global',
      false,
      '2021-09-09',
      'dual-use-national-practice',
      12,
      ['dual-use-national-practice', 'default', 'dual-use-eu-maximum'],
      '2022-09-08',
    ],
    [
      'US',
      'dual-use',
      'individual',
      false,
      '2021-09-08',
      'dual-use-national-practice',
      12,
      ['dual-use-national-practice', 'default'],
      '2022-09-07',
    ],
    [
      'JP',
      'dual-use',
      'transit',
      false,
      '2024-11-28',
      'dual-use-national-practice',
      12,
      ['dual-use-national-practice', 'default', 'transit-one-year'],
      '2025-11-27',
    ],
    // After-sales to a non-ally: 1 year until 2023-04-17, 3 years from 2023-04-18.
    ['SA', 'military', 'individual', true, '2023-04-17', 'default', 12, ['default'], '2024-04-16'],
    [
      'SA',
      'military',
      'individual',
      true,
      '2023-04-18',
      'after-sales',
      36,
      ['after-sales', 'default'],
      '2026-04-17',
    ],
    [
      'SA',
      'military',
      'global',
      true,
      '2024-11-28',
      'after-sales',
      36,
      ['after-sales', 'default'],
      '2027-11-27',
    ],
    ['SA', 'military', 'individual', false, '2024-11-28', 'default', 12, ['default'], '2025-11-27'],
    // After-sales to an ally: both 3-year rows match; the earlier row (allies) wins the tie.
    [
      'DE',
      'military',
      'individual',
      true,
      '2024-11-28',
      'allies',
      36,
      ['allies', 'after-sales', 'default'],
      '2027-11-27',
    ],
    ['DE', 'military', 'individual', true, '2023-04-17', 'allies', 36, ['allies', 'default'], '2026-04-16'],
  ])(
    '%s %s %s after-sales=%s on %s => %s %i months %j, valid until %s',
    (destination, goods, kind, afterSales, on, ruleId, months, matchedRuleIds, validUntil) => {
      const rule = applicableRule(
        DUTCH_VALIDITY_POLICY,
        question(destination, goods, kind, afterSales),
        d(on),
      );
      expect(rule.ruleId).toBe(ruleId);
      expect(rule.months).toBe(months);
      expect(rule.matchedRuleIds).toEqual(matchedRuleIds);
      expect(rule.policyId).toBe(V);
      expect(rule.countryFacts.country).toBe(destination);
      expect(rule.countryFacts.on).toBe(on);
      expect(validUntilFor(d(on), rule.months)).toBe(validUntil);
    },
  );

  it('records the country facts on the decision date: Finland before and on its NATO accession', () => {
    const before = applicableRule(DUTCH_VALIDITY_POLICY, question('FI'), d('2023-04-03'));
    const on = applicableRule(DUTCH_VALIDITY_POLICY, question('FI'), d('2023-04-04'));
    expect(before.countryFacts.groups).toEqual(['EU']);
    expect(on.countryFacts.groups).toEqual(['EU', 'NATO', 'NATO+']);
  });

  it('records the country facts on the decision date: the United Kingdom after Brexit is NATO only', () => {
    expect(
      applicableRule(DUTCH_VALIDITY_POLICY, question('GB'), d('2020-01-31')).countryFacts.groups,
    ).toEqual(['EU', 'NATO', 'NATO+']);
    const after = applicableRule(DUTCH_VALIDITY_POLICY, question('GB'), d('2020-02-01'));
    expect(after.countryFacts.groups).toEqual(['NATO', 'NATO+']);
    expect(after.ruleId).toBe('allies');
  });

  it('records the source of the rule applied', () => {
    const allies = applicableRule(DUTCH_VALIDITY_POLICY, question('DE'), d('2024-11-28'));
    expect(allies.source.reference).toContain('Kamerstuk 22054-311');
    expect(allies.source.quote).toContain('met uitzondering van Turkije');
    const afterSales = applicableRule(
      DUTCH_VALIDITY_POLICY,
      question('SA', 'military', 'individual', true),
      d('2024-11-28'),
    );
    expect(afterSales.source.reference).toContain('Kamerstuk 22054-388');
    const fallback = applicableRule(DUTCH_VALIDITY_POLICY, question('SA'), d('2024-11-28'));
    expect(fallback.source.assumption).toBe(true);
    expect(fallback.source.reference).toContain('BZ2408569');
  });

  it.each([
    ['2018-01-01', `${V}@initial`],
    ['2019-04-16', `${V}@initial`],
    ['2019-04-17', `${V}@2019-04-17`],
    ['2020-01-01', `${V}@2019-04-17`],
    ['2021-09-08', `${V}@2019-04-17`],
    ['2021-09-09', `${V}@2021-09-09`],
    ['2023-04-17', `${V}@2021-09-09`],
    ['2023-04-18', `${V}@2023-04-18`],
    ['2024-01-01', `${V}@2023-04-18`],
  ])('the policy version on %s is %s', (on, version) => {
    expect(policyVersionOn(DUTCH_VALIDITY_POLICY, d(on))).toBe(version);
    expect(applicableRule(DUTCH_VALIDITY_POLICY, question('SA'), d(on)).policyVersion).toBe(version);
  });

  describe('on a policy other than the Dutch one', () => {
    const row = (id: string, months: number, extra: Partial<ValidityPolicy['rules'][number]> = {}) => ({
      id,
      description: id,
      effect: 'period' as const,
      months,
      scope: {},
      source: { reference: `source of ${id}` },
      ...extra,
    });

    it('on a tie the earlier row wins, whatever its id', () => {
      const reversed: ValidityPolicy = {
        ...DUTCH_VALIDITY_POLICY,
        rules: [...DUTCH_VALIDITY_POLICY.rules].reverse(),
      };
      const rule = applicableRule(reversed, question('DE', 'military', 'individual', true), d('2024-11-28'));
      expect(rule.ruleId).toBe('after-sales');
      expect(rule.matchedRuleIds).toEqual(['default', 'after-sales', 'allies']);
    });

    it('the longest period wins, wherever it stands in the table', () => {
      const policy: ValidityPolicy = {
        id: 'p',
        title: 'p',
        rules: [row('short', 6), row('long', 60), row('middle', 24)],
      };
      expect(applicableRule(policy, question('SA'), d('2024-11-28')).ruleId).toBe('long');
    });

    it('a row with an end date stops applying the day after it, and that day changes the version', () => {
      const policy: ValidityPolicy = {
        id: 'p',
        title: 'p',
        rules: [
          row('temporary', 24, { inForceFrom: d('2020-01-01'), inForceUntil: d('2020-12-31') }),
          row('base', 12),
        ],
      };
      expect(applicableRule(policy, question('SA'), d('2020-12-31')).ruleId).toBe('temporary');
      expect(applicableRule(policy, question('SA'), d('2021-01-01')).ruleId).toBe('base');
      expect(policyVersionOn(policy, d('2020-12-31'))).toBe('p@2020-01-01');
      expect(policyVersionOn(policy, d('2021-01-01'))).toBe('p@2021-01-01');
    });

    it('throws when no row applies', () => {
      const policy: ValidityPolicy = {
        id: 'p',
        title: 'p',
        rules: [row('later', 12, { inForceFrom: d('2030-01-01') })],
      };
      expect(() => applicableRule(policy, question('SA'), d('2024-11-28'))).toThrow(/no rule/);
    });
  });
});

describe('validUntilFor', () => {
  it.each([
    ['2024-11-28', 12, '2025-11-27'], // the brief's example
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-03-01', 12, '2024-02-29'],
    ['2024-01-01', 12, '2024-12-31'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-11-28', 36, '2027-11-27'],
    ['2024-02-29', 36, '2027-02-28'],
    ['2024-02-29', 48, '2028-02-28'],
    ['2021-03-01', 36, '2024-02-29'],
    ['2023-03-01', 36, '2026-02-28'],
    ['2019-04-17', 36, '2022-04-16'],
  ])('validUntilFor(%s, %i) = %s', (validFrom, months, validUntil) => {
    expect(validUntilFor(d(validFrom), months)).toBe(validUntil);
  });
});
