import type { RecordedEvent } from '@licences/event-store';
import type { LicenceCase, LocalDate } from '@licences/licensing-domain';
import { assessment, CaseHistoryBuilder } from '../testing/case-history.builder';
import type { StatisticsFact } from './statistics.projection';
import { monthsOfValidity, projectStatistics, toCents } from './statistics.projection';

const facts = (events: readonly RecordedEvent[]): StatisticsFact[] => {
  let state: LicenceCase | undefined;
  const out: StatisticsFact[] = [];
  for (const event of events) {
    const step = projectStatistics(state, event);
    if (!step) continue;
    state = step.state;
    if (step.fact) out.push(step.fact);
  }
  return out;
};

describe('statistics projection', () => {
  it('records an issue with goods values in cents, its category, validity and time since application', () => {
    const history = new CaseHistoryBuilder('s1')
      .register('2024-01-08T10:00:00Z', {
        goods: [
          { controlListEntry: 'ML10.a', description: 'UAV', quantity: 1, valueEur: 0.1 },
          { controlListEntry: 'ML11', description: 'Datalink', quantity: 1, valueEur: 0.2 },
        ],
      })
      .issue('2024-01-18T10:00:00Z')
      .revoke('2025-02-01T10:00:00Z');
    const [applied, issued, revoked] = facts(history.events);
    expect(applied).toMatchObject({ kind: 'applied', decisionDate: '2024-01-08', appliedOn: '2024-01-08' });
    expect(issued).toMatchObject({
      kind: 'issued',
      decisionDate: '2024-01-18',
      appliedOn: '2024-01-08',
      licenceKind: 'individual',
      exportType: 'definitive',
      temporaryPurpose: null,
      firearmsAct: false,
      destinations: ['DE'],
      endUsers: ['Bundeswehr'],
      // 0.1 + 0.2 in euros drifts; in cents it is exactly 30.
      totalValueCents: 30,
      goods: [
        { controlListEntry: 'ML10.a', category: 'ML10', description: 'UAV', valueCents: 10 },
        { controlListEntry: 'ML11', category: 'ML11', description: 'Datalink', valueCents: 20 },
      ],
    });
    expect(issued?.validityMonths).toBe(issued?.ruleMonths);
    expect(revoked).toMatchObject({ kind: 'revoked', decisionDate: '2025-02-01', criteria: [2, 3] });
  });

  it('classifies each fact by licence kind, export type and purpose, firearms act and every destination', () => {
    const history = new CaseHistoryBuilder('s3')
      .register('2024-02-01T10:00:00Z', {
        kind: 'global',
        exportType: 'temporary',
        temporaryPurpose: 'exhibition-or-demonstration',
        firearmsAct: true,
        destinations: [
          { country: 'NO', endUser: 'Forsvaret' },
          { country: 'BE', endUser: 'Defensie' },
        ],
      })
      .issue('2024-02-12T10:00:00Z');
    const classified = facts(history.events).map((f) => [
      f.kind,
      f.licenceKind,
      f.exportType,
      f.temporaryPurpose,
      f.firearmsAct,
      f.destinations,
      f.endUsers,
    ]);
    const same = [
      'global',
      'temporary',
      'exhibition-or-demonstration',
      true,
      ['NO', 'BE'],
      ['Forsvaret', 'Defensie'],
    ];
    expect(classified).toEqual([
      ['applied', ...same],
      ['issued', ...same],
    ]);
  });

  it('reads back a working state stored with the single destination of before', () => {
    const history = new CaseHistoryBuilder('s4')
      .register('2024-03-01T10:00:00Z', { kind: 'transit' })
      .issue('2024-03-11T10:00:00Z');
    const [registered, issuedEvent] = history.events as [RecordedEvent, RecordedEvent];
    const current = projectStatistics(undefined, registered)!.state;
    // The shape a statistics_case_state row written before this change holds.
    const { destinations, exportType, firearmsAct, ...rest } = current.details;
    const stored = {
      ...current,
      details: { ...rest, destination: destinations[0] },
    } as unknown as LicenceCase;
    expect([exportType, firearmsAct]).toEqual(['definitive', false]);
    expect(projectStatistics(stored, issuedEvent)?.fact).toMatchObject({
      kind: 'issued',
      licenceKind: 'transit',
      exportType: 'definitive',
      firearmsAct: false,
      destinations: ['DE'],
      endUsers: ['Bundeswehr'],
      appliedOn: '2024-03-01',
    });
  });

  it('dates imported history by its business time, not by when it was recorded', () => {
    const imported = new CaseHistoryBuilder('s2')
      .register('2019-05-01T10:00:00Z', {}, '2024-11-28T10:00:00Z')
      .issue('2019-05-20T10:00:00Z', '2024-11-28T10:00:00Z');
    expect(facts(imported.events).map((f) => [f.kind, f.decisionDate])).toEqual([
      ['applied', '2019-05-01'],
      ['issued', '2019-05-20'],
    ]);
  });

  it('converts money and validity exactly', () => {
    expect(toCents(1_000_000.1)).toBe(100_000_010);
    expect(monthsOfValidity('2024-01-01' as never, '2024-12-31' as never)).toBe(12);
    expect(monthsOfValidity('2024-03-10' as never, '2027-03-09' as never)).toBe(36);
  });

  it("counts reassessments with their outcome, suspensions, reinstatements, holds and releases; not a measure's request", () => {
    const evidence = [
      { title: 'UN report', source: 'UN', date: '2025-03-01' as LocalDate, reference: 'S/2025/7' },
    ];
    const senior = { sub: 'carol', role: 'senior-assessor' };
    const licence = new CaseHistoryBuilder('s4')
      .register('2024-06-08T10:00:00Z', {
        goodsCategory: 'dual-use',
        goods: [{ controlListEntry: '5A002', description: 'Crypto', quantity: 1, valueEur: 1000 }],
        destinations: [{ country: 'US', endUser: 'NSA' }],
      })
      .issue('2024-06-18T10:00:00Z')
      .decide({ type: 'ReassessLicence', assessment, outcome: 'maintained' }, '2025-02-01T10:00:00Z')
      .decide(
        { type: 'SuspendLicence', criteria: [2], evidence, reasons: 'Escalation' },
        '2025-03-03T10:00:00Z',
        undefined,
        senior,
      )
      .decide(
        { type: 'ReinstateLicence', reason: 'Ceasefire holds' },
        '2025-04-01T10:00:00Z',
        undefined,
        senior,
      )
      .decide(
        {
          type: 'ReassessLicence',
          assessment,
          outcome: 'revocation-proposed',
          revocation: { circumstances: 'Armed conflict', criteria: [3], evidence },
        },
        '2025-05-01T10:00:00Z',
      );
    expect(facts(licence.events).map((f) => [f.kind, f.decisionDate, f.outcome, f.goodsCategory])).toEqual([
      ['applied', '2024-06-08', null, 'dual-use'],
      ['issued', '2024-06-18', null, 'dual-use'],
      ['reassessed', '2025-02-01', 'maintained', 'dual-use'],
      ['suspended', '2025-03-03', null, 'dual-use'],
      ['reinstated', '2025-04-01', null, 'dual-use'],
      // The proposal it opens is not a revocation until it is approved.
      ['reassessed', '2025-05-01', 'revocation-proposed', 'dual-use'],
    ]);
    const pending = new CaseHistoryBuilder('s5')
      .register('2025-01-06T10:00:00Z')
      .decide(
        { type: 'HoldCase', reason: 'Country measure pending', measureId: 'm-1' },
        '2025-01-07T10:00:00Z',
      )
      .decide({ type: 'ReleaseCase', reason: 'Lifted', measureId: 'm-1' }, '2025-02-07T10:00:00Z');
    expect(facts(pending.events).map((f) => [f.kind, f.decisionDate, f.appliedOn])).toEqual([
      ['applied', '2025-01-06', '2025-01-06'],
      ['held', '2025-01-07', '2025-01-06'],
      ['released', '2025-02-07', '2025-01-06'],
    ]);
    const requested = new CaseHistoryBuilder('s6')
      .register('2024-01-08T10:00:00Z')
      .issue('2024-01-18T10:00:00Z')
      .decide({ type: 'RequestReassessment', measureId: 'm-2', reason: 'Turkey' }, '2025-01-07T10:00:00Z');
    expect(facts(requested.events).map((f) => f.kind)).toEqual(['applied', 'issued']);
  });
});
