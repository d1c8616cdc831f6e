import { CommandHandler } from '@nestjs/cqrs';
import type { SuspendLicence } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Suspends an issued licence: not valid from the decision date until reinstated. */
export class SuspendLicenceCommand extends LicenceDecisionCommand<SuspendLicence> {}

@CommandHandler(SuspendLicenceCommand)
export class SuspendLicenceHandler extends LicenceDecisionHandler<SuspendLicenceCommand> {}
