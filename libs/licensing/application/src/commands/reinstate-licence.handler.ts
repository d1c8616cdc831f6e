import { CommandHandler } from '@nestjs/cqrs';
import type { ReinstateLicence } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Ends a suspension: the licence is valid again from the day after. */
export class ReinstateLicenceCommand extends LicenceDecisionCommand<ReinstateLicence> {}

@CommandHandler(ReinstateLicenceCommand)
export class ReinstateLicenceHandler extends LicenceDecisionHandler<ReinstateLicenceCommand> {}
