import { CommandHandler } from '@nestjs/cqrs';
import type { RequestReassessment } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Puts an issued licence on a country measure's reassessment work list. */
export class RequestReassessmentCommand extends LicenceDecisionCommand<RequestReassessment> {}

@CommandHandler(RequestReassessmentCommand)
export class RequestReassessmentHandler extends LicenceDecisionHandler<RequestReassessmentCommand> {}
