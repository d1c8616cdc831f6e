import { forbiddenTransition, separationOfDuties } from '../shared/domain-error';
import type { LocalDate } from '../shared/local-date';
import type {
  ApproveRevocation,
  DecisionContext,
  ProposeRevocation,
  RecordHistoricalRevocation,
  RejectRevocationProposal,
  WithdrawRevocationProposal,
} from './licence.commands';
import type { LicenceEvent, RevokedForChangedCircumstances } from './licence.events';
import { requireStatus } from './licence.lifecycle';
import { checkEvidence, requireCriteria, requireText } from './licence.rules';
import type { LicenceCase, LicenceState, OpenRevocationProposal } from './licence.state';
import type { Evidence, Official } from './licence.values';
import { revocationTermsOn } from './revocation-terms';

/*
 * Revocation takes two officials (four eyes): one proposes, with the change of circumstances,
 * the criteria and the evidence; another approves or rejects. The approver (and the rejecter, who
 * could otherwise shield a licence) is neither the proposer nor anyone who issued or extended the
 * licence. Officials are told apart by `sub`, so one person holding two roles is still one person.
 */

export type RevocationCommand =
  | ProposeRevocation
  | WithdrawRevocationProposal
  | RejectRevocationProposal
  | ApproveRevocation
  | RecordHistoricalRevocation;

type Grounds = Pick<ProposeRevocation, 'circumstances' | 'criteria' | 'evidence'>;

export function checkGrounds(grounds: Grounds, decisionDate: LocalDate): void {
  requireText(grounds.circumstances, 'circumstances');
  requireCriteria(grounds.criteria, 'criteria', true);
  checkEvidence(grounds.evidence, decisionDate);
}

export function proposalOpen(state: LicenceCase): void {
  const open = state.revocationProposal;
  if (!open) return;
  throw forbiddenTransition(
    'REVOCATION_PROPOSAL_ALREADY_OPEN',
    `A revocation proposed by ${open.proposedBy.sub} on ${open.proposedOn} is still open; it must be withdrawn, rejected or approved first`,
    { proposedBy: open.proposedBy, proposedOn: open.proposedOn },
  );
}

function openProposal(state: LicenceCase): OpenRevocationProposal {
  if (state.revocationProposal) return state.revocationProposal;
  throw forbiddenTransition('NO_OPEN_REVOCATION_PROPOSAL', 'No revocation of this licence is proposed', {
    caseStatus: state.status,
  });
}

/** The second official: neither the proposer nor anyone who issued or extended the licence. */
function requireSecondOfficial(
  state: LicenceCase,
  proposal: OpenRevocationProposal,
  actor: Official,
  step: 'approve' | 'reject',
): void {
  if (proposal.proposedBy.sub === actor.sub) {
    throw separationOfDuties(
      'REVOCATION_APPROVER_IS_PROPOSER',
      `${actor.sub} proposed this revocation and cannot ${step} it; another official must`,
      { official: actor.sub, proposedOn: proposal.proposedOn },
    );
  }
  const decided = (state.issuedOrExtendedBy ?? []).some((o) => o.sub === actor.sub);
  if (decided) {
    throw separationOfDuties(
      'REVOCATION_APPROVER_DECIDED_LICENCE',
      `${actor.sub} issued or extended this licence and cannot ${step} its revocation; another official must`,
      { official: actor.sub },
    );
  }
}

function revoked(
  state: LicenceCase,
  grounds: Grounds,
  additionalEvidence: readonly Evidence[],
  proposal: OpenRevocationProposal | undefined,
  approvedBy: Official,
  decisionDate: LocalDate,
): RevokedForChangedCircumstances {
  return {
    type: 'RevokedForChangedCircumstances',
    data: {
      circumstances: grounds.circumstances,
      criteria: grounds.criteria,
      evidence: grounds.evidence,
      additionalEvidence,
      validUntilAtRevocation: state.validUntil as LocalDate,
      proposedBy: proposal?.proposedBy ?? null,
      proposedOn: proposal?.proposedOn ?? null,
      approvedBy,
      ...revocationTermsOn(decisionDate),
      decisionDate,
    },
  };
}

/** The events of a revocation step on an issued licence, or a DomainError. */
export function decideRevocation(
  command: RevocationCommand,
  state: LicenceState,
  context: DecisionContext,
  decisionDate: LocalDate,
): LicenceEvent[] {
  const current = requireStatus(command.type, state, decisionDate);
  const { actor } = context;
  switch (command.type) {
    case 'ProposeRevocation': {
      proposalOpen(current);
      checkGrounds(command, decisionDate);
      const { circumstances, criteria, evidence } = command;
      return [
        {
          type: 'RevocationProposed',
          data: { proposedBy: actor, circumstances, criteria, evidence, decisionDate },
        },
      ];
    }
    case 'WithdrawRevocationProposal': {
      const proposal = openProposal(current);
      if (proposal.proposedBy.sub !== actor.sub) {
        throw separationOfDuties(
          'ONLY_PROPOSER_MAY_WITHDRAW',
          `Only ${proposal.proposedBy.sub}, who proposed this revocation, may withdraw it; a second official rejects it instead`,
          { official: actor.sub, proposedOn: proposal.proposedOn },
        );
      }
      requireText(command.reason, 'reason');
      return [
        {
          type: 'RevocationProposalWithdrawn',
          data: { reason: command.reason, withdrawnBy: actor, proposedOn: proposal.proposedOn, decisionDate },
        },
      ];
    }
    case 'RejectRevocationProposal': {
      const proposal = openProposal(current);
      requireSecondOfficial(current, proposal, actor, 'reject');
      requireText(command.reason, 'reason');
      const { proposedBy, proposedOn } = proposal;
      return [
        {
          type: 'RevocationProposalRejected',
          data: { reason: command.reason, rejectedBy: actor, proposedBy, proposedOn, decisionDate },
        },
      ];
    }
    case 'ApproveRevocation': {
      const proposal = openProposal(current);
      requireSecondOfficial(current, proposal, actor, 'approve');
      checkEvidence(command.additionalEvidence, decisionDate, false);
      return [revoked(current, proposal, command.additionalEvidence, proposal, actor, decisionDate)];
    }
    case 'RecordHistoricalRevocation': {
      if (context.historical !== true) {
        throw separationOfDuties(
          'REVOCATION_NEEDS_TWO_OFFICIALS',
          'A revocation is proposed by one official and approved by another; only imported history records one taken alone',
        );
      }
      proposalOpen(current);
      checkGrounds(command, decisionDate);
      return [revoked(current, command, [], undefined, actor, decisionDate)];
    }
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown revocation command ${(unexpected as { type: string }).type}`);
    }
  }
}
