/*
 * Every row of the Dutch validity table on both sides of its boundary date, decided through the
 * decider as an assessor would: given an application, when the licence is issued on a date,
 * then the period, the row that decided it and the rows that matched.
 */
import { caseDetails } from '../testing/case-events';
import { given } from '../testing/given-when-then';
import { DUAL_USE, FIREARMS, TRADE_FAIR, to, whenIssuedOn } from '../testing/validity-cases';
import type { Overrides } from '../testing/validity-cases';

describe('the validity table, row by row, on both sides of each boundary date', () => {
  // label, details, decision date => decisive row, months, valid until, rows matched (any destination)
  it.each<[string, Overrides, string, string, number, string, string[]]>([
    // brokering-within-eu: with the allies rule of 2019-04-17 (22054-388 citing 22054-311).
    [
      'military brokering to FR the day before',
      { kind: 'brokering', destination: to('FR') },
      '2019-04-16',
      'default',
      12,
      '2020-04-15',
      ['default'],
    ],
    [
      'military brokering to FR on the day',
      { kind: 'brokering', destination: to('FR') },
      '2019-04-17',
      'brokering-within-eu',
      36,
      '2022-04-16',
      ['brokering-within-eu', 'default'],
    ],
    [
      'military brokering to US (outside the EU)',
      { kind: 'brokering', destination: to('US') },
      '2019-04-17',
      'default',
      12,
      '2020-04-16',
      ['default'],
    ],
    [
      'military brokering to GB on its last EU day',
      { kind: 'brokering', destination: to('GB') },
      '2020-01-31',
      'brokering-within-eu',
      36,
      '2023-01-30',
      ['brokering-within-eu', 'default'],
    ],
    [
      'military brokering to GB the day after Brexit',
      { kind: 'brokering', destination: to('GB') },
      '2020-02-01',
      'default',
      12,
      '2021-01-31',
      ['default'],
    ],
    // temporary-export-one-year: a limit, not a candidate; it cuts the allies' 36 months.
    [
      'trade fair ML5 to DE the day before',
      { ...TRADE_FAIR },
      '2019-04-16',
      'default',
      12,
      '2020-04-15',
      ['default'],
    ],
    [
      'trade fair ML5 to DE on the day',
      { ...TRADE_FAIR },
      '2019-04-17',
      'temporary-export-one-year',
      12,
      '2020-04-16',
      ['allies', 'default', 'temporary-export-one-year'],
    ],
    ['definitive ML5 to DE on the day', {}, '2019-04-17', 'allies', 36, '2022-04-16', ['allies', 'default']],
    [
      'repair to SA (the limit does not bind)',
      { exportType: 'temporary', temporaryPurpose: 'repair', destination: to('SA') },
      '2024-11-28',
      'default',
      12,
      '2025-11-27',
      ['default', 'temporary-export-one-year'],
    ],
    [
      'after-sales trade fair to SA',
      { ...TRADE_FAIR, afterSales: true, destination: to('SA') },
      '2023-04-18',
      'temporary-export-one-year',
      12,
      '2024-04-17',
      ['after-sales', 'default', 'temporary-export-one-year'],
    ],
    // transit-one-year: no three-year row covers transit, so the limit only ever matches.
    [
      'transit to US the day before',
      { kind: 'transit', destination: to('US') },
      '2019-04-16',
      'default',
      12,
      '2020-04-15',
      ['default'],
    ],
    [
      'transit to US on the day',
      { kind: 'transit', destination: to('US') },
      '2019-04-17',
      'default',
      12,
      '2020-04-16',
      ['default', 'transit-one-year'],
    ],
    // firearms-act-one-year.
    [
      'firearms-act rifles to DE the day before',
      { ...FIREARMS },
      '2019-04-16',
      'default',
      12,
      '2020-04-15',
      ['default'],
    ],
    [
      'firearms-act rifles to DE on the day',
      { ...FIREARMS },
      '2019-04-17',
      'firearms-act-one-year',
      12,
      '2020-04-16',
      ['allies', 'default', 'firearms-act-one-year'],
    ],
    [
      'rifles to DE outside the firearms act',
      { ...FIREARMS, firearmsAct: false },
      '2019-04-17',
      'allies',
      36,
      '2022-04-16',
      ['allies', 'default'],
    ],
    [
      'after-sales to SA under the firearms act, before after-sales got 3 years',
      { ...FIREARMS, afterSales: true, destination: to('SA') },
      '2023-04-17',
      'default',
      12,
      '2024-04-16',
      ['default', 'firearms-act-one-year'],
    ],
    [
      'after-sales to SA under the firearms act, after',
      { ...FIREARMS, afterSales: true, destination: to('SA') },
      '2023-04-18',
      'firearms-act-one-year',
      12,
      '2024-04-17',
      ['after-sales', 'default', 'firearms-act-one-year'],
    ],
    [
      'after-sales to SA outside the firearms act, after',
      { afterSales: true, destination: to('SA') },
      '2023-04-18',
      'after-sales',
      36,
      '2026-04-17',
      ['after-sales', 'default'],
    ],
    // dual-use-national-practice (always) and dual-use-eu-maximum (from 2021-09-09, Regulation 2021/821).
    [
      'dual-use to US the day before 2021/821',
      { ...DUAL_USE, destination: to('US') },
      '2021-09-08',
      'dual-use-national-practice',
      12,
      '2022-09-07',
      ['dual-use-national-practice', 'default'],
    ],
    [
      'dual-use to US on the day 2021/821 applies',
      { ...DUAL_USE, destination: to('US') },
      '2021-09-09',
      'dual-use-national-practice',
      12,
      '2022-09-08',
      ['dual-use-national-practice', 'default', 'dual-use-eu-maximum'],
    ],
    [
      'dual-use brokering to US (no legal maximum for brokering)',
      { ...DUAL_USE, kind: 'brokering', destination: to('US') },
      '2024-11-28',
      'dual-use-national-practice',
      12,
      '2025-11-27',
      ['dual-use-national-practice', 'default'],
    ],
    // NATO+ from 2010: the allies row reads it only from 2019-04-17.
    [
      'military to JP the day before the allies rule',
      { destination: to('JP') },
      '2019-04-16',
      'default',
      12,
      '2020-04-15',
      ['default'],
    ],
    [
      'military to JP on the day of the allies rule',
      { destination: to('JP') },
      '2019-04-17',
      'allies',
      36,
      '2022-04-16',
      ['allies', 'default'],
    ],
  ])('given %s, when issued on %s', (_label, overrides, on, ruleId, months, validUntil, matched) => {
    const { rule, validFrom, validUntil: until } = whenIssuedOn(caseDetails(overrides), on);

    expect({ ruleId: rule.ruleId, months: rule.months, validFrom, validUntil: until }).toEqual({
      ruleId,
      months,
      validFrom: on,
      validUntil,
    });
    expect(rule.matchedRuleIds).toEqual(matched);
  });

  it('given dual-use goods, then the legal maximum is recorded with the issue only from 2021-09-09', () => {
    const details = caseDetails({ ...DUAL_USE, destination: to('US') });

    expect(whenIssuedOn(details, '2021-09-08').rule.legalMaximum).toBeUndefined();
    expect(whenIssuedOn(details, '2021-09-09').rule.legalMaximum).toEqual({
      ruleId: 'dual-use-eu-maximum',
      months: 24,
      source: expect.objectContaining({ reference: expect.stringContaining('2021/821, art. 12') }),
    });
  });

  it('given military brokering of dual-use goods to FR, then it is refused as a dual-use export within the EU', () => {
    given()
      .when(
        {
          type: 'RegisterCase',
          caseId: 'b',
          procedure: 'application',
          details: caseDetails({ ...DUAL_USE, kind: 'brokering', destination: to('FR') }),
        },
        '2024-11-28',
      )
      .thenThrows('DUAL_USE_EXPORT_WITHIN_EU', 'rule-violation');
  });

  describe('NATO+ membership recorded with the decision', () => {
    it.each([
      ['2009-12-31', []],
      ['2010-01-01', ['NATO+']],
    ])('given a licence to JP issued on %s, then the recorded groups are %j', (on, groups) => {
      const { rule } = whenIssuedOn(caseDetails({ destination: to('JP') }), on);

      expect(rule.countryFacts).toMatchObject({ country: 'JP', on, groups });
      expect(rule.ruleId).toBe('default');
    });
  });
});
