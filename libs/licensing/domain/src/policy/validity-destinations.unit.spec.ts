/*
 * A global licence may cover several destinations (Kamerstuk 22054-301): the rule must hold for
 * each of them, so the least favourable destination decides (the first on a tie).
 */
import { caseDetails } from '../testing/case-events';
import { FIREARMS, to, whenIssuedOn } from '../testing/validity-cases';
import type { Overrides } from '../testing/validity-cases';

describe('several destinations on a global licence: the least favourable decides', () => {
  const global = (countries: string[], overrides: Overrides = {}) =>
    caseDetails({ kind: 'global', destinations: countries.map((c) => to(c)), ...overrides });

  it('given DE, FR and US, then 36 months under allies for each', () => {
    const { rule, validUntil } = whenIssuedOn(global(['DE', 'FR', 'US']), '2024-11-28');

    expect([rule.ruleId, rule.months, validUntil]).toEqual(['allies', 36, '2027-11-27']);
    expect(rule.destinations?.map((d) => [d.country, d.ruleId, d.months])).toEqual([
      ['DE', 'allies', 36],
      ['FR', 'allies', 36],
      ['US', 'allies', 36],
    ]);
  });

  it.each([[['DE', 'TR']], [['TR', 'DE']]])(
    'given %j, then 12 months decided by Turkey, whatever the order',
    (countries) => {
      const { rule, validUntil } = whenIssuedOn(global(countries), '2024-11-28');

      expect([rule.ruleId, rule.months, validUntil]).toEqual(['default', 12, '2025-11-27']);
      expect(rule.countryFacts.country).toBe('TR');
      expect(rule.countryFacts.groups).toEqual(['NATO', 'NATO+']);
      expect(rule.destinations?.find((d) => d.country === 'DE')).toMatchObject({
        ruleId: 'allies',
        months: 36,
      });
      expect(rule.matchedRuleIds).toEqual(['allies', 'default']);
    },
  );

  it('given DE and FR under the firearms act, then each destination is held to one year; the first decides the tie', () => {
    const { rule } = whenIssuedOn(global(['DE', 'FR'], FIREARMS), '2024-11-28');

    expect([rule.ruleId, rule.months, rule.countryFacts.country]).toEqual([
      'firearms-act-one-year',
      12,
      'DE',
    ]);
    expect(rule.destinations?.map((d) => [d.country, d.ruleId])).toEqual([
      ['DE', 'firearms-act-one-year'],
      ['FR', 'firearms-act-one-year'],
    ]);
  });

  it('given after-sales to SA and DE after 2023-04-18, then 36 months on a tie, named after the first destination', () => {
    const { rule } = whenIssuedOn(global(['SA', 'DE'], { afterSales: true }), '2023-04-18');

    expect([rule.ruleId, rule.months, rule.countryFacts.country]).toEqual(['after-sales', 36, 'SA']);
    expect(rule.destinations?.map((d) => [d.country, d.ruleId])).toEqual([
      ['SA', 'after-sales'],
      ['DE', 'allies'],
    ]);
  });

  it('given MK on 2020-03-26 beside DE, then one year: North Macedonia joined NATO only the next day', () => {
    expect(whenIssuedOn(global(['DE', 'MK']), '2020-03-26').rule).toMatchObject({
      ruleId: 'default',
      months: 12,
    });
    expect(whenIssuedOn(global(['DE', 'MK']), '2020-03-27').rule).toMatchObject({
      ruleId: 'allies',
      months: 36,
    });
  });
});
