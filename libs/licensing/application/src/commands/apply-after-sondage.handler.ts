import { CommandHandler } from '@nestjs/cqrs';
import type { ApplyAfterSondage } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Turns an answered sondage into a formal application. */
export class ApplyAfterSondageCommand extends LicenceDecisionCommand<ApplyAfterSondage> {}

@CommandHandler(ApplyAfterSondageCommand)
export class ApplyAfterSondageHandler extends LicenceDecisionHandler<ApplyAfterSondageCommand> {}
