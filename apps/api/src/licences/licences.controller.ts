import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import {
  AnswerSondageCommand,
  ApplyAfterSondageCommand,
  DenyLicenceCommand,
  derivedId,
  ExtendLicenceCommand,
  HoldCaseCommand,
  IssueLicenceCommand,
  RegisterCaseCommand,
  ReleaseCaseCommand,
  WithdrawCaseCommand,
} from '@licences/licensing-application';
import type { LicenceCommandResult } from '@licences/licensing-application';
import {
  GetLicenceHistoryQuery,
  GetLicenceQuery,
  GetRevocationQuery,
  ListLicencesQuery,
  ProjectionWaiter,
} from '@licences/licensing-read-models';
import type {
  LicenceHistory,
  LicencePage,
  LicenceReadView,
  PointInTime,
  RevocationJustification,
} from '@licences/licensing-read-models';
import type { LocalDate } from '@licences/licensing-domain';
import { Roles } from '../auth/roles';
import { awaitReadModels } from '../http/read-model-freshness';
import { idempotencyKeyOf } from './command-headers';
import { Exchange } from './command-context.decorator';
import type { CommandContext } from './command-context.decorator';
import { CaseDetailsDto, RegisterCaseDto } from './dto/case.dto';
import { caseDetailsOf } from './case-details.mapper';
import { OptionalCaseDetails } from './optional-details.pipe';
import { CaseId, LicenceRoutes } from './licence-route.decorators';
import { AsOfQueryDto, ListLicencesQueryDto, PointInTimeQueryDto } from './dto/licence-query.dto';
import {
  AnswerSondageDto,
  DenyLicenceDto,
  ExtendLicenceDto,
  IssueLicenceDto,
  WithdrawCaseDto,
} from './dto/decision.dto';
import { CaseStepReasonDto } from './dto/after-issue.dto';
import { LicenceCommandSender } from './licence-command.sender';

/** The admin API through which assessors drive a case's lifecycle up to its decisions. */
@LicenceRoutes()
@Controller('api/licences')
export class LicencesController {
  constructor(
    private readonly sender: LicenceCommandSender,
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Post()
  @Roles('intake')
  @ApiOperation({ summary: 'Register a sondage (trial application) or a formal application' })
  register(@Body() body: RegisterCaseDto, @Exchange() ctx: CommandContext): Promise<LicenceCommandResult> {
    const { procedure } = body;
    const details = caseDetailsOf(body);
    // A repeated request under the same key must address the same case.
    const key = idempotencyKeyOf(ctx.request);
    const caseId = key ? derivedId(['licence-case/v1', ctx.principal.sub, key]) : randomUUID();
    const command = { type: 'RegisterCase', caseId, procedure, details } as const;
    return this.sender.send(ctx, (meta) => new RegisterCaseCommand(caseId, command, meta));
  }

  @Get()
  @Roles('intake', 'assessor', 'senior-assessor', 'oversight', 'reporting')
  @ApiOperation({
    summary: 'List cases; with validOn, the licences valid on that date; with asOf, as known then',
  })
  async list(
    @Query() q: ListLicencesQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LicencePage> {
    await this.catchUp(q.minPosition, res);
    const filter = {
      ...(q.status && { status: q.status }),
      ...(q.destination && { destination: q.destination }),
      ...(q.goodsCategory && { goodsCategory: q.goodsCategory }),
      ...(q.controlListEntry && { controlListEntry: q.controlListEntry }),
      ...(q.kind && { kind: q.kind }),
      ...(q.onHold && { onHold: q.onHold === 'true' }),
      ...(q.registeredBy !== undefined && { registeredBy: q.registeredBy }),
      ...(q.reassessmentRequested && { reassessmentRequested: q.reassessmentRequested === 'true' }),
      ...(q.revocationProposed && { revocationProposed: q.revocationProposed === 'true' }),
      ...(q.expiresFrom && { expiresFrom: q.expiresFrom as LocalDate }),
      ...(q.expiresTo && { expiresTo: q.expiresTo as LocalDate }),
    };
    const query = new ListLicencesQuery(
      filter,
      pointInTime(q),
      Number(q.page ?? 1),
      Number(q.pageSize ?? 50),
      q.sort ?? 'registered',
    );
    return this.queries.execute<ListLicencesQuery, LicencePage>(query);
  }

  @Get(':id')
  @Roles('intake', 'assessor', 'senior-assessor', 'oversight')
  @ApiOperation({ summary: 'The case now, on a past date (validOn) or as known at an instant (asOf)' })
  async get(
    @CaseId() id: string,
    @Query() q: PointInTimeQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LicenceReadView> {
    await this.catchUp(q.minPosition, res);
    const view = await this.queries.execute<GetLicenceQuery, LicenceReadView>(
      new GetLicenceQuery(id, pointInTime(q)),
    );
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/history')
  @Roles('intake', 'assessor', 'senior-assessor', 'oversight')
  @ApiOperation({ summary: 'Every decision on the case, in order, with who, when, which rule and why' })
  async history(
    @CaseId() id: string,
    @Query() q: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LicenceHistory> {
    await this.catchUp(q.minPosition, res);
    return this.queries.execute<GetLicenceHistoryQuery, LicenceHistory>(
      new GetLicenceHistoryQuery(id, q.asOf),
    );
  }

  @Get(':id/revocation')
  @Roles('intake', 'assessor', 'senior-assessor', 'oversight')
  @ApiOperation({ summary: 'Why the licence was revoked, on which evidence; 404 when it was not' })
  async revocation(
    @CaseId() id: string,
    @Query() q: AsOfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RevocationJustification> {
    await this.catchUp(q.minPosition, res);
    return this.queries.execute<GetRevocationQuery, RevocationJustification>(
      new GetRevocationQuery(id, q.asOf),
    );
  }

  @Post(':id/sondage-answer')
  @HttpCode(200)
  @Roles('assessor')
  @ApiOperation({ summary: 'Answer a sondage; no rights follow from the answer' })
  answerSondage(@CaseId() id: string, @Body() b: AnswerSondageDto, @Exchange() ctx: CommandContext) {
    const command = {
      type: 'AnswerSondage',
      outcome: b.outcome,
      reasoning: b.reasoning,
      criteria: b.criteria ?? [],
    } as const;
    return this.sender.send(ctx, (meta) => new AnswerSondageCommand(id, command, meta));
  }

  @Post(':id/apply')
  @HttpCode(200)
  @Roles('intake')
  @ApiOperation({
    summary: 'Turn an answered sondage into a formal application',
    description:
      "No body (or {}): the sondage's details stand. A body: the application's details in full, " +
      'as at registration without `procedure`; the same applicant (KvK number) or 422 ' +
      'APPLICANT_CHANGED. The Applied decision in the history records the fields that changed ' +
      "(`changes`) and a destination or end user the sondage's answer was not about " +
      '(`notCoveredBySondage`).',
  })
  @ApiBody({ type: CaseDetailsDto, required: false })
  apply(
    @CaseId() id: string,
    @OptionalCaseDetails() body: CaseDetailsDto | undefined,
    @Exchange() ctx: CommandContext,
  ) {
    const command = { type: 'ApplyAfterSondage', ...(body && { details: caseDetailsOf(body) }) } as const;
    return this.sender.send(ctx, (meta) => new ApplyAfterSondageCommand(id, command, meta));
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Roles('assessor')
  @ApiOperation({ summary: 'Issue the licence under the rule in force today' })
  issue(@CaseId() id: string, @Body() b: IssueLicenceDto, @Exchange() ctx: CommandContext) {
    const validFrom = b.validFrom as LocalDate | undefined;
    const command = {
      type: 'IssueLicence',
      assessment: b.assessment,
      ...(validFrom && { validFrom }),
    } as const;
    return this.sender.send(ctx, (meta) => new IssueLicenceCommand(id, command, meta));
  }

  @Post(':id/deny')
  @HttpCode(200)
  @Roles('assessor')
  @ApiOperation({ summary: 'Deny the application, citing criteria' })
  deny(@CaseId() id: string, @Body() b: DenyLicenceDto, @Exchange() ctx: CommandContext) {
    const command = { type: 'DenyLicence', criteria: b.criteria, reasoning: b.reasoning } as const;
    return this.sender.send(ctx, (meta) => new DenyLicenceCommand(id, command, meta));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('intake')
  @ApiOperation({ summary: 'Record that the applicant withdrew' })
  withdraw(@CaseId() id: string, @Body() b: WithdrawCaseDto, @Exchange() ctx: CommandContext) {
    return this.sender.send(
      ctx,
      (meta) => new WithdrawCaseCommand(id, { type: 'WithdrawCase', reason: b.reason }, meta),
    );
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Roles('assessor')
  @ApiOperation({ summary: 'Extend a valid licence after a fresh assessment' })
  extend(@CaseId() id: string, @Body() b: ExtendLicenceDto, @Exchange() ctx: CommandContext) {
    const validUntil = b.validUntil as LocalDate | undefined;
    const command = {
      type: 'ExtendLicence',
      reassessment: b.reassessment,
      ...(validUntil && { validUntil }),
    } as const;
    return this.sender.send(ctx, (meta) => new ExtendLicenceCommand(id, command, meta));
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Roles('assessor')
  @ApiOperation({
    summary: 'Hold a pending sondage or application: no answer, issue or denial until it is released',
  })
  hold(@CaseId() id: string, @Body() b: CaseStepReasonDto, @Exchange() ctx: CommandContext) {
    return this.sender.send(
      ctx,
      (meta) => new HoldCaseCommand(id, { type: 'HoldCase', reason: b.reason }, meta),
    );
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('assessor')
  @ApiOperation({
    summary: "Release the case's own hold",
    description: "A country measure's hold is released by lifting the measure: 409 NO_SUCH_HOLD names it.",
  })
  release(@CaseId() id: string, @Body() b: CaseStepReasonDto, @Exchange() ctx: CommandContext) {
    const command = { type: 'ReleaseCase', reason: b.reason } as const;
    return this.sender.send(ctx, (meta) => new ReleaseCaseCommand(id, command, meta));
  }

  /*
   * Revocation takes two officials: one proposes (the body the one-step revoke used to take),
   * another, who neither proposed nor issued or extended the licence, approves (`/revoke`) or
   * rejects. The domain decides who may; the roles here only say who may ask.
   */

  /** Lets a client that wrote at `minPosition` read its own write, or tells it the read models are behind. */
  private catchUp(minPosition: string | undefined, res: Response): Promise<void> {
    return awaitReadModels({ waiter: this.waiter, events: this.events }, minPosition, res);
  }
}

function pointInTime(q: { validOn?: string; asOf?: string }): PointInTime {
  return {
    ...(q.validOn && { validOn: q.validOn as LocalDate }),
    ...(q.asOf && { asOf: new Date(q.asOf).toISOString() }),
  };
}
