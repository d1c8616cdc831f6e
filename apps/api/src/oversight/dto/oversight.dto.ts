import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';
import {
  compareDates,
  FINDING_SEVERITY,
  isLocalDate,
  validUntilFor,
  WHAT_IF_POLICIES,
} from '@licences/licensing-domain';
import type { FindingCode, WhatIfPolicyName } from '@licences/licensing-domain';
import type { DecisionSeverityFilter } from '@licences/licensing-read-models';
import {
  IsCalendarDate,
  MIN_POSITION_DESCRIPTION,
  PAGE,
  PAGE_SIZE,
  WHOLE_NUMBER,
} from '../../licences/dto/validators';

/** Longest period one request may replay: every case with a decision in it is replayed to answer it. */
export const MAX_PERIOD_YEARS = 10;

/** Largest page of decisions or licences one request may ask for. */
export const MAX_PAGE_SIZE = 500;
/** The page size when a page is asked without one. */
export const DEFAULT_PAGE_SIZE = 50;

export const FINDING_CODES = Object.keys(FINDING_SEVERITY) as FindingCode[];
export const DECISION_SEVERITY_FILTERS: readonly DecisionSeverityFilter[] = ['deviation', 'note', 'any'];

/** `to` on or after the object's `from`, and the period at most MAX_PERIOD_YEARS long. */
const IsPeriodEnd = () =>
  ValidateBy({
    name: 'isPeriodEnd',
    validator: {
      validate: (to: unknown, args) => {
        const from = (args?.object as { from?: unknown } | undefined)?.from;
        // A malformed date is reported by IsCalendarDate on its own field.
        if (!isLocalDate(to) || !isLocalDate(from)) return true;
        return (
          compareDates(from, to) <= 0 && compareDates(to, validUntilFor(from, 12 * MAX_PERIOD_YEARS)) <= 0
        );
      },
      defaultMessage: () => `to must be on or after from, at most ${MAX_PERIOD_YEARS} years later`,
    },
  });

export class ReplayQueryDto {
  @ApiPropertyOptional({ description: MIN_POSITION_DESCRIPTION, pattern: WHOLE_NUMBER.source })
  @IsOptional()
  @Matches(WHOLE_NUMBER, { message: 'minPosition must be a whole number' })
  minPosition?: string;
}

export class DecisionsQueryDto extends ReplayQueryDto {
  @ApiProperty({
    example: '2024-01-01',
    format: 'date',
    description: 'First decision date of the period (business time)',
  })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({
    example: '2024-12-31',
    format: 'date',
    description: `Last decision date; at most ${MAX_PERIOD_YEARS} years after from`,
  })
  @IsCalendarDate()
  @IsPeriodEnd()
  to!: string;

  @ApiPropertyOptional({
    enum: FINDING_CODES,
    description: 'Only decisions with a finding of this code; `totals` stay those of the whole period',
  })
  @IsOptional()
  @IsIn(FINDING_CODES)
  code?: FindingCode;

  @ApiPropertyOptional({
    enum: DECISION_SEVERITY_FILTERS,
    description:
      'Only decisions with a finding of this severity (`any`: with any finding); with `code`, one finding must have both',
  })
  @IsOptional()
  @IsIn(DECISION_SEVERITY_FILTERS)
  severity?: DecisionSeverityFilter;

  @ApiPropertyOptional({
    pattern: PAGE.source,
    description:
      'With page or pageSize, `decisions` is that page of the matching decisions and `findings` those of its decisions; the answer adds page, pageSize and matching',
  })
  @IsOptional()
  @Matches(PAGE, { message: 'page must be a whole number from 1' })
  page?: string;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, pattern: PAGE_SIZE.source })
  @IsOptional()
  @Matches(PAGE_SIZE, { message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  pageSize?: string;
}

export class WhatIfDto {
  @ApiProperty({ enum: WHAT_IF_POLICIES, example: 'contract-duration' })
  @IsIn(WHAT_IF_POLICIES)
  policy!: WhatIfPolicyName;

  @ApiProperty({
    example: '2024-01-01',
    format: 'date',
    description: 'Licences issued from this decision date',
  })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({
    example: '2024-12-31',
    format: 'date',
    description: `Up to this decision date; at most ${MAX_PERIOD_YEARS} years after from`,
  })
  @IsCalendarDate()
  @IsPeriodEnd()
  to!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1_000_000_000,
    description:
      'With page or pageSize, `licences` is that page (same order); the answer adds page, pageSize and matching; `totals` stay those of the whole period',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

/** The page a request asked for, or none when it named neither page nor pageSize (null is absent). */
export function pageAsked(
  page: string | number | null | undefined,
  pageSize: string | number | null | undefined,
): { page: number; pageSize: number } | undefined {
  if (page == null && pageSize == null) return undefined;
  return { page: Number(page ?? 1), pageSize: Number(pageSize ?? DEFAULT_PAGE_SIZE) };
}
