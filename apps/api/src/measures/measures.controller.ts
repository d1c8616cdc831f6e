import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MeasureDecisionCommand, MeasureQueries, measureSummaryOf } from '@licences/licensing-application';
import type {
  MeasureDecision,
  MeasureSummary,
  MeasureView,
  OfficialMeasureCommand,
} from '@licences/licensing-application';
import { DomainError } from '@licences/licensing-domain';
import { Roles } from '../auth/roles';
import type { Principal } from '../auth/roles';
import { requestCorrelationIdOf, requestIdOf } from '../logging/request-ids';
import { markCommand } from '../metrics/command-marks';
import { MeasureExchange } from './measure-exchange.decorator';
import type { MeasureContext } from './measure-exchange.decorator';
import { UuidParam } from '../http/uuid-param.pipe';
import { NoBody } from '../http/empty-body.pipe';
import { MeasureReasonDto, ProposeMeasureDto } from './measure.dto';

const MeasureId = () => UuidParam('id');

/**
 * Country measures: a senior assessor proposes one for a destination, a second approves (or
 * rejects) it; approval holds every pending case to the destination and asks for a reassessment
 * of every licence valid to it, in the background; lifting releases the holds. Who may take which
 * step is the decider's to say; these routes only say which role may ask.
 */
@ApiTags('measures')
@ApiBearerAuth()
@ApiHeader({
  name: 'X-Acting-Role',
  required: false,
  description:
    'The one role the request acts in, required when the token holds several that the route allows',
})
@Controller('api/measures')
export class MeasuresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: MeasureQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('senior-assessor')
  @ApiOperation({ summary: 'Propose a country measure for a destination, with its legal ground and reasons' })
  propose(@Body() b: ProposeMeasureDto, @MeasureExchange() ctx: MeasureContext): Promise<MeasureSummary> {
    const measureId = randomUUID();
    const command = { type: 'ProposeMeasure', measureId, ...b } as const;
    return this.decide(measureId, command, ctx);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('senior-assessor')
  @ApiOperation({
    summary:
      'Approve a measure as a second senior assessor: its pending cases are held and its valid licences put up for reassessment',
  })
  approve(@MeasureId() id: string, @NoBody() _: undefined, @MeasureExchange() ctx: MeasureContext) {
    return this.decide(id, { type: 'ApproveMeasure' }, ctx);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('senior-assessor')
  @ApiOperation({ summary: 'Reject a proposed measure as a second senior assessor, with a reason' })
  reject(@MeasureId() id: string, @Body() b: MeasureReasonDto, @MeasureExchange() ctx: MeasureContext) {
    return this.decide(id, { type: 'RejectMeasure', reason: b.reason }, ctx);
  }

  @Post(':id/lift')
  @HttpCode(200)
  @Roles('senior-assessor')
  @ApiOperation({ summary: 'Lift an approved measure: every hold it placed is released' })
  lift(@MeasureId() id: string, @Body() b: MeasureReasonDto, @MeasureExchange() ctx: MeasureContext) {
    return this.decide(id, { type: 'LiftMeasure', reason: b.reason }, ctx);
  }

  @Get()
  @Roles('senior-assessor', 'assessor', 'oversight')
  @ApiOperation({ summary: 'Every measure with who proposed and approved it, its status and its progress' })
  list(): Promise<MeasureSummary[]> {
    return this.queries.list();
  }

  @Get(':id')
  @Roles('senior-assessor', 'assessor', 'oversight')
  @ApiOperation({
    summary: 'A measure, its progress (done/total) and the outcome of each reassessment it asked for',
  })
  async get(@MeasureId() id: string): Promise<MeasureView> {
    const view = await this.queries.get(id);
    if (!view) throw new DomainError('MEASURE_NOT_FOUND', 'not-found', `No measure ${id}`);
    return view;
  }

  private async decide(
    measureId: string,
    command: OfficialMeasureCommand,
    { principal, request }: MeasureContext,
  ): Promise<MeasureSummary> {
    markCommand(request, command.type);
    // The ids the request's log lines carry (made once, by the request logger): one story.
    const decision = await this.commands.execute<MeasureDecisionCommand, MeasureDecision>(
      new MeasureDecisionCommand(measureId, command, {
        actor: actorOf(principal),
        correlationId: requestCorrelationIdOf(request),
        causationId: requestIdOf(request),
      }),
    );
    return measureSummaryOf(decision.measure);
  }
}

function actorOf(principal: Principal) {
  return { sub: principal.sub, role: principal.actingRole };
}
