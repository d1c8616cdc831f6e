import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { GOODS_CATEGORIES, LICENCE_KINDS } from '@licences/licensing-domain';
import type { GoodsCategory, LicenceKind, LicenceStatus } from '@licences/licensing-domain';
import {
  CONTROL_LIST_ENTRY,
  COUNTRY_CODE,
  IsCalendarDate,
  IsInstant,
  MIN_POSITION_DESCRIPTION,
  PAGE,
  PAGE_SIZE,
  WHOLE_NUMBER,
} from './validators';

export const LICENCE_STATUSES: readonly LicenceStatus[] = [
  'sondage-requested',
  'sondage-answered',
  'applied',
  'issued',
  'denied',
  'withdrawn',
  'revoked',
  'expired',
  'suspended',
];

/** The two senses of the past: business date (`validOn`) and what the system knew (`asOf`). */
export class PointInTimeQueryDto {
  @ApiPropertyOptional({
    example: '2025-06-01',
    format: 'date',
    description: 'Business time: the case as it stood on this date, with everything known now',
  })
  @IsOptional()
  @IsCalendarDate()
  validOn?: string;

  @ApiPropertyOptional({
    example: '2025-06-01T12:00:00Z',
    format: 'date-time',
    description: 'Recorded time: ignore everything recorded after this instant',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: MIN_POSITION_DESCRIPTION, pattern: WHOLE_NUMBER.source })
  @IsOptional()
  @Matches(WHOLE_NUMBER, { message: 'minPosition must be a whole number' })
  minPosition?: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2025-06-01T12:00:00Z', format: 'date-time' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: MIN_POSITION_DESCRIPTION, pattern: WHOLE_NUMBER.source })
  @IsOptional()
  @Matches(WHOLE_NUMBER, { message: 'minPosition must be a whole number' })
  minPosition?: string;
}

export class ListLicencesQueryDto extends PointInTimeQueryDto {
  // Same parameter, other question than on one case: which licences were valid that day.
  @ApiPropertyOptional({
    example: '2025-06-01',
    format: 'date',
    description:
      'Business time: only the licences valid on this date (issued, started, not expired or revoked)',
  })
  @IsOptional()
  @IsCalendarDate()
  declare validOn?: string;

  @ApiPropertyOptional({
    enum: LICENCE_STATUSES,
    description:
      '`expired` and `suspended` are derived from the dates: an issued licence after its end date, or on a day inside one of its suspensions',
  })
  @IsOptional()
  @IsIn(LICENCE_STATUSES)
  status?: LicenceStatus;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only the cases with (or without) a hold in force',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  onHold?: 'true' | 'false';

  @ApiPropertyOptional({ example: 'DE', pattern: COUNTRY_CODE.source })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'destination must be an ISO 3166-1 alpha-2 code in capitals' })
  destination?: string;

  @ApiPropertyOptional({ enum: GOODS_CATEGORIES })
  @IsOptional()
  @IsIn(GOODS_CATEGORIES)
  goodsCategory?: GoodsCategory;

  @ApiPropertyOptional({
    example: 'ML10',
    description: 'Matches the entry and its sub-items',
    pattern: CONTROL_LIST_ENTRY.source,
  })
  @IsOptional()
  @Matches(CONTROL_LIST_ENTRY, {
    message: 'controlListEntry must be ML1..ML22 or a dual-use entry like 5A002, optionally with sub-items',
  })
  controlListEntry?: string;

  @ApiPropertyOptional({ enum: LICENCE_KINDS })
  @IsOptional()
  @IsIn(LICENCE_KINDS)
  kind?: LicenceKind;

  @ApiPropertyOptional({ default: 1, pattern: PAGE.source })
  @IsOptional()
  @Matches(PAGE, { message: 'page must be a whole number from 1' })
  page?: string;

  @ApiPropertyOptional({ default: 50, pattern: PAGE_SIZE.source })
  @IsOptional()
  @Matches(PAGE_SIZE, { message: 'pageSize must be a whole number from 1 to 500' })
  pageSize?: string;
}
