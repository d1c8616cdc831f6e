import { CommandHandler } from '@nestjs/cqrs';
import type { DenyLicence } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Denies an application, citing Common Position criteria. */
export class DenyLicenceCommand extends LicenceDecisionCommand<DenyLicence> {}

@CommandHandler(DenyLicenceCommand)
export class DenyLicenceHandler extends LicenceDecisionHandler<DenyLicenceCommand> {}
