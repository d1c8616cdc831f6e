/*
 * Regulation (EU) 2021/821 art. 12, applicable from 2021-09-09: a dual-use individual or global
 * export authorisation is valid for up to two years. The decider counts that maximum from the
 * licence's validFrom, so no extension decided from 2021-09-09 may pass it.
 */
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, CaseEvents } from '../testing/case-events';
import { DEFAULT_ACTOR, given } from '../testing/given-when-then';
import type { ExtendLicence, IssueLicence } from './licence.commands';
import type { Extended } from './licence.events';

const DUAL_USE_TO_US = {
  goodsCategory: 'dual-use' as const,
  goods: [
    { controlListEntry: '5A002.a', description: 'Encryption equipment', quantity: 10, valueEur: 50_000 },
  ],
  destination: { country: 'US', endUser: 'US Army' },
};

const extend = (validUntil?: string): ExtendLicence => ({
  type: 'ExtendLicence',
  reassessment: ASSESSMENT,
  ...(validUntil === undefined ? {} : { validUntil: validUntil as LocalDate }),
});

/**
 * A dual-use licence issued 2020-01-10 (until 2021-01-09) and extended on 2021-01-05 to
 * 2022-01-04; two years from its validFrom end on 2022-01-09.
 */
const extendedOnce = () =>
  new CaseEvents('du').register('2020-01-06', DUAL_USE_TO_US).issue('2020-01-10').extend('2021-01-05').events;

describe('the dual-use legal maximum on extensions', () => {
  it('given the licence, then it was extended to 2022-01-04 under the one-year practice', () => {
    const last = extendedOnce().at(-1) as Extended;
    expect([last.data.validUntil, last.data.rule.ruleId, last.data.rule.legalMaximum]).toEqual([
      '2022-01-04',
      'dual-use-national-practice',
      undefined,
    ]);
  });

  it('when extended on 2021-09-08 to 2022-09-07, past two years from validFrom, then it is allowed: the regulation does not apply yet', () => {
    given(...extendedOnce())
      .when(extend('2022-09-07'), '2021-09-08')
      .then([
        {
          type: 'Extended',
          data: expect.objectContaining({
            previousValidUntil: '2022-01-04',
            validUntil: '2022-09-07',
            maxValidUntil: '2022-09-07',
            extendedBy: DEFAULT_ACTOR,
          }),
        },
      ]);
  });

  it('when extended on 2021-09-09 to 2022-09-08, then EXTENSION_BEYOND_LEGAL_MAXIMUM with the furthest end allowed', () => {
    const error = given(...extendedOnce())
      .when(extend('2022-09-08'), '2021-09-09')
      .thenThrows('EXTENSION_BEYOND_LEGAL_MAXIMUM', 'rule-violation');

    expect(error.details).toEqual({
      field: 'validUntil',
      maxValidUntil: '2022-01-09',
      ruleId: 'dual-use-eu-maximum',
    });
    expect(error.message).toContain('24 months from 2020-01-10');
  });

  it('when extended on 2021-09-09 without an end date, then it is capped to validFrom + 24 months - 1 day', () => {
    given(...extendedOnce())
      .when(extend(), '2021-09-09')
      .then([
        {
          type: 'Extended',
          data: expect.objectContaining({
            previousValidUntil: '2022-01-04',
            validUntil: '2022-01-09',
            maxValidUntil: '2022-01-09',
            rule: expect.objectContaining({
              ruleId: 'dual-use-national-practice',
              legalMaximum: expect.objectContaining({ ruleId: 'dual-use-eu-maximum', months: 24 }),
            }),
          }),
        },
      ]);
  });

  it.each([
    ['2022-01-09', true],
    ['2022-01-10', false],
  ])(
    'when extended on 2021-09-09 to %s, then allowed: %s (the last day two years allow is 2022-01-09)',
    (until, allowed) => {
      const outcome = given(...extendedOnce()).when(extend(until), '2021-09-09');
      if (allowed) outcome.then([{ type: 'Extended', data: expect.objectContaining({ validUntil: until }) }]);
      else outcome.thenThrows('EXTENSION_BEYOND_LEGAL_MAXIMUM');
    },
  );

  it('given a licence already at its legal maximum, when extended again, then EXTENSION_BEYOND_LEGAL_MAXIMUM', () => {
    const atMaximum = new CaseEvents('du')
      .register('2020-01-06', DUAL_USE_TO_US)
      .issue('2020-01-10')
      .extend('2021-01-05')
      .extend('2021-09-09').events;

    const error = given(...atMaximum)
      .when(extend(), '2022-01-03')
      .thenThrows('EXTENSION_BEYOND_LEGAL_MAXIMUM');
    expect(error.details).toMatchObject({ maxValidUntil: '2022-01-09' });
  });

  it('given a military licence with the same dates, when extended on 2021-09-09 to 2022-09-08, then no legal maximum applies', () => {
    const military = new CaseEvents('mil')
      .register('2020-01-06', { destination: { country: 'SA', endUser: 'Ministry of Defence' } })
      .issue('2020-01-10')
      .extend('2021-01-05').events;

    given(...military)
      .when(extend('2022-09-08'), '2021-09-09')
      .then([{ type: 'Extended', data: expect.objectContaining({ validUntil: '2022-09-08' }) }]);
  });

  it('given a later validFrom, then the two years count from validFrom, not from the decision date', () => {
    const issue: IssueLicence = {
      type: 'IssueLicence',
      assessment: ASSESSMENT,
      validFrom: '2025-01-01' as LocalDate,
    };
    const events = new CaseEvents('later')
      .register('2024-11-20', DUAL_USE_TO_US)
      .decide(issue, '2024-11-28').events;

    // On 2026-06-01 the practice allows 2027-05-31; two years from 2025-01-01 end on 2026-12-31.
    const extendedTwice = new CaseEvents('later')
      .register('2024-11-20', DUAL_USE_TO_US)
      .decide(issue, '2024-11-28')
      .extend('2025-12-01').events;
    expect((extendedTwice.at(-1) as Extended).data.validUntil).toBe('2026-11-30');
    given(...extendedTwice)
      .when(extend(), '2026-06-01')
      .then([{ type: 'Extended', data: expect.objectContaining({ validUntil: '2026-12-31' }) }]);
    given(...events)
      .when(extend('2027-01-01'), '2025-12-01')
      .thenThrows('EXTENSION_BEYOND_LEGAL_MAXIMUM');
  });
});
