/*
 * Dates a command gives the decider (issue 11): every date the domain accepts stays inside the
 * calendar, so that no later step (validity arithmetic, replay, reports) can fail on it.
 */
import { LONGEST_VALIDITY_MONTHS, validFromLimitOn, VALID_FROM_LIMITS } from '../policy/date-limits';
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, caseDetails, CaseEvents, revocationProposal } from '../testing/case-events';
import { given } from '../testing/given-when-then';
import type { LicenceEvent } from './licence.events';

const d = (value: string) => value as LocalDate;
const applied = (): LicenceEvent => new CaseEvents('c-dates').register('2024-11-01').events[0]!;
const issuedOn = (on: string): LicenceEvent[] => new CaseEvents('c-dates').register(on).issue(on).events;
const issue = (validFrom: string) => ({
  type: 'IssueLicence' as const,
  assessment: ASSESSMENT,
  validFrom: d(validFrom),
});

describe('validFrom lies at most a bounded time after the decision date', () => {
  it('the bound is a dated row of 12 months whose source says it is an assumption, with its reasoning', () => {
    expect(VALID_FROM_LIMITS).toEqual([
      expect.objectContaining({
        id: 'valid-from-within-12-months',
        months: 12,
        source: expect.objectContaining({ assumption: true, note: expect.stringContaining('assessment') }),
      }),
    ]);
    expect(validFromLimitOn(d('2024-11-28')).latestValidFrom).toBe('2025-11-28');
  });

  it('given an application, when issued with validFrom exactly 12 months after the decision date, then it is issued', () => {
    given(applied())
      .when(issue('2025-11-28'), '2024-11-28')
      .then([
        expect.objectContaining({
          type: 'Issued',
          data: expect.objectContaining({ validFrom: '2025-11-28', validUntil: '2028-11-27' }),
        }),
      ]);
  });

  it('given an application, when issued with validFrom one day past the bound, then VALID_FROM_TOO_FAR_AHEAD names the dates', () => {
    const error = given(applied())
      .when(issue('2025-11-29'), '2024-11-28')
      .thenThrows('VALID_FROM_TOO_FAR_AHEAD', 'rule-violation');
    expect(error.details).toEqual({
      field: 'validFrom',
      decisionDate: '2024-11-28',
      latestValidFrom: '2025-11-28',
      limitId: 'valid-from-within-12-months',
      months: 12,
    });
    expect(error.message).toContain('the latest start allowed is 2025-11-28');
  });

  it.each(['9999-12-31', '9999-01-01', '3000-02-28'])(
    'given an application, when issued with validFrom %s (issue 11 probe), then a 422 rule violation, not a RangeError',
    (validFrom) => {
      given(applied())
        .when(issue(validFrom), '2024-11-28')
        .thenThrows('VALID_FROM_TOO_FAR_AHEAD', 'rule-violation');
    },
  );

  it.each(['2025-02-30', '10000-01-01', '2025-1-01', ''])(
    'given an application, when issued with validFrom %j that is no calendar date, then INVALID_DATE naming validFrom',
    (validFrom) => {
      const error = given(applied())
        .when(issue(validFrom), '2024-11-28')
        .thenThrows('INVALID_DATE', 'rule-violation');
      expect(error.details).toEqual({ field: 'validFrom' });
    },
  );

  it('on 29 February the bound is 1 March of the next year (the same rule as validity periods)', () => {
    expect(validFromLimitOn(d('2024-02-29')).latestValidFrom).toBe('2025-03-01');
  });
});

describe('other dates a command gives', () => {
  it.each(['9999-12-31', '2999-01-01'])(
    'given an issued licence, when extended to %s, then EXTENSION_BEYOND_RULE (the rule bounds it)',
    (validUntil) => {
      given(...issuedOn('2024-11-28'))
        .when({ type: 'ExtendLicence', reassessment: ASSESSMENT, validUntil: d(validUntil) }, '2025-06-01')
        .thenThrows('EXTENSION_BEYOND_RULE', 'rule-violation');
    },
  );

  it('given an issued licence, when extended to a non-date, then INVALID_DATE naming validUntil', () => {
    const error = given(...issuedOn('2024-11-28'))
      .when({ type: 'ExtendLicence', reassessment: ASSESSMENT, validUntil: d('2026-02-29') }, '2025-06-01')
      .thenThrows('INVALID_DATE', 'rule-violation');
    expect(error.details).toEqual({ field: 'validUntil' });
  });

  it('given an issued licence, when a revocation cites evidence dated 9999-12-31, then EVIDENCE_FROM_THE_FUTURE', () => {
    const evidence = [{ title: 'Report', source: 'UN', date: d('9999-12-31'), reference: 'S/1' }];
    given(...issuedOn('2024-11-28'))
      .when(revocationProposal(evidence), '2025-06-01')
      .thenThrows('EVIDENCE_FROM_THE_FUTURE', 'rule-violation');
  });

  it('given an issued licence, when a revocation cites evidence with a non-date, then INVALID_DATE naming the field', () => {
    const evidence = [{ title: 'Report', source: 'UN', date: d('2025-13-01'), reference: 'S/1' }];
    const error = given(...issuedOn('2024-11-28'))
      .when(revocationProposal(evidence), '2025-06-01')
      .thenThrows('INVALID_DATE', 'rule-violation');
    expect(error.details).toEqual({ field: 'evidence.0.date' });
  });

  it(`given a case stating a contract of more than ${LONGEST_VALIDITY_MONTHS} months, then INVALID_CONTRACT_TERM`, () => {
    const details = caseDetails({ contract: { termMonths: LONGEST_VALIDITY_MONTHS + 1 } });
    given()
      .when({ type: 'RegisterCase', caseId: 'c-dates', procedure: 'application', details }, '2024-11-28')
      .thenThrows('INVALID_CONTRACT_TERM', 'rule-violation');
  });
});

describe('the moment of decision', () => {
  it.each([
    ['an invalid instant', new Date(Number.NaN)],
    ['year 0', new Date('0000-06-01T00:00:00Z')],
    ['the last half hour of 9999 (10000 in Amsterdam)', new Date('9999-12-31T23:30:00Z')],
  ])('decided at %s, a command is refused with DATE_OUT_OF_RANGE, not a RangeError', (_, at) => {
    given(applied()).when(issue('2025-01-01'), at).thenThrows('DATE_OUT_OF_RANGE', 'rule-violation');
  });
});
