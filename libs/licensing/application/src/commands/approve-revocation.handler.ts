import { CommandHandler } from '@nestjs/cqrs';
import type { ApproveRevocation } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/**
 * A second official approves an open revocation proposal: the licence is revoked. The only way to
 * revoke: there is no one-step revocation.
 */
export class ApproveRevocationCommand extends LicenceDecisionCommand<ApproveRevocation> {}

@CommandHandler(ApproveRevocationCommand)
export class ApproveRevocationHandler extends LicenceDecisionHandler<ApproveRevocationCommand> {}
