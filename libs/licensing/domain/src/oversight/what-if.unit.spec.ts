import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import type { LocalDate } from '../shared/local-date';
import { CaseEvents } from '../testing/case-events';
import { POLICY_VARIANTS, whatIfComparison, whatIfForCase } from './what-if';
import type { WhatIfLicence, WhatIfPeriod, WhatIfPolicyName } from './what-if';

const d = (value: string) => value as LocalDate;
const YEAR_2024: WhatIfPeriod = { from: d('2024-01-01'), to: d('2024-12-31') };
const DE = { country: 'DE', endUser: 'Bundeswehr' };
const SA = { country: 'SA', endUser: 'Ministry of Defence' };
const TR = { country: 'TR', endUser: 'Turkish Navy' };

/** The licences of the cases under a variant, in case order; cases without an issue in the period drop out. */
function underVariant(name: WhatIfPolicyName, cases: CaseEvents[], period = YEAR_2024) {
  const licences = cases
    .map((c) => whatIfForCase(c.events, POLICY_VARIANTS[name], period, DUTCH_VALIDITY_POLICY))
    .filter((l): l is WhatIfLicence => l !== undefined);
  return whatIfComparison(POLICY_VARIANTS[name], period, licences);
}

// A: DE with a 60-month contract. Issued 2024-01-10 under allies (36): until 2027-01-09.
//    Contract: 2024-01-10 + 60 months - 1 day = 2029-01-09. Extended 2026-06-01 to 2028-12-31,
//    which the contract term already covered. Final: 2028-12-31 vs 2029-01-09 = +9 days.
const a = () =>
  new CaseEvents('a')
    .register('2024-01-08', { destination: DE, contract: { termMonths: 60 } })
    .issue('2024-01-10')
    .extend('2026-06-01', '2028-12-31');
// B: SA with a 24-month contract. Issued 2024-03-01 under default (12): until 2025-02-28.
//    Contract: until 2026-02-28. Extended 2025-01-15 to its bound 2026-01-14 (covered: not needed).
//    Revoked 2025-06-01. Final: 2026-01-14 vs 2026-02-28 = +45 days (Jan 14 -> Feb 14 31, -> Feb 28 14).
//    After revocation: actual 2025-06-01 -> 2026-01-14 = 30+31+31+30+31+30+31 (Jun..Dec) + 13 = 227;
//    what-if 2025-06-01 -> 2026-02-28 = 227 + 45 = 272.
const b = () =>
  new CaseEvents('b')
    .register('2024-02-28', { destination: SA, contract: { termMonths: 24 } })
    .issue('2024-03-01')
    .extend('2025-01-15')
    .revoke('2025-06-01');
// C: TR, no contract term stated: the national rule either way (12 months, until 2025-04-30). 0 days.
const c = () => new CaseEvents('c').register('2024-04-29', { destination: TR }).issue('2024-05-01');
// F: DE with a 12-month contract. Issued 2024-06-01 under allies: until 2027-05-31. Contract: until
//    2025-05-31. 2025-05-31 -> 2026-05-31 = 365, -> 2027-05-31 = 365: -730 days.
const f = () =>
  new CaseEvents('f')
    .register('2024-05-30', { destination: DE, contract: { termMonths: 12 } })
    .issue('2024-06-01');
// Outside the period (issued 2023-12-20), and a denial: neither counts.
const outside = () =>
  new CaseEvents('outside').register('2023-12-18', { destination: DE }).issue('2023-12-20');
const denied = () => new CaseEvents('denied').register('2024-06-20', { destination: SA }).deny('2024-07-01');

describe('what-if: the decisions of a period under another validity policy', () => {
  it('given 2024 under the contract-duration variant, when compared, then per licence and totals follow by hand', () => {
    const comparison = underVariant('contract-duration', [a(), b(), c(), f(), outside(), denied()]);

    expect(comparison.licences.map((l) => [l.caseId, l.basis, l.months, l.differenceDays])).toEqual([
      ['a', 'contract-term', { actual: 36, whatIf: 60 }, 9],
      ['b', 'contract-term', { actual: 12, whatIf: 24 }, 45],
      ['c', 'national-rule', { actual: 12, whatIf: 12 }, 0],
      ['f', 'contract-term', { actual: 36, whatIf: 12 }, -730],
    ]);
    expect(comparison.licences[0]).toMatchObject({
      issuedValidUntil: { actual: '2027-01-09', whatIf: '2029-01-09' },
      validUntil: { actual: '2028-12-31', whatIf: '2029-01-09' },
      extensions: 1,
      extensionsNotNeeded: 1,
    });
    expect(comparison.licences[1]?.revocation).toEqual({
      revokedOn: '2025-06-01',
      actualDaysAfterRevocation: 227,
      whatIfDaysAfterRevocation: 272,
      whatIfEndedBeforeRevocation: false,
    });
    expect(comparison.totals).toEqual({
      licences: 4,
      longer: 2,
      shorter: 1,
      unchanged: 1,
      differenceDays: -676, // 9 + 45 + 0 - 730
      extensions: 2,
      extensionsNotNeeded: 2, // a's and b's
      revoked: 1,
      notCoveredByVariant: 0,
      actualDaysAfterRevocation: 227,
      whatIfDaysAfterRevocation: 272,
    });
  });

  it('given the national variant over decisions the decider took, then nothing differs and every extension was needed', () => {
    const { totals } = underVariant('national', [a(), b(), c(), f()]);

    expect(totals).toMatchObject({
      licences: 4,
      unchanged: 4,
      differenceDays: 0,
      extensions: 2,
      extensionsNotNeeded: 0,
    });
    expect(totals.whatIfDaysAfterRevocation).toBe(totals.actualDaysAfterRevocation);
  });

  it('given an extension the what-if period did not cover, then it is still needed and ends as decided', () => {
    // SA, 6-month contract: what-if until 2024-08-31; extension on 2024-12-01 to 2025-11-30 is needed.
    const g = new CaseEvents('g')
      .register('2024-02-28', { destination: SA, contract: { termMonths: 6 } })
      .issue('2024-03-01')
      .extend('2024-12-01');
    const [licence] = underVariant('contract-duration', [g]).licences;

    expect(licence).toMatchObject({
      issuedValidUntil: { actual: '2025-02-28', whatIf: '2024-08-31' },
      validUntil: { actual: '2025-11-30', whatIf: '2025-11-30' },
      differenceDays: 0,
      extensionsNotNeeded: 0,
    });
  });

  it('given a revocation after the what-if licence would have ended, then it would have run 0 days more', () => {
    // SA, 3-month contract: what-if until 2024-05-31; revoked 2024-09-01 (actual end 2025-02-28: 180 days).
    const h = new CaseEvents('h')
      .register('2024-02-28', { destination: SA, contract: { termMonths: 3 } })
      .issue('2024-03-01')
      .revoke('2024-09-01');

    expect(underVariant('contract-duration', [h]).licences[0]?.revocation).toEqual({
      revokedOn: '2024-09-01',
      actualDaysAfterRevocation: 180, // Sep 29 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28
      whatIfDaysAfterRevocation: 0,
      whatIfEndedBeforeRevocation: true,
    });
  });

  it('given an imported 3-year issue to MK on 2020-03-26, then the national variant gives it 730 days less', () => {
    const mk = new CaseEvents('mk').register('2020-03-20', {
      destination: { country: 'MK', endUser: 'Army' },
    });
    const issued = mk.wouldIssue('2020-03-26');
    mk.record({ type: 'Issued', data: { ...issued.data, validUntil: d('2023-03-25') } });

    const comparison = underVariant('national', [mk], { from: d('2020-01-01'), to: d('2020-12-31') });

    // 2021-03-25 -> 2022-03-25 = 365, -> 2023-03-25 = 365.
    expect(comparison.licences[0]?.validUntil).toEqual({ actual: '2023-03-25', whatIf: '2021-03-25' });
    expect(comparison.totals).toMatchObject({ licences: 1, shorter: 1, differenceDays: -730 });
  });

  describe('the contract term applies only to what motion Ram is about: delivery and maintenance of military goods', () => {
    const SIXTY = { contract: { termMonths: 60 } };
    const issued = (id: string, overrides: Parameters<CaseEvents['register']>[1]) =>
      new CaseEvents(id).register('2024-03-01', { ...SIXTY, ...overrides }).issue('2024-03-04');

    it.each<[string, Parameters<CaseEvents['register']>[1], number]>([
      [
        'a transit licence to US',
        { kind: 'transit', destination: { country: 'US', endUser: 'US Army' } },
        12,
      ],
      [
        'military brokering to FR',
        { kind: 'brokering', destination: { country: 'FR', endUser: 'Armée' } },
        36,
      ],
      [
        'dual-use goods to US',
        {
          goodsCategory: 'dual-use',
          goods: [{ controlListEntry: '5A002.a', description: 'Encryption', quantity: 1, valueEur: 1 }],
          destination: { country: 'US', endUser: 'US Army' },
        },
        12,
      ],
      [
        'a trade fair to DE',
        { exportType: 'temporary', temporaryPurpose: 'exhibition-or-demonstration' },
        12,
      ],
    ])(
      'given %s with a 60-month contract, then the national rule, not the contract term',
      (_label, overrides, months) => {
        const comparison = underVariant('contract-duration', [issued('x', overrides)]);

        expect(comparison.licences[0]).toMatchObject({
          basis: 'national-rule',
          coveredByVariant: false,
          months: { actual: months, whatIf: months },
          differenceDays: 0,
        });
        expect(comparison.totals).toMatchObject({ licences: 1, notCoveredByVariant: 1, unchanged: 1 });
      },
    );

    it.each<[string, Parameters<CaseEvents['register']>[1]]>([
      ['an after-sales licence to SA', { afterSales: true, destination: SA }],
      [
        'a definitive global licence to DE and FR',
        { kind: 'global', destinations: [DE, { country: 'FR', endUser: 'Armée' }] },
      ],
    ])('given %s with a 60-month contract, then the contract term', (_label, overrides) => {
      const [licence] = underVariant('contract-duration', [issued('y', overrides)]).licences;

      expect(licence).toMatchObject({
        basis: 'contract-term',
        coveredByVariant: true,
        months: { whatIf: 60 },
      });
      expect(licence?.issuedValidUntil.whatIf).toBe('2029-03-03');
    });

    it('given the global licence, then the what-if names every destination', () => {
      const [licence] = underVariant('contract-duration', [
        issued('z', { kind: 'global', destinations: [DE, { country: 'FR', endUser: 'Armée' }] }),
      ]).licences;
      expect([licence?.destination, licence?.destinations]).toEqual(['DE FR', ['DE', 'FR']]);
    });
  });
});
