import { CommandHandler } from '@nestjs/cqrs';
import type { ReleaseCase } from '@licences/licensing-domain';
import { LicenceDecisionCommand, LicenceDecisionHandler } from './licence-decision.handler';

/** Releases a hold of the case alone, or with a measure id the hold of that measure. */
export class ReleaseCaseCommand extends LicenceDecisionCommand<ReleaseCase> {}

@CommandHandler(ReleaseCaseCommand)
export class ReleaseCaseHandler extends LicenceDecisionHandler<ReleaseCaseCommand> {}
