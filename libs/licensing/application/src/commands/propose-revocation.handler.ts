import { CommandHandler } from '@nestjs/cqrs';
import type { ProposeRevocation } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** The first official of a revocation proposes it, with the changed circumstances and evidence. */
export class ProposeRevocationCommand extends LicenceDecisionCommand<ProposeRevocation> {}

@CommandHandler(ProposeRevocationCommand)
export class ProposeRevocationHandler extends LicenceDecisionHandler<ProposeRevocationCommand> {}
