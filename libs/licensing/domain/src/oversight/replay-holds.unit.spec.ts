import type { LicenceEvent } from '../licence/licence.events';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, ASSESSOR, CaseEvents, SENIOR } from '../testing/case-events';
import { replayCase } from './replay';

/*
 * Replay of the steps beside the main path (issue 13). The decider refuses a decision on a held
 * case; imported history that recorded one anyway is a deviation oversight must see.
 */

const d = (value: string) => value as LocalDate;
const replay = (events: CaseEvents) => replayCase(events.caseId, events.inputs, DUTCH_VALIDITY_POLICY);

const putOnHold = (on: string, measureId: string | null = null): LicenceEvent => ({
  type: 'PutOnHold',
  data: { reason: 'Situation in the country', heldBy: ASSESSOR, measureId, decisionDate: d(on) },
});

describe('replay of holds', () => {
  it('finds an issue recorded while the case was held by a country measure, as a deviation naming the hold', () => {
    const events = new CaseEvents('held').register('2024-01-08');
    // The issue as the decider gives it without the hold: what an import could have carried in.
    const issued = events.wouldIssue('2024-02-01');
    events.record(putOnHold('2024-01-10', 'm-tr')).record(issued);
    const { findings } = replay(events);
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'DECIDED_WHILE_ON_HOLD',
        severity: 'deviation',
        revision: 2,
        recorded: 'Issued',
        message: expect.stringContaining('on hold since 2024-01-10 (measure m-tr)') as string,
      }),
    ]);
  });

  it('finds a denial and a sondage answer recorded while held, but not a withdrawal', () => {
    const denied = new CaseEvents('denied').register('2024-01-08').record(putOnHold('2024-01-10'));
    denied.record({
      type: 'Denied',
      data: { criteria: [2], reasoning: 'Risk', decisionDate: d('2024-02-01') },
    });
    expect(replay(denied).findings.map((f) => [f.code, f.recorded])).toEqual([
      ['DECIDED_WHILE_ON_HOLD', 'Denied'],
    ]);

    const answered = new CaseEvents('answered')
      .decide(
        {
          type: 'RegisterCase',
          caseId: 'answered',
          procedure: 'sondage',
          details: (
            new CaseEvents('x').register('2024-01-08').events[0] as Extract<LicenceEvent, { type: 'Applied' }>
          ).data.details,
        },
        '2024-01-08',
      )
      .record(putOnHold('2024-01-10'))
      .record({
        type: 'SondageAnswered',
        data: { outcome: 'positive', reasoning: 'Fine', criteria: [], decisionDate: d('2024-02-01') },
      });
    expect(replay(answered).findings.map((f) => f.code)).toEqual(['DECIDED_WHILE_ON_HOLD']);

    const withdrawn = new CaseEvents('withdrawn')
      .register('2024-01-08')
      .record(putOnHold('2024-01-10'))
      .decide({ type: 'WithdrawCase', reason: 'The applicant withdrew' }, '2024-02-01');
    expect(replay(withdrawn).findings).toEqual([]);
  });

  it('finds nothing in a history held, released and then decided, nor in suspensions and reassessments', () => {
    const events = new CaseEvents('ok')
      .register('2024-01-08')
      .decide({ type: 'HoldCase', reason: 'Situation in the country' }, '2024-01-10')
      .decide({ type: 'ReleaseCase', reason: 'Assessed' }, '2024-01-20')
      .issue('2024-02-01');
    events
      .decide({ type: 'ReassessLicence', assessment: ASSESSMENT, outcome: 'maintained' }, '2024-03-01')
      .decide(
        {
          type: 'SuspendLicence',
          criteria: [2],
          evidence: [{ title: 'Report', source: 'UN', date: d('2024-03-01'), reference: 'S/1' }],
          reasons: 'Under investigation',
        },
        '2024-04-01',
        SENIOR,
      )
      .decide({ type: 'ReinstateLicence', reason: 'Cleared' }, '2024-05-01', SENIOR);
    const { findings, steps } = replay(events);
    expect(findings).toEqual([]);
    expect(steps.map((s) => s.event.type)).toEqual([
      'Applied',
      'PutOnHold',
      'Released',
      'Issued',
      'Reassessed',
      'Suspended',
      'Reinstated',
    ]);
  });

  it('finds a reinstatement without a suspension as a transition no rule allows', () => {
    const events = new CaseEvents('no-suspension').register('2024-01-08').issue('2024-01-15');
    events.record({
      type: 'Reinstated',
      data: {
        reason: 'Cleared',
        reinstatedBy: SENIOR,
        suspendedOn: d('2024-02-01'),
        validAgainOn: d('2024-03-02'),
        decisionDate: d('2024-03-01'),
      },
    });
    expect(replay(events).findings.map((f) => [f.code, f.recorded])).toEqual([
      ['TRANSITION_NOT_ALLOWED', 'issued'],
    ]);
  });
});
