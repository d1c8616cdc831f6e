import { CommandHandler } from '@nestjs/cqrs';
import type { WithdrawRevocationProposal } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** The proposer takes an open revocation proposal back. */
export class WithdrawRevocationProposalCommand extends LicenceDecisionCommand<WithdrawRevocationProposal> {}

@CommandHandler(WithdrawRevocationProposalCommand)
export class WithdrawRevocationProposalHandler extends LicenceDecisionHandler<WithdrawRevocationProposalCommand> {}
