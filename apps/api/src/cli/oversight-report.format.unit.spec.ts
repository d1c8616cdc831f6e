import { decide, DUTCH_VALIDITY_POLICY, evolve, replayCase } from '@licences/licensing-domain';
import type {
  CaseDetails,
  LicenceCommand,
  LicenceEvent,
  LicenceState,
  LocalDate,
  Official,
} from '@licences/licensing-domain';
import type { CaseReplayView } from '@licences/licensing-read-models';
import { formatCaseReplay } from './oversight-report.format';

/*
 * The replay's text shows the steps beside the main path with who took them and why: the reason
 * of a hold and of a suspension, the window a reinstatement closed, the hold a release lifted.
 */

const ASSESSOR: Official = { sub: 'p.de.vries', role: 'assessor' };
const SENIOR: Official = { sub: 'a.visser', role: 'senior-assessor' };
const details: CaseDetails = {
  applicant: { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' },
  kind: 'individual',
  afterSales: false,
  goodsCategory: 'military',
  goods: [{ controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 2, valueEur: 1e6 }],
  exportType: 'definitive',
  firearmsAct: false,
  destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
};
const assessment = { summary: 'No clear risk', findings: [{ criterion: 7 as const, finding: 'Low risk' }] };
const evidence = [
  { title: 'UN report', source: 'UN', date: '2024-03-01' as LocalDate, reference: 'S/2024/1' },
];

function replayOf(steps: readonly [LicenceCommand, string, Official][]): CaseReplayView {
  let state: LicenceState = undefined;
  const recorded: { event: LicenceEvent; actor: Official; at: string }[] = [];
  for (const [command, on, actor] of steps) {
    for (const event of decide(
      command,
      state,
      { now: new Date(`${on}T10:00:00Z`), actor },
      DUTCH_VALIDITY_POLICY,
    )) {
      state = evolve(state, event);
      recorded.push({ event, actor, at: `${on}T10:00:00Z` });
    }
  }
  const replay = replayCase(
    'c-1',
    recorded.map(({ event }, revision) => ({ revision, event })),
    DUTCH_VALIDITY_POLICY,
  );
  return {
    id: 'c-1',
    findings: replay.findings,
    steps: recorded.map(({ event, actor, at }, revision) => ({
      revision,
      type: event.type,
      decisionDate: event.data.decisionDate,
      occurredAt: at,
      recordedAt: at,
      actor,
      decided: event.data,
      stateBefore: replay.steps[revision]?.stateBefore ?? null,
      stateAfter: replay.steps[revision]?.stateAfter ?? null,
    })),
  };
}

describe('the replay text of holds, reassessments and suspensions', () => {
  it('says why a case was held and which hold a release lifted', () => {
    const text = formatCaseReplay(
      replayOf([
        [
          { type: 'RegisterCase', caseId: 'c-1', procedure: 'application', details },
          '2024-01-08',
          { sub: 'j.jansen', role: 'intake' },
        ],
        [{ type: 'HoldCase', reason: 'Consulting Foreign Affairs' }, '2024-01-10', ASSESSOR],
        [{ type: 'ReleaseCase', reason: 'Consulted' }, '2024-02-01', ASSESSOR],
      ]),
    );
    expect(text).toContain('PutOnHold');
    expect(text).toContain('by p.de.vries (assessor)');
    expect(text).toContain('      held: Consulting Foreign Affairs\n');
    expect(text).toContain('      released held since 2024-01-10: Consulting Foreign Affairs\n');
  });

  it('says why a licence was suspended, when it was not valid, and counts its reassessments', () => {
    const text = formatCaseReplay(
      replayOf([
        [
          { type: 'RegisterCase', caseId: 'c-1', procedure: 'application', details },
          '2024-01-08',
          { sub: 'j.jansen', role: 'intake' },
        ],
        [{ type: 'IssueLicence', assessment }, '2024-01-18', ASSESSOR],
        [{ type: 'ReassessLicence', assessment, outcome: 'maintained' }, '2024-02-01', ASSESSOR],
        [
          { type: 'SuspendLicence', criteria: [2], evidence, reasons: 'Diversion under investigation' },
          '2024-03-04',
          SENIOR,
        ],
        [{ type: 'ReinstateLicence', reason: 'No diversion found' }, '2024-04-02', SENIOR],
      ]),
    );
    expect(text).toContain('      reassessment 1 of the licence, maintained\n');
    expect(text).toContain(
      '      suspended from 2024-03-04 (not valid until reinstated; end date unchanged): Diversion under investigation; criteria 2\n',
    );
    expect(text).toContain('by a.visser (senior-assessor)');
    expect(text).toContain('      not valid 2024-03-04..2024-04-02; valid again the day after\n');
  });
});
