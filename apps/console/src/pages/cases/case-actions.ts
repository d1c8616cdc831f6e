import type { Role } from '@licences/shared-identity';
import type { LicenceView } from '../../api/licence.types';
import { isOwnProposal } from '../../components/four-eyes';

/*
 * Which actions the case page offers, by the case's state and the official's acting role. This
 * only decides which forms to show: the API (its decider) judges every command, and a refusal is
 * shown as it answered. Mirrors the statuses in libs/licensing/domain/src/licence/licence.lifecycle.ts.
 */

export const CASE_ACTIONS = [
  'answer-sondage',
  'apply',
  'withdraw',
  'hold',
  'release',
  'issue',
  'deny',
  'extend',
  'reassess',
  'propose-revocation',
  'withdraw-proposal',
  'approve-revocation',
  'reject-proposal',
  'suspend',
  'reinstate',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface Offered {
  readonly actions: readonly CaseAction[];
  /** The official proposed the open revocation: they see it but cannot approve or reject it. */
  readonly ownProposal: boolean;
}

type Case = Pick<LicenceView, 'status' | 'onHold' | 'holds' | 'revocationProposal' | 'suspension'>;

const PENDING = ['sondage-requested', 'sondage-answered', 'applied'];

export function offeredActions(view: Case, official: { sub: string; actingRole: Role }): Offered {
  const { status } = view;
  const proposal = view.revocationProposal;
  const ownProposal = isOwnProposal(official.sub, proposal?.proposedBy);
  const live = status === 'issued' || status === 'suspended';
  const offered: CaseAction[] = [];
  const offer = (action: CaseAction, when: boolean) => {
    if (when) offered.push(action);
  };
  switch (official.actingRole) {
    case 'intake':
      offer('apply', status === 'sondage-answered');
      offer('withdraw', PENDING.includes(status));
      break;
    case 'assessor': {
      const heldByCase = view.holds.some((h) => h.measureId === null);
      offer('answer-sondage', status === 'sondage-requested' && !view.onHold);
      offer('issue', status === 'applied' && !view.onHold);
      offer('deny', status === 'applied' && !view.onHold);
      // A measure's hold is released by lifting the measure; the case's own hold is released here.
      offer('hold', (status === 'sondage-requested' || status === 'applied') && !heldByCase);
      offer('release', heldByCase);
      offer('extend', status === 'issued' && !view.suspension);
      offer('reassess', live);
      offer('propose-revocation', live && !proposal);
      offer('withdraw-proposal', live && ownProposal);
      break;
    }
    case 'senior-assessor':
      offer('propose-revocation', live && !proposal);
      offer('withdraw-proposal', live && ownProposal);
      // Four eyes: a second official approves or rejects, never the proposer.
      offer('approve-revocation', live && proposal !== undefined && !ownProposal);
      offer('reject-proposal', live && proposal !== undefined && !ownProposal);
      offer('suspend', live && !view.suspension);
      offer('reinstate', live && view.suspension !== undefined);
      break;
    case 'oversight':
    case 'reporting':
    case 'admin':
      // They look; they take no decision on a case.
      break;
  }
  return { actions: offered, ownProposal };
}
