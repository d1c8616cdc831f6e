import { CommandHandler } from '@nestjs/cqrs';
import type { WithdrawCase } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Records that the applicant withdrew the sondage or application. */
export class WithdrawCaseCommand extends LicenceDecisionCommand<WithdrawCase> {}

@CommandHandler(WithdrawCaseCommand)
export class WithdrawCaseHandler extends LicenceDecisionHandler<WithdrawCaseCommand> {}
