import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AnswerSondageCommand,
  ApplyAfterSondageCommand,
  DenyLicenceCommand,
  ExtendLicenceCommand,
  GetLicenceQuery,
  IdempotentRequests,
  IssueLicenceCommand,
  RegisterCaseCommand,
  RevokeLicenceCommand,
  stableId,
  WithdrawCaseCommand,
} from '@licences/licensing-application';
import type {
  CommandMeta,
  LicenceCommandResult,
  LicenceDecisionCommand,
  LicenceView,
} from '@licences/licensing-application';
import type { LicenceCommand, LocalDate } from '@licences/licensing-domain';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles';
import type { Principal } from '../auth/roles';
import { expectedRevisionOf, idempotencyKeyOf, requestHashOf } from './command-headers';
import { RegisterCaseDto } from './dto/case.dto';
import {
  AnswerSondageDto,
  DenyLicenceDto,
  ExtendLicenceDto,
  IssueLicenceDto,
  RevokeLicenceDto,
  WithdrawCaseDto,
} from './dto/decision.dto';

const CaseId = () => Param('id', new ParseUUIDPipe({ version: undefined }));

type CommandFactory = (meta: CommandMeta) => LicenceDecisionCommand<LicenceCommand>;

/** The admin API through which assessors drive a case's lifecycle. */
@ApiTags('licences')
@ApiBearerAuth()
@Controller('api/licences')
export class LicencesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly idempotent: IdempotentRequests,
  ) {}

  @Post()
  @Roles('intake')
  @ApiOperation({ summary: 'Register a sondage (trial application) or a formal application' })
  register(
    @Body() body: RegisterCaseDto,
    @CurrentPrincipal() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { procedure, ...details } = body;
    const key = idempotencyKeyOf(req);
    const caseId = key ? stableId(`case/${who.sub}/${key}`) : randomUUID();
    return this.run(
      req,
      res,
      who,
      (meta) => new RegisterCaseCommand(caseId, { type: 'RegisterCase', caseId, procedure, details }, meta),
    );
  }

  @Get(':id')
  @Roles('intake', 'assessor', 'senior-assessor', 'oversight')
  @ApiOperation({ summary: 'The case as it stands' })
  async get(@CaseId() id: string, @Res({ passthrough: true }) res: Response): Promise<LicenceView> {
    const view = await this.queries.execute<GetLicenceQuery, LicenceView>(new GetLicenceQuery(id));
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Post(':id/sondage-answer')
  @HttpCode(200)
  @Roles('assessor')
  answerSondage(
    @CaseId() id: string,
    @Body() b: AnswerSondageDto,
    @CurrentPrincipal() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = {
      type: 'AnswerSondage',
      outcome: b.outcome,
      reasoning: b.reasoning,
      criteria: b.criteria ?? [],
    } as const;
    return this.run(req, res, who, (meta) => new AnswerSondageCommand(id, command, meta));
  }

  @Post(':id/apply')
  @HttpCode(200)
  @Roles('intake')
  apply(
    @CaseId() id: string,
    @CurrentPrincipal() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      req,
      res,
      who,
      (meta) => new ApplyAfterSondageCommand(id, { type: 'ApplyAfterSondage' }, meta),
    );
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Roles('assessor')
  issue(
    @CaseId() id: string,
    @Body() b: IssueLicenceDto,
    @CurrentPrincipal() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = {
      type: 'IssueLicence',
      assessment: b.assessment,
      ...(b.validFrom && { validFrom: b.validFrom as LocalDate }),
    } as const;
    return this.run(req, res, who, (meta) => new IssueLicenceCommand(id, command, meta));
  }

  @Post(':id/deny')
  @HttpCode(200)
  @Roles('assessor')
  deny(
    @CaseId() id: string,
    @Body() b: DenyLicenceDto,
    @CurrentPrincipal() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      req,
      res,
      who,
      (meta) =>
        new DenyLicenceCommand(
          id,
          { type: 'DenyLicence', criteria: b.criteria, reasoning: b.reasoning },
          meta,
        ),
    );
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('intake')
  withdraw(
    @CaseId() id: string,
    @Body() b: WithdrawCaseDto,
    @CurrentPrincipal() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      req,
      res,
      who,
      (meta) => new WithdrawCaseCommand(id, { type: 'WithdrawCase', reason: b.reason }, meta),
    );
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Roles('assessor')
  extend(
    @CaseId() id: string,
    @Body() b: ExtendLicenceDto,
    @CurrentPrincipal() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = {
      type: 'ExtendLicence',
      reassessment: b.reassessment,
      ...(b.validUntil && { validUntil: b.validUntil as LocalDate }),
    } as const;
    return this.run(req, res, who, (meta) => new ExtendLicenceCommand(id, command, meta));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('senior-assessor')
  revoke(
    @CaseId() id: string,
    @Body() b: RevokeLicenceDto,
    @CurrentPrincipal() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const evidence = b.evidence.map((e) => ({
      ...e,
      date: e.date as LocalDate,
      ...(e.sha256 && { sha256: e.sha256.toLowerCase() }),
    }));
    const command = {
      type: 'RevokeLicence',
      circumstances: b.circumstances,
      criteria: b.criteria,
      evidence,
    } as const;
    return this.run(req, res, who, (meta) => new RevokeLicenceCommand(id, command, meta));
  }

  /** Sends a command with the caller's metadata, honouring If-Match and Idempotency-Key. */
  private async run(
    req: Request,
    res: Response,
    who: Principal,
    build: CommandFactory,
  ): Promise<LicenceCommandResult> {
    const expectedRevision = expectedRevisionOf(req);
    const idempotencyKey = idempotencyKeyOf(req);
    const requestId = randomUUID();
    const meta: CommandMeta = {
      actor: { sub: who.sub, role: who.actingRole },
      correlationId: headerValue(req, 'x-correlation-id') ?? requestId,
      causationId: requestId,
      ...(expectedRevision !== undefined && { expectedRevision }),
      ...(idempotencyKey !== undefined && { idempotencyKey: `${who.sub}/${idempotencyKey}` }),
    };
    const execute = () =>
      this.commands.execute<LicenceDecisionCommand<LicenceCommand>, LicenceCommandResult>(build(meta));
    const result = idempotencyKey
      ? await this.idempotent.run(who.sub, idempotencyKey, requestHashOf(req), execute)
      : await execute();
    res.setHeader('ETag', `"${result.revision}"`);
    return result;
  }
}

function headerValue(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && /^[\x21-\x7e]{1,200}$/.test(value) ? value : undefined;
}
