import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import type { LocalDate } from '@licences/licensing-domain';
import {
  ProjectionWaiter,
  ReplayCaseQuery,
  ReplayDecisionsQuery,
  StreamDecisionsQuery,
  WhatIfQuery,
} from '@licences/licensing-read-models';
import type {
  CaseReplayView,
  DecisionsInPeriodView,
  DecisionsStream,
  WhatIfAnswer,
} from '@licences/licensing-read-models';
import { Roles } from '../auth/roles';
import { awaitReadModels } from '../http/read-model-freshness';
import { UuidParam } from '../http/uuid-param.pipe';
import { streamedAnswer } from '../http/streamed-answer';
import { decisionsJson } from './decisions-json.stream';
import { DecisionsQueryDto, pageAsked, ReplayQueryDto, WhatIfDto } from './dto/oversight.dto';

/**
 * Oversight reads and re-checks; it never commands. Every route here is a query, the what-if
 * included: it is a POST only because its question is a body, and it records nothing.
 */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('api/oversight')
export class OversightController {
  private readonly logger = new Logger('Oversight');

  constructor(
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get('licences/:id/replay')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary:
      'Every step of a case with the state before and after; each decision re-checked against the policy in force on its date',
  })
  async replay(
    @UuidParam('id') id: string,
    @Query() q: ReplayQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseReplayView> {
    await this.catchUp(q.minPosition, res);
    return this.queries.execute<ReplayCaseQuery, CaseReplayView>(new ReplayCaseQuery(id));
  }

  @Get('decisions')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary: 'Every decision taken in a period (business dates), with the findings of the re-check',
  })
  async decisions(
    @Query() q: DecisionsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DecisionsInPeriodView | StreamableFile> {
    await this.catchUp(q.minPosition, res);
    const [from, to] = [q.from as LocalDate, q.to as LocalDate];
    const paging = pageAsked(q.page, q.pageSize);
    if (q.code === undefined && q.severity === undefined && paging === undefined) {
      return await this.wholePeriod(from, to);
    }
    return this.queries.execute<ReplayDecisionsQuery, DecisionsInPeriodView>(
      new ReplayDecisionsQuery(from, to, { code: q.code, severity: q.severity, paging }),
    );
  }

  /**
   * The whole period, streamed as the same JSON the built answer would be, so that a year's answer
   * never sits in memory as objects.
   */
  private async wholePeriod(from: LocalDate, to: LocalDate): Promise<StreamableFile> {
    const stream = await this.queries.execute<StreamDecisionsQuery, DecisionsStream>(
      new StreamDecisionsQuery(from, to),
    );
    return streamedAnswer(
      stream.chunks,
      (chunks) => decisionsJson(stream, chunks),
      'application/json; charset=utf-8',
      (error) =>
        this.logger.error(`The decisions of ${from} to ${to} failed while streaming: ${String(error)}`),
    );
  }

  @Post('what-if')
  @HttpCode(200)
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary:
      'The licences issued in a period under another validity policy (e.g. contract-duration), compared with what was decided',
  })
  whatIf(@Body() b: WhatIfDto): Promise<WhatIfAnswer> {
    return this.queries.execute<WhatIfQuery, WhatIfAnswer>(
      new WhatIfQuery(b.policy, b.from as LocalDate, b.to as LocalDate, pageAsked(b.page, b.pageSize)),
    );
  }

  /** Lets a client that wrote at `minPosition` read its own write, or tells it the read models are behind. */
  private catchUp(minPosition: string | undefined, res: Response): Promise<void> {
    return awaitReadModels({ waiter: this.waiter, events: this.events }, minPosition, res);
  }
}
