import { CommandHandler } from '@nestjs/cqrs';
import type { HoldCase } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Holds a pending sondage or application: no decision is taken while it is held. */
export class HoldCaseCommand extends LicenceDecisionCommand<HoldCase> {}

@CommandHandler(HoldCaseCommand)
export class HoldCaseHandler extends LicenceDecisionHandler<HoldCaseCommand> {}
