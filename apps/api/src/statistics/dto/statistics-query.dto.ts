import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateBy } from 'class-validator';
import { REPORT_FORMATS, REPORT_LANGUAGES } from '@licences/licensing-reporting';
import type { ReportFormat, ReportLanguage } from '@licences/licensing-reporting';
import { isYearInRange, MAX_YEAR, MIN_YEAR } from '@licences/licensing-domain';
import { IsCalendarDate } from '../../http/calendar-value.validator';

/** A period written `pattern` (its first group the year), with the year in the accepted range. */
const IsPeriodOf = (pattern: RegExp, shape: string) =>
  ValidateBy({
    name: 'isPeriodOf',
    constraints: [pattern, shape],
    validator: {
      validate: (value: unknown) => {
        const match = typeof value === 'string' ? pattern.exec(value) : null;
        return match !== null && isYearInRange(Number(match[1]));
      },
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be ${shape}, the year from ${MIN_YEAR} to ${MAX_YEAR}`,
    },
  });

/** The period of a report (one of year, month, quarter, or from and to), its format, language and position. */
export class StatisticsQueryDto {
  @ApiPropertyOptional({ example: '2025', description: 'A calendar year', pattern: '^[0-9]{4}$' })
  @IsOptional()
  @IsPeriodOf(/^(\d{4})$/, 'YYYY')
  year?: string;

  @ApiPropertyOptional({
    example: '2025-03',
    description: 'A calendar month',
    pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  })
  @IsOptional()
  @IsPeriodOf(/^(\d{4})-(?:0[1-9]|1[0-2])$/, 'a month YYYY-MM')
  month?: string;

  @ApiPropertyOptional({
    example: '2025-Q1',
    description: 'A calendar quarter',
    pattern: '^[0-9]{4}-Q[1-4]$',
  })
  @IsOptional()
  @IsPeriodOf(/^(\d{4})-Q[1-4]$/, 'a quarter YYYY-Qn (n from 1 to 4)')
  quarter?: string;

  @ApiPropertyOptional({
    example: '2025-01-01',
    format: 'date',
    description: 'First day of the period, with to',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2025-06-30',
    format: 'date',
    description: 'Last day of the period, with from',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({
    enum: REPORT_LANGUAGES,
    default: 'en',
    description:
      'Language of titles, headers, notes and labels; nl also writes amounts and dates the Dutch way (not in CSV or JSON, which keep machine values)',
  })
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  lang?: ReportLanguage;

  @ApiPropertyOptional({
    description: 'Rebuild the report as it was built at this event position',
    pattern: '^[0-9]{1,15}$',
  })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'position must be a whole number' })
  position?: string;
}
