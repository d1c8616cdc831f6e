import { CommandHandler } from '@nestjs/cqrs';
import type { RevokeLicence } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Revokes a valid licence for changed circumstances, with evidence. */
export class RevokeLicenceCommand extends LicenceDecisionCommand<RevokeLicence> {}

@CommandHandler(RevokeLicenceCommand)
export class RevokeLicenceHandler extends LicenceDecisionHandler<RevokeLicenceCommand> {}
