import { CommandHandler } from '@nestjs/cqrs';
import type { AnswerSondage } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Records the answer to a sondage; no rights follow from it. */
export class AnswerSondageCommand extends LicenceDecisionCommand<AnswerSondage> {}

@CommandHandler(AnswerSondageCommand)
export class AnswerSondageHandler extends LicenceDecisionHandler<AnswerSondageCommand> {}
