import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  BuildReportQuery,
  formatReport,
  parseReportPeriod,
  REPORT_NAMES,
  ReportPeriodError,
} from '@licences/licensing-reporting';
import type { Report, ReportName, ReportPeriod } from '@licences/licensing-reporting';
import { Roles } from '../auth/roles';
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
  ): Promise<string> {
    const report = reportNamed(name);
    const at = q.position === undefined ? undefined : Number(q.position);
    let period: ReportPeriod;
    try {
      period = parseReportPeriod(q);
      const built = await this.queries.execute<BuildReportQuery, Report>(
        new BuildReportQuery(report, period, at, q.lang ?? 'en'),
      );
      const { contentType, body, contentSecurityPolicy } = formatReport(built, q.format ?? 'json');
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
}
