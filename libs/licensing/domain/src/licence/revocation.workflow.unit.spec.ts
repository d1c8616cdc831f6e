import fc from 'fast-check';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import { DomainError } from '../shared/domain-error';
import { addDays } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, caseDetails } from '../testing/case-events';
import type { LicenceCommand } from './licence.commands';
import { decide } from './licence.decider';
import type { LicenceEvent, RevokedForChangedCircumstances } from './licence.events';
import { evolve } from './licence.state';
import type { LicenceState } from './licence.state';
import type { Official } from './licence.values';

/*
 * The revocation workflow under random use: random officials (some holding several roles) issue,
 * extend, propose, withdraw, reject and approve in random order on one licence. Whatever the
 * decider accepts, the recorded history must never hold a revocation approved by its proposer or
 * by an official who issued or extended the licence, never a revocation without a proposal, and
 * never two revocations. The invariants are checked on the events alone, not on the decider's
 * state, so that a wrong fold cannot hide a wrong decision.
 */

const SUBS = ['ann', 'bob', 'cem', 'dee'] as const;
const ROLES = ['assessor', 'senior-assessor'] as const;
const START = '2024-03-01' as LocalDate;

const official = fc.record({ sub: fc.constantFrom(...SUBS), role: fc.constantFrom(...ROLES) });

const evidence = [{ title: 'UN report', source: 'UN', date: START, reference: 'S/2024/1' }];

const command: fc.Arbitrary<LicenceCommand> = fc.oneof(
  fc.constant<LicenceCommand>({
    type: 'ProposeRevocation',
    circumstances: 'Armed conflict',
    criteria: [3],
    evidence,
  }),
  fc.constant<LicenceCommand>({ type: 'WithdrawRevocationProposal', reason: 'Retracted' }),
  fc.constant<LicenceCommand>({ type: 'RejectRevocationProposal', reason: 'Not proven' }),
  fc.constant<LicenceCommand>({ type: 'ApproveRevocation', additionalEvidence: [] }),
  fc.constant<LicenceCommand>({ type: 'ExtendLicence', reassessment: ASSESSMENT }),
);

/** One step: who asks what, some days after the previous step. */
const step = fc.record({ by: official, command, daysLater: fc.integer({ min: 0, max: 40 }) });

interface Run {
  readonly events: LicenceEvent[];
  readonly refusals: string[];
}

function play(
  issuer: Official,
  steps: readonly { by: Official; command: LicenceCommand; daysLater: number }[],
): Run {
  const events: LicenceEvent[] = [];
  const refusals: string[] = [];
  let state: LicenceState = undefined;
  let day = START;
  const attempt = (cmd: LicenceCommand, actor: Official) => {
    try {
      const decided = decide(cmd, state, { now: new Date(`${day}T12:00:00Z`), actor }, DUTCH_VALIDITY_POLICY);
      events.push(...decided);
      state = decided.reduce(evolve, state);
    } catch (error) {
      // Only the domain may refuse; anything else is a bug the property must surface.
      if (!(error instanceof DomainError)) throw error;
      refusals.push(error.code);
    }
  };
  attempt({ type: 'RegisterCase', caseId: 'c', procedure: 'application', details: caseDetails() }, issuer);
  attempt({ type: 'IssueLicence', assessment: ASSESSMENT }, issuer);
  for (const s of steps) {
    day = addDays(day, s.daysLater);
    attempt(s.command, s.by);
  }
  return { events, refusals };
}

/** Who issued or extended the licence before `index`, read from the events. */
function decidersBefore(events: readonly LicenceEvent[], index: number): Set<string> {
  const subs = new Set<string>();
  for (const e of events.slice(0, index)) {
    if (e.type === 'Issued') subs.add(e.data.issuedBy.sub);
    if (e.type === 'Extended') subs.add(e.data.extendedBy.sub);
  }
  return subs;
}

/** The proposal a revocation at `index` approved: the last proposal not closed before it. */
function openProposalBefore(events: readonly LicenceEvent[], index: number): Official | undefined {
  let open: Official | undefined;
  for (const e of events.slice(0, index)) {
    if (e.type === 'RevocationProposed') open = e.data.proposedBy;
    if (e.type === 'RevocationProposalWithdrawn' || e.type === 'RevocationProposalRejected') open = undefined;
  }
  return open;
}

describe('the revocation workflow (property-based)', () => {
  it('never records a revocation approved by its proposer or by an issuer or extender, nor two revocations', () => {
    let revocations = 0;
    const refused = new Set<string>();
    fc.assert(
      fc.property(official, fc.array(step, { maxLength: 25 }), (issuer, steps) => {
        const { events, refusals } = play(issuer, steps);
        refusals.forEach((code) => refused.add(code));
        const revoked = events
          .map((event, index) => ({ event, index }))
          .filter(
            (x): x is { event: RevokedForChangedCircumstances; index: number } =>
              x.event.type === 'RevokedForChangedCircumstances',
          );
        expect(revoked.length).toBeLessThanOrEqual(1);
        for (const { event, index } of revoked) {
          revocations++;
          const proposer = openProposalBefore(events, index);
          expect(proposer).toBeDefined();
          expect(event.data.proposedBy).toEqual(proposer);
          expect(event.data.approvedBy.sub).not.toBe(proposer?.sub);
          expect(decidersBefore(events, index).has(event.data.approvedBy.sub)).toBe(false);
          // Nothing follows a revocation.
          expect(index).toBe(events.length - 1);
        }
        events.forEach((e, index) => {
          if (e.type === 'RevocationProposalWithdrawn') {
            expect(e.data.withdrawnBy.sub).toBe(openProposalBefore(events, index)?.sub);
          }
          if (e.type === 'RevocationProposalRejected') {
            expect(e.data.rejectedBy.sub).not.toBe(e.data.proposedBy.sub);
            expect(decidersBefore(events, index).has(e.data.rejectedBy.sub)).toBe(false);
          }
        });
      }),
      { numRuns: 400 },
    );
    // The generator must reach both outcomes, or the property above proves nothing.
    expect(revocations).toBeGreaterThan(0);
    expect([...refused]).toEqual(
      expect.arrayContaining([
        'REVOCATION_APPROVER_IS_PROPOSER',
        'REVOCATION_APPROVER_DECIDED_LICENCE',
        'ONLY_PROPOSER_MAY_WITHDRAW',
        'NO_OPEN_REVOCATION_PROPOSAL',
        'REVOCATION_PROPOSAL_ALREADY_OPEN',
        'CASE_CLOSED',
      ]),
    );
  });
});
