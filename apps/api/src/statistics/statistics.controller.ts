import {
  BadRequestException,
  Controller,
  Get,
  Logger,
  NotFoundException,
  Param,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  BuildReportQuery,
  formatReport,
  parseReportPeriod,
  REPORT_NAMES,
  reportContentType,
  ReportPeriodError,
  streamedListing,
  StreamReportQuery,
} from '@licences/licensing-reporting';
import type {
  ListingReportName,
  Report,
  ReportLanguage,
  ReportName,
  ReportPeriod,
  StreamedFormat,
  StreamedReport,
} from '@licences/licensing-reporting';
import { Roles } from '../auth/roles';
import { streamedAnswer } from '../http/streamed-answer';
import { StatisticsQueryDto } from './dto/statistics-query.dto';

function reportNamed(name: string): ReportName {
  if (!(REPORT_NAMES as readonly string[]).includes(name)) {
    throw new NotFoundException(`No report ${name}; reports are ${REPORT_NAMES.join(', ')}`);
  }
  return name as ReportName;
}

/** Parliamentary and EU statistics, built from the statistics read model at one event position. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/statistics')
export class StatisticsController {
  private readonly logger = new Logger(StatisticsController.name);

  constructor(private readonly queries: QueryBus) {}

  @Get(':report')
  @Roles('reporting', 'oversight')
  @ApiParam({ name: 'report', enum: REPORT_NAMES })
  @ApiOperation({
    summary:
      'A report (eu-annual, issued, large-licences, yearly-overview) for year=, month=, quarter= or from=&to=; format json, csv, md or html; lang nl or en; position= rebuilds it as it was built then',
  })
  async report(
    @Param('report') name: string,
    @Query() q: StatisticsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | StreamableFile> {
    const report = reportNamed(name);
    const at = q.position === undefined ? undefined : Number(q.position);
    const format = q.format ?? 'json';
    let period: ReportPeriod;
    try {
      period = parseReportPeriod(q);
      const listing = streamedListing(report, format);
      if (listing) return await this.streamed(listing.name, period, listing.format, at, q.lang ?? 'en');
      const built = await this.queries.execute<BuildReportQuery, Report>(
        new BuildReportQuery(report, period, at, q.lang ?? 'en'),
      );
      const { contentType, body, contentSecurityPolicy } = formatReport(built, format);
      res.type(contentType);
      // The HTML report's own policy (its stylesheet by hash) replaces the API's `default-src 'none'`.
      if (contentSecurityPolicy) res.setHeader('Content-Security-Policy', contentSecurityPolicy);
      return body;
    } catch (error) {
      // Each value was valid on its own (the DTO checked them); together they name no period.
      if (error instanceof ReportPeriodError) {
        throw new BadRequestException({ code: 'INVALID_REPORT_PERIOD', message: error.message });
      }
      throw error;
    }
  }

  /** A listing report written as it is read: the same bytes as the built one, never whole in memory. */
  private async streamed(
    name: ListingReportName,
    period: ReportPeriod,
    format: StreamedFormat,
    at: number | undefined,
    lang: ReportLanguage,
  ): Promise<StreamableFile> {
    const { pieces } = await this.queries.execute<StreamReportQuery, StreamedReport>(
      new StreamReportQuery(name, period, format, at, lang),
    );
    return streamedAnswer(
      pieces,
      (all) => all,
      reportContentType(format),
      (error) =>
        this.logger.error(`The ${name} report of ${period.label} failed while streaming: ${String(error)}`),
    );
  }
}
