/*
 * Re-checks after the table gained rows: a decision whose outcome still holds under another
 * row's name, or under the label of an earlier version, is a note; a decision whose outcome
 * the new rows change is a deviation. Membership facts are compared per destination.
 */
import type { Issued } from '../licence/licence.events';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import type { LocalDate } from '../shared/local-date';
import { CaseEvents } from '../testing/case-events';
import { DUAL_USE, TRADE_FAIR, to } from '../testing/validity-cases';
import { replayCase } from './replay';

const d = (value: string) => value as LocalDate;
const V = 'nl-export-licence-validity';

const replay = (events: CaseEvents) => replayCase(events.caseId, events.inputs, DUTCH_VALIDITY_POLICY);
const summary = (events: CaseEvents) => replay(events).findings.map((f) => [f.code, f.severity]);

function recordIssue(events: CaseEvents, on: string, change: (data: Issued['data']) => Issued['data']) {
  return events.record({ type: 'Issued', data: change(events.wouldIssue(on).data) });
}

describe('RULE_BASIS_DIFFERS: the same months under another row', () => {
  it('given a trade fair to DE recorded under default (12 months), then a note naming the temporary-export row', () => {
    const events = new CaseEvents('fair').register('2024-11-25', TRADE_FAIR);
    recordIssue(events, '2024-11-28', (data) => ({ ...data, rule: { ...data.rule, ruleId: 'default' } }));

    expect(replay(events).findings).toEqual([
      expect.objectContaining({
        code: 'RULE_BASIS_DIFFERS',
        severity: 'note',
        field: 'rule.ruleId',
        recorded: 'default',
        expected: 'temporary-export-one-year',
      }),
    ]);
  });

  it('given the trade fair recorded under allies with 36 months, then the months differ: RULE_MISMATCH and a longer validity', () => {
    const events = new CaseEvents('fair').register('2024-11-25', TRADE_FAIR);
    recordIssue(events, '2024-11-28', (data) => ({
      ...data,
      validUntil: d('2027-11-27'),
      rule: { ...data.rule, ruleId: 'allies', months: 36 },
    }));

    expect(summary(events)).toEqual([
      ['VALIDITY_LONGER_THAN_RULE', 'deviation'],
      ['RULE_MISMATCH', 'deviation'],
    ]);
  });
});

describe('POLICY_VERSION_LABEL_OUTDATED: the label of an earlier version that gives the case the same rule', () => {
  const label = (events: CaseEvents, on: string, policyVersion: string) =>
    recordIssue(events, on, (data) => ({ ...data, rule: { ...data.rule, policyVersion } }));

  it('given a military licence to DE decided 2022-01-10 labelled @2019-04-17, then a note, not a deviation', () => {
    const events = label(new CaseEvents('de').register('2022-01-03'), '2022-01-10', `${V}@2019-04-17`);

    expect(replay(events).findings).toEqual([
      expect.objectContaining({
        code: 'POLICY_VERSION_LABEL_OUTDATED',
        severity: 'note',
        recorded: `${V}@2019-04-17`,
        expected: `${V}@2021-09-09`,
      }),
    ]);
  });

  it('given the same licence labelled @initial (no allies row), then POLICY_VERSION_MISMATCH', () => {
    const events = label(new CaseEvents('de').register('2022-01-03'), '2022-01-10', `${V}@initial`);
    expect(summary(events)).toEqual([['POLICY_VERSION_MISMATCH', 'deviation']]);
  });

  it('given a label of a version not yet in force on the decision date, then POLICY_VERSION_MISMATCH', () => {
    const events = label(new CaseEvents('de').register('2022-01-03'), '2022-01-10', `${V}@2023-04-18`);
    expect(summary(events)).toEqual([['POLICY_VERSION_MISMATCH', 'deviation']]);
  });

  it('given a dual-use extension labelled @2019-04-17 that ran a year from its decision date, past the new maximum, then a deviation', () => {
    // Issued 2020-01-10; two years from then end on 2022-01-09. The version named knew no maximum.
    const events = new CaseEvents('du')
      .register('2020-01-06', { ...DUAL_USE, destination: to('US') })
      .issue('2020-01-10')
      .extend('2021-01-05');
    const { data } = events.wouldExtend('2021-12-01');
    events.record({
      type: 'Extended',
      data: {
        ...data,
        validUntil: d('2022-11-30'),
        maxValidUntil: d('2022-11-30'),
        rule: { ...data.rule, policyVersion: `${V}@2019-04-17` },
      },
    });

    expect(replay(events).findings).toEqual([
      expect.objectContaining({
        code: 'VALIDITY_LONGER_THAN_RULE',
        severity: 'deviation',
        recorded: '2022-11-30',
        expected: '2022-01-09',
      }),
      // The version named gives this extension another furthest end: the label is no mere relic.
      expect.objectContaining({ code: 'POLICY_VERSION_MISMATCH', severity: 'deviation' }),
    ]);
  });

  it('given a dual-use extension labelled @2019-04-17 that the new maximum does not reach, then a note', () => {
    // Issued 2021-06-01; extended on 2021-12-01 until 2022-11-30, within two years of the start.
    const events = new CaseEvents('du')
      .register('2021-05-25', { ...DUAL_USE, destination: to('US') })
      .issue('2021-06-01');
    const { data } = events.wouldExtend('2021-12-01');
    events.record({
      type: 'Extended',
      data: { ...data, rule: { ...data.rule, policyVersion: `${V}@2019-04-17` } },
    });

    expect(data.validUntil).toBe('2022-11-30');
    expect(summary(events)).toEqual([['POLICY_VERSION_LABEL_OUTDATED', 'note']]);
  });

  it('given the dual-use extension decided by the decider, capped at the maximum, then nothing to report', () => {
    const events = new CaseEvents('du')
      .register('2020-01-06', { ...DUAL_USE, destination: to('US') })
      .issue('2020-01-10')
      .extend('2021-01-05')
      .extend('2021-12-01');

    expect(replay(events).steps[3]?.recheck?.expected.validUntil).toBe('2022-01-09');
    expect(summary(events)).toEqual([]);
  });
});

describe('membership facts since NATO+ begins in 2010', () => {
  it('given a 2015 decision to AU recorded, in the old shape, with groups [NATO+], then no membership finding', () => {
    const events = new CaseEvents('au').register('2015-03-02', { destination: to('AU') });
    recordIssue(events, '2015-03-10', (data) => {
      const { destinations: _perDestination, ...oldShape } = data.rule;
      return {
        ...data,
        rule: {
          ...oldShape,
          countryFacts: { country: 'AU', on: d('2015-03-10'), groups: ['NATO+'], memberships: [] },
        },
      };
    });

    expect(replay(events).findings).toEqual([]);
    expect(replay(events).steps[1]?.recheck?.expected.countryGroups).toEqual(['NATO+']);
  });

  it('given the decider on 2015-03-10, then it records AU as NATO+ and replay finds nothing', () => {
    const events = new CaseEvents('au').register('2015-03-02', { destination: to('AU') }).issue('2015-03-10');

    expect((events.events[1] as Issued).data.rule.countryFacts.groups).toEqual(['NATO+']);
    expect(replay(events).findings).toEqual([]);
  });

  it('given a 2009 decision to AU recorded with groups [NATO+], then the fact was not yet true', () => {
    const events = new CaseEvents('au').register('2009-12-01', { destination: to('AU') });
    recordIssue(events, '2009-12-31', (data) => ({
      ...data,
      rule: {
        ...data.rule,
        destinations: data.rule.destinations?.map((dest) => ({
          ...dest,
          countryFacts: { ...dest.countryFacts, groups: ['NATO+'] },
        })),
      },
    }));

    expect(replay(events).findings).toEqual([
      expect.objectContaining({
        code: 'MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE',
        field: 'rule.countryFacts.groups',
        message: expect.stringContaining('AU joined NATO+ only on 2010-01-01'),
      }),
    ]);
  });

  it('given a global licence to DE and TR that records TR as an EU member, then the finding names the second destination', () => {
    const events = new CaseEvents('g').register('2024-11-25', {
      kind: 'global',
      destinations: [to('DE'), to('TR')],
    });
    recordIssue(events, '2024-11-28', (data) => ({
      ...data,
      rule: {
        ...data.rule,
        destinations: data.rule.destinations?.map((dest) =>
          dest.country === 'TR'
            ? { ...dest, countryFacts: { ...dest.countryFacts, groups: ['EU', 'NATO', 'NATO+'] } }
            : dest,
        ),
      },
    }));

    expect(replay(events).findings).toEqual([
      expect.objectContaining({
        code: 'MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE',
        field: 'rule.destinations.1.countryFacts.groups',
        recorded: ['EU', 'NATO', 'NATO+'],
        expected: ['NATO', 'NATO+'],
      }),
    ]);
  });
});
