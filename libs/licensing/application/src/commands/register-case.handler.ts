import { CommandHandler } from '@nestjs/cqrs';
import type { RegisterCase } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Opens a case, as a sondage (trial application) or as a formal application. */
export class RegisterCaseCommand extends LicenceDecisionCommand<RegisterCase> {}

@CommandHandler(RegisterCaseCommand)
export class RegisterCaseHandler extends LicenceDecisionHandler<RegisterCaseCommand> {}
