import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  BuildReportQuery,
  formatReport,
  parseReportPeriod,
  REPORT_FORMATS,
  REPORT_NAMES,
  ReportPeriodError,
} from '@licences/licensing-reporting';
import type { Report, ReportFormat, ReportName, ReportPeriod } from '@licences/licensing-reporting';
import { Roles } from '../auth/roles';

function reportNamed(name: string): ReportName {
  if (!(REPORT_NAMES as readonly string[]).includes(name)) {
    throw new NotFoundException(`No report ${name}; reports are ${REPORT_NAMES.join(', ')}`);
  }
  return name as ReportName;
}

function formatOf(format: string | undefined): ReportFormat {
  const value = format ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(value)) {
    throw new BadRequestException(`format must be one of ${REPORT_FORMATS.join(', ')}`);
  }
  return value as ReportFormat;
}

function positionOf(position: string | undefined): number | undefined {
  if (position === undefined) return undefined;
  if (!/^\d{1,15}$/.test(position)) throw new BadRequestException('position must be a whole number');
  return Number(position);
}

/** Parliamentary and EU statistics, built from the statistics read model at one event position. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/statistics')
export class StatisticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':report')
  @Roles('reporting', 'oversight')
  @ApiOperation({
    summary:
      'A report (eu-annual, issued, large-licences, yearly-overview) for year=, month=, quarter= or from=&to=; format json, csv, md or html; position= rebuilds it as it was built then',
  })
  async report(
    @Param('report') name: string,
    @Res({ passthrough: true }) res: Response,
    @Query('year') year?: string,
    @Query('month') month?: string,
    @Query('quarter') quarter?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('format') format?: string,
    @Query('position') position?: string,
  ): Promise<string> {
    const report = reportNamed(name);
    const chosenFormat = formatOf(format);
    const at = positionOf(position);
    let period: ReportPeriod;
    try {
      period = parseReportPeriod({ year, month, quarter, from, to });
      const built = await this.queries.execute<BuildReportQuery, Report>(
        new BuildReportQuery(report, period, at),
      );
      const { contentType, body, contentSecurityPolicy } = formatReport(built, chosenFormat);
      res.type(contentType);
      // The HTML report's own policy (its stylesheet by hash) replaces the API's `default-src 'none'`.
      if (contentSecurityPolicy) res.setHeader('Content-Security-Policy', contentSecurityPolicy);
      return body;
    } catch (error) {
      if (error instanceof ReportPeriodError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
