import { CommandHandler } from '@nestjs/cqrs';
import type { ReassessLicence } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Reassesses an issued licence when new information appears; a revocation-proposed outcome also opens a revocation proposal. */
export class ReassessLicenceCommand extends LicenceDecisionCommand<ReassessLicence> {}

@CommandHandler(ReassessLicenceCommand)
export class ReassessLicenceHandler extends LicenceDecisionHandler<ReassessLicenceCommand> {}
