import { CommandHandler } from '@nestjs/cqrs';
import type { ICommand, ICommandHandler } from '@nestjs/cqrs';
import type { ApproveMeasure, LiftMeasure, ProposeMeasure, RejectMeasure } from '@licences/licensing-domain';
import type { CommandMeta } from '../licence-command.executor';
import { MeasureExecutor } from './measure.executor';
import { MeasureRepository } from './measure.repository';
import type { MeasureDecision } from './measure.repository';

/** The decisions officials take on a measure; what the executor records is not among them. */
export type OfficialMeasureCommand = ProposeMeasure | ApproveMeasure | RejectMeasure | LiftMeasure;

export class MeasureDecisionCommand implements ICommand {
  constructor(
    readonly measureId: string,
    readonly command: OfficialMeasureCommand,
    readonly meta: CommandMeta,
  ) {}
}

/**
 * Decides an official's step on a measure. An approval or a lift starts the executor in the
 * background: the request answers once the decision is recorded, and the progress shows the rest.
 */
@CommandHandler(MeasureDecisionCommand)
export class MeasureDecisionHandler implements ICommandHandler<MeasureDecisionCommand, MeasureDecision> {
  constructor(
    private readonly measures: MeasureRepository,
    private readonly executor: MeasureExecutor,
  ) {}

  async execute({ measureId, command, meta }: MeasureDecisionCommand): Promise<MeasureDecision> {
    const decision = await this.measures.decide(measureId, command, meta);
    if (command.type === 'ApproveMeasure' || command.type === 'LiftMeasure') this.executor.start(measureId);
    return decision;
  }
}
