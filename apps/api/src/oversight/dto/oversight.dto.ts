import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateBy } from 'class-validator';
import { compareDates, isLocalDate, validUntilFor, WHAT_IF_POLICIES } from '@licences/licensing-domain';
import type { WhatIfPolicyName } from '@licences/licensing-domain';
import { IsCalendarDate, MIN_POSITION_DESCRIPTION, WHOLE_NUMBER } from '../../licences/dto/validators';

/** Longest period one request may replay: every case is read to answer it. */
export const MAX_PERIOD_YEARS = 10;

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
}
