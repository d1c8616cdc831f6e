import { DomainError, forbiddenTransition } from '../shared/domain-error';
import type { LocalDate } from '../shared/local-date';
import type { LicenceCommand } from './licence.commands';
import { statusOn } from './licence.state';
import type { LicenceCase, LicenceState, LicenceStatus, RecordedStatus } from './licence.state';

const CLOSED: readonly LicenceStatus[] = ['denied', 'withdrawn', 'revoked', 'expired'];

export type LaterCommandType = Exclude<LicenceCommand['type'], 'RegisterCase'>;

/** The statuses in which each command is allowed, as the brief's lifecycle says. */
const ALLOWED_FROM: Readonly<Record<LaterCommandType, readonly RecordedStatus[]>> = {
  AnswerSondage: ['sondage-requested'],
  ApplyAfterSondage: ['sondage-answered'],
  IssueLicence: ['applied'],
  DenyLicence: ['applied'],
  WithdrawCase: ['sondage-requested', 'sondage-answered', 'applied'],
  ExtendLicence: ['issued'],
  ProposeRevocation: ['issued'],
  WithdrawRevocationProposal: ['issued'],
  RejectRevocationProposal: ['issued'],
  ApproveRevocation: ['issued'],
  RecordHistoricalRevocation: ['issued'],
  ReassessLicence: ['issued'],
  SuspendLicence: ['issued'],
  ReinstateLicence: ['issued'],
  HoldCase: ['sondage-requested', 'applied'],
  ReleaseCase: ['sondage-requested', 'applied'],
  RequestReassessment: ['issued'],
};

const COMMAND_CODES: Readonly<Record<LaterCommandType, string>> = {
  AnswerSondage: 'SONDAGE_ANSWER_NOT_ALLOWED',
  ApplyAfterSondage: 'APPLY_NOT_ALLOWED',
  IssueLicence: 'ISSUE_NOT_ALLOWED',
  DenyLicence: 'DENY_NOT_ALLOWED',
  WithdrawCase: 'WITHDRAW_NOT_ALLOWED',
  ExtendLicence: 'EXTEND_NOT_ALLOWED',
  ProposeRevocation: 'PROPOSE_REVOCATION_NOT_ALLOWED',
  WithdrawRevocationProposal: 'WITHDRAW_REVOCATION_PROPOSAL_NOT_ALLOWED',
  RejectRevocationProposal: 'REJECT_REVOCATION_PROPOSAL_NOT_ALLOWED',
  ApproveRevocation: 'REVOKE_NOT_ALLOWED',
  RecordHistoricalRevocation: 'REVOKE_NOT_ALLOWED',
  ReassessLicence: 'REASSESS_NOT_ALLOWED',
  SuspendLicence: 'SUSPEND_NOT_ALLOWED',
  ReinstateLicence: 'REINSTATE_NOT_ALLOWED',
  HoldCase: 'HOLD_NOT_ALLOWED',
  ReleaseCase: 'RELEASE_NOT_ALLOWED',
  RequestReassessment: 'REASSESS_NOT_ALLOWED',
};

/** The case, when the command may follow its status on `today`; a DomainError otherwise. */
export function requireStatus(command: LaterCommandType, state: LicenceState, today: LocalDate): LicenceCase {
  if (!state) throw new DomainError('CASE_NOT_FOUND', 'not-found', 'No such case');
  const status = statusOn(state, today);
  if (CLOSED.includes(status)) {
    throw forbiddenTransition('CASE_CLOSED', `The case is ${status} and takes no further decision`, {
      caseStatus: status,
    });
  }
  // A suspended licence is still an issued one: the commands that may not follow a suspension
  // say so themselves (see after-issue.decider.ts).
  const recorded = (status === 'suspended' ? 'issued' : status) as RecordedStatus;
  if (!ALLOWED_FROM[command].includes(recorded)) {
    throw forbiddenTransition(
      COMMAND_CODES[command],
      `${command} is allowed only when the case is ${ALLOWED_FROM[command].join(' or ')}; it is ${status}`,
      { caseStatus: status, allowedFrom: ALLOWED_FROM[command] },
    );
  }
  return state;
}
