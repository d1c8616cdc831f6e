import type { Issued, LicenceEvent } from '../licence/licence.events';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import { applicableRule } from '../policy/validity-policy.evaluator';
import type { ValidityQuestion } from '../policy/validity-policy.evaluator';
import type { LocalDate } from '../shared/local-date';
import { decide } from '../licence/licence.decider';
import { ASSESSMENT, ASSESSOR, CaseEvents, SENIOR } from '../testing/case-events';
import { instant, stateAfter } from '../testing/given-when-then';
import { replayCase } from './replay';

const d = (value: string) => value as LocalDate;
const V = 'nl-export-licence-validity';
const MK = { country: 'MK', endUser: 'Army of North Macedonia' };
const SA = { country: 'SA', endUser: 'Ministry of Defence' };

/** What the table asks of a definitive individual military licence to one country. */
const militaryQuestion = (country: string): ValidityQuestion => ({
  destinations: [country],
  goodsCategory: 'military',
  kind: 'individual',
  afterSales: false,
  exportType: 'definitive',
  firearmsAct: false,
});

const replay = (events: CaseEvents) => replayCase(events.caseId, events.inputs, DUTCH_VALIDITY_POLICY);
const codes = (events: CaseEvents) => replay(events).findings.map((f) => f.code);

/** An Issued event as the decider would give it on `on`, with some fields changed by hand. */
function issuedWith(
  events: CaseEvents,
  on: string,
  change: (data: Issued['data']) => Issued['data'],
): Issued {
  return { type: 'Issued', data: change(events.wouldIssue(on).data) };
}

describe('re-checking recorded decisions against the policy in force on their decision date', () => {
  describe('given North Macedonia on 2020-03-26, the day before it joined NATO', () => {
    const applied = () => new CaseEvents('mk').register('2020-03-20', { destination: MK });
    // An ally on the next day: the rule and country facts an importer wrongly carried back.
    const alliedRule = applicableRule(DUTCH_VALIDITY_POLICY, militaryQuestion('MK'), d('2020-03-27'));

    it('when an imported issue gave 3 years relying on NATO membership, then longer validity, wrong rule and an untrue fact are deviations', () => {
      // Relabelled to the decision date so that only the membership fact is untrue.
      const rule = { ...alliedRule, countryFacts: { ...alliedRule.countryFacts, on: d('2020-03-26') } };
      const events = applied();
      events.record(
        issuedWith(events, '2020-03-26', (data) => ({
          ...data,
          validUntil: d('2023-03-25'), // 2020-03-26 + 36 months - 1 day
          rule,
        })),
      );

      const { findings, steps } = replay(events);

      expect(findings).toEqual([
        expect.objectContaining({
          code: 'VALIDITY_LONGER_THAN_RULE',
          severity: 'deviation',
          caseId: 'mk',
          revision: 1,
          decisionType: 'Issued',
          decisionDate: '2020-03-26',
          field: 'validUntil',
          recorded: '2023-03-25',
          expected: '2021-03-25', // the default rule's 12 months
        }),
        expect.objectContaining({
          code: 'RULE_MISMATCH',
          severity: 'deviation',
          recorded: 'allies (36 months)',
          expected: 'default (12 months)',
        }),
        expect.objectContaining({
          code: 'MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE',
          severity: 'deviation',
          recorded: ['NATO', 'NATO+'],
          expected: [],
          message: expect.stringContaining('MK joined NATO only on 2020-03-27'),
        }),
      ]);
      expect(steps[1]?.recheck).toMatchObject({
        recorded: { ruleId: 'allies', months: 36, policyVersion: `${V}@2019-04-17` },
        expected: { ruleId: 'default', months: 12, validUntil: '2021-03-25', countryGroups: [] },
      });
    });

    it('when the imported issue gave 3 years but recorded the true facts, then no membership finding', () => {
      const events = applied();
      events.record(issuedWith(events, '2020-03-26', (data) => ({ ...data, validUntil: d('2023-03-25') })));

      expect(codes(events)).toEqual(['VALIDITY_LONGER_THAN_RULE']);
    });

    it('when the licence was issued by the decider a day later, then there is nothing to report', () => {
      expect(codes(applied().issue('2020-03-27'))).toEqual([]);
    });
  });

  it('given a shorter period than the rule gives, then it is a note, not a deviation', () => {
    const events = new CaseEvents('de').register('2024-11-25');
    events.record(issuedWith(events, '2024-11-28', (data) => ({ ...data, validUntil: d('2025-11-27') })));

    expect(replay(events).findings).toEqual([
      expect.objectContaining({
        code: 'VALIDITY_SHORTER_THAN_RULE',
        severity: 'note',
        recorded: '2025-11-27',
        expected: '2027-11-27',
      }),
    ]);
  });

  it('given a decision that names a policy version not in force that day, then POLICY_VERSION_MISMATCH', () => {
    const events = new CaseEvents('v').register('2024-11-25');
    events.record(
      issuedWith(events, '2024-11-28', (data) => ({
        ...data,
        rule: { ...data.rule, policyVersion: `${V}@initial` },
      })),
    );

    expect(replay(events).findings).toEqual([
      expect.objectContaining({
        code: 'POLICY_VERSION_MISMATCH',
        recorded: `${V}@initial`,
        expected: `${V}@2023-04-18`,
      }),
    ]);
  });

  describe('given a licence to Saudi Arabia issued on 2024-01-10 for one year (until 2025-01-09)', () => {
    const issued = () => new CaseEvents('sa').register('2024-01-08', { destination: SA }).issue('2024-01-10');

    it('when an imported extension on 2024-12-01 ran beyond the bound of the rule, then a deviation', () => {
      const events = issued();
      const { data } = events.wouldExtend('2024-12-01');
      events.record({ type: 'Extended', data: { ...data, validUntil: d('2026-12-31') } });

      expect(replay(events).findings).toEqual([
        expect.objectContaining({
          code: 'VALIDITY_LONGER_THAN_RULE',
          revision: 2,
          decisionType: 'Extended',
          recorded: '2026-12-31',
          expected: '2025-11-30', // 2024-12-01 + 12 months - 1 day
        }),
      ]);
    });

    it('when the assessor extended to less than the bound, then a note', () => {
      const events = issued().extend('2024-12-01', '2025-06-30');

      expect(replay(events).findings).toEqual([
        expect.objectContaining({
          code: 'VALIDITY_SHORTER_THAN_RULE',
          severity: 'note',
          expected: '2025-11-30',
        }),
      ]);
    });

    it('when extended by the decider to the bound, then no finding, and each step shows the state before and after', () => {
      const { steps, findings } = replay(issued().extend('2024-12-01'));

      expect(findings).toEqual([]);
      expect(steps.map((s) => [s.event.type, s.stateBefore?.status, s.stateAfter?.status])).toEqual([
        ['Applied', undefined, 'applied'],
        ['Issued', 'applied', 'issued'],
        ['Extended', 'issued', 'issued'],
      ]);
      expect(steps[2]?.stateBefore?.validUntil).toBe('2025-01-09');
      expect(steps[2]?.stateAfter?.validUntil).toBe('2025-11-30');
      expect(steps[0]?.recheck).toBeUndefined();
    });

    it('when an imported extension came after the licence had expired, then the transition is a deviation', () => {
      const events = issued();
      const { data } = events.wouldExtend('2024-12-01');
      // Dated 2025-02-01, after the end of validity on 2025-01-09; bound 2026-01-31.
      events.record({
        type: 'Extended',
        data: { ...data, decisionDate: d('2025-02-01'), validUntil: d('2026-01-31') },
      });

      expect(replay(events).findings).toEqual([
        expect.objectContaining({
          code: 'TRANSITION_NOT_ALLOWED',
          recorded: 'expired',
          expected: ['issued'],
        }),
      ]);
    });
  });

  describe('revocations and the four-eyes rule', () => {
    const evidence = [{ title: 'UN report', source: 'UN', date: d('2021-06-01'), reference: 'S/2021/1' }];
    const grounds = { circumstances: 'Armed conflict', criteria: [2 as const], evidence };

    it('given a revocation proposed and approved by two officials, then nothing is found', () => {
      const events = new CaseEvents('four-eyes')
        .register('2021-01-04')
        .issue('2021-01-20')
        .revoke('2021-06-01');
      expect(codes(events)).toEqual([]);
    });

    it('given imported history of a revocation by one official alone, then it is a note naming that official', () => {
      const events = new CaseEvents('alone').register('2021-01-04').issue('2021-01-20');
      const [alone] = decide(
        { type: 'RecordHistoricalRevocation', ...grounds },
        stateAfter(...events.events),
        { now: instant('2021-06-01'), actor: SENIOR, historical: true },
        DUTCH_VALIDITY_POLICY,
      );
      events.record(alone!);
      expect(replay(events).findings).toEqual([
        expect.objectContaining({
          code: 'REVOCATION_BY_ONE_OFFICIAL',
          severity: 'note',
          decisionType: 'RevokedForChangedCircumstances',
          revision: 2,
          field: 'proposedBy',
          recorded: null,
          message: expect.stringContaining(SENIOR.sub),
        }),
      ]);
    });
  });

  it('given an imported stream that starts with an issue, then the transition is a deviation and the case stays unregistered', () => {
    const events = new CaseEvents('orphan');
    const issuedEvent: LicenceEvent = {
      type: 'Issued',
      data: {
        decisionDate: d('2021-01-05'),
        validFrom: d('2021-01-05'),
        validUntil: d('2022-01-04'),
        assessment: ASSESSMENT,
        rule: applicableRule(DUTCH_VALIDITY_POLICY, militaryQuestion('SA'), d('2021-01-05')),
        issuedBy: ASSESSOR,
      },
    };
    events.record(issuedEvent);

    const { steps, findings } = replay(events);

    expect(findings.map((f) => [f.code, f.recorded])).toEqual([['TRANSITION_NOT_ALLOWED', 'none']]);
    expect(steps[0]).toMatchObject({ stateBefore: undefined, stateAfter: undefined });
  });
});
