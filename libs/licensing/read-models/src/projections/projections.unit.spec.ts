import type { RecordedEvent } from '@licences/event-store';
import { localDate } from '@licences/licensing-domain';
import type { LicenceCase, LicenceCommand } from '@licences/licensing-domain';
import type { LicenceValidityRow } from '../read-model.rows';
import { CaseHistoryBuilder } from '../testing/case-history.builder';
import { historyEntryOf } from './decision-history.projection';
import { projectValidity } from './licence-validity.projection';
import { projectRevocation } from './revocation-justification.projection';

const foldValidity = (events: RecordedEvent[]) =>
  events.reduce<LicenceValidityRow | undefined>((row, e) => projectValidity(row, e) ?? row, undefined);

const foldRevocation = (events: RecordedEvent[]) => {
  let state: LicenceCase | undefined;
  const justifications = [];
  for (const e of events) {
    const step = projectRevocation(state, e);
    if (!step) continue;
    state = step.state;
    if (step.justification) justifications.push(step.justification);
  }
  return justifications;
};

describe('projections over event sequences', () => {
  const extendedThenRevoked = new CaseHistoryBuilder('p1')
    .register('2024-01-08T10:00:00Z', {
      goods: [
        { controlListEntry: 'ML10.a', description: 'UAV', quantity: 1, valueEur: 2_500_000 },
        { controlListEntry: 'ML10.a', description: 'UAV spares', quantity: 5, valueEur: 100_000 },
        { controlListEntry: 'ML11', description: 'Datalink', quantity: 1, valueEur: 400_000 },
      ],
    })
    .issue('2024-01-10T10:00:00Z')
    .extend('2026-06-01T10:00:00Z', '2028-12-31')
    .extend('2028-01-15T10:00:00Z')
    .revoke('2028-06-01T10:00:00Z');

  it('given extension after extension and a revocation, the validity row holds the final state', () => {
    expect(foldValidity(extendedThenRevoked.events)).toMatchObject({
      caseId: 'p1',
      revision: 5,
      status: 'revoked',
      validFrom: '2024-01-10',
      validUntil: '2031-01-14',
      ruleId: 'allies',
      controlListEntries: ['ML10.a', 'ML11'],
      totalValueEur: 3_000_000,
      lastDecisionType: 'RevokedForChangedCircumstances',
      lastDecisionDate: '2028-06-01',
      registeredAt: '2024-01-08T10:00:00.000Z',
      // The first event's official, though a later one decided last.
      registeredBy: { sub: 'bob', role: 'assessor' },
      updatedAt: '2028-06-01T10:00:00.000Z',
    });
  });

  it('given a revocation of an extended licence, the justification records the licence as it stood', () => {
    const [justification] = foldRevocation(extendedThenRevoked.events);
    expect(justification).toMatchObject({
      caseId: 'p1',
      revokedOn: '2028-06-01',
      proposedBy: { sub: 'bob', role: 'assessor' },
      proposedOn: '2028-06-01',
      approvedBy: { sub: 'carol', role: 'senior-assessor' },
      effectiveOn: '2028-06-01',
      objectionDeadline: '2028-07-13',
      objectionTermId: 'awb-6:7',
      circumstances: 'Armed conflict',
      criteria: [2, 3],
      destinationCountry: 'DE',
      issuedOn: '2024-01-10',
      validUntil: '2031-01-14',
      extensions: 2,
      daysOfValidityLeft: 958,
      daysBetweenIssueAndRevocation: 1604,
    });
    expect(justification?.evidence).toHaveLength(1);
    expect(justification?.additionalEvidence).toEqual([]);
  });

  it('a proposal that is withdrawn or rejected gives no justification, and the validity row stays issued', () => {
    const evidence = [
      { title: 'UN report', source: 'UN', date: localDate('2025-01-01'), reference: 'S/2025/1' },
    ];
    const proposal: LicenceCommand = {
      type: 'ProposeRevocation',
      circumstances: 'Armed conflict',
      criteria: [2],
      evidence,
    };
    const carol = { sub: 'carol', role: 'senior-assessor' };
    const history = new CaseHistoryBuilder('p3')
      .register('2024-01-08T10:00:00Z')
      .issue('2024-01-10T10:00:00Z')
      .decide(proposal, '2025-02-01T10:00:00Z')
      .decide({ type: 'WithdrawRevocationProposal', reason: 'Retracted' }, '2025-02-02T10:00:00Z')
      .decide(proposal, '2025-02-03T10:00:00Z')
      .decide(
        { type: 'RejectRevocationProposal', reason: 'Not proven' },
        '2025-02-04T10:00:00Z',
        undefined,
        carol,
      );
    expect(foldRevocation(history.events)).toEqual([]);
    expect(foldValidity(history.events)).toMatchObject({
      status: 'issued',
      revision: 5,
      lastDecisionType: 'Issued',
      state: expect.not.objectContaining({ revocationProposal: expect.anything() }),
    });
    expect(
      history.events
        .map(historyEntryOf)
        .map((e) => [e?.type, e?.actor.sub])
        .slice(2),
    ).toEqual([
      ['RevocationProposed', 'bob'],
      ['RevocationProposalWithdrawn', 'bob'],
      ['RevocationProposed', 'bob'],
      ['RevocationProposalRejected', 'carol'],
    ]);
  });

  it('given a licence never revoked, there is no justification', () => {
    expect(
      foldRevocation(
        new CaseHistoryBuilder('p2').register('2024-01-08T10:00:00Z').issue('2024-01-09T10:00:00Z').events,
      ),
    ).toEqual([]);
  });

  it('records every decision in the history with actor, both times, rule and payload', () => {
    const entries = extendedThenRevoked.events.map(historyEntryOf);
    expect(entries.map((e) => e?.type)).toEqual([
      'Applied',
      'Issued',
      'Extended',
      'Extended',
      'RevocationProposed',
      'RevokedForChangedCircumstances',
    ]);
    expect(entries[1]).toMatchObject({
      revision: 1,
      decisionDate: '2024-01-10',
      occurredAt: '2024-01-10T10:00:00.000Z',
      recordedAt: '2024-01-10T10:00:00.000Z',
      actor: { sub: 'bob', role: 'assessor' },
      ruleId: 'allies',
      policyVersion: 'nl-export-licence-validity@2023-04-18',
      payload: { validFrom: '2024-01-10', validUntil: '2027-01-09' },
    });
  });

  it('skips events of streams that are not licence cases', () => {
    const [first] = extendedThenRevoked.events;
    const foreign = { ...first!, streamId: 'audit-1' };
    expect(projectValidity(undefined, foreign)).toBeUndefined();
    expect(historyEntryOf(foreign)).toBeUndefined();
    expect(projectRevocation(undefined, foreign)).toBeUndefined();
  });
});
