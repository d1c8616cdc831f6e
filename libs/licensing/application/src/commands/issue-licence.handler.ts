import { CommandHandler } from '@nestjs/cqrs';
import type { IssueLicence } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Issues the licence under the validity rule in force on the decision date. */
export class IssueLicenceCommand extends LicenceDecisionCommand<IssueLicence> {}

@CommandHandler(IssueLicenceCommand)
export class IssueLicenceHandler extends LicenceDecisionHandler<IssueLicenceCommand> {}
