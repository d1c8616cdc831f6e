import { CommandHandler } from '@nestjs/cqrs';
import type { ExtendLicence } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Extends a valid licence after a fresh assessment. */
export class ExtendLicenceCommand extends LicenceDecisionCommand<ExtendLicence> {}

@CommandHandler(ExtendLicenceCommand)
export class ExtendLicenceHandler extends LicenceDecisionHandler<ExtendLicenceCommand> {}
