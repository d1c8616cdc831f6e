import { CommandHandler } from '@nestjs/cqrs';
import type { RejectRevocationProposal } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** A second official turns an open revocation proposal down, with a reason. */
export class RejectRevocationProposalCommand extends LicenceDecisionCommand<RejectRevocationProposal> {}

@CommandHandler(RejectRevocationProposalCommand)
export class RejectRevocationProposalHandler extends LicenceDecisionHandler<RejectRevocationProposalCommand> {}
