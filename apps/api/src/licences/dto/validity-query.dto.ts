import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { EXPORT_TYPES, GOODS_CATEGORIES, LICENCE_KINDS } from '@licences/licensing-domain';
import type { ExportType, GoodsCategory, LicenceKind } from '@licences/licensing-domain';
import { COUNTRY_CODE, IsCalendarDate, IsList } from './validators';

/** Most destinations one question may name, as for a case. */
export const MAX_QUESTION_DESTINATIONS = 50;

export class ValidityQueryDto {
  @ApiProperty({
    type: 'array',
    minItems: 1,
    maxItems: MAX_QUESTION_DESTINATIONS,
    example: ['DE', 'TR'],
    description:
      'Destination country, repeated for several (`?destination=DE&destination=TR`, at most ' +
      `${MAX_QUESTION_DESTINATIONS}); with several, the least favourable decides`,
    items: { type: 'string', pattern: COUNTRY_CODE.source, example: 'DE' },
  })
  // One `destination` arrives as a string, a repeated one as a list: both are a list here.
  @Transform(({ value }: { value: unknown }) =>
    value === undefined || Array.isArray(value) ? value : [value],
  )
  @IsList(1, MAX_QUESTION_DESTINATIONS)
  @Matches(COUNTRY_CODE, {
    each: true,
    message: 'each destination must be an ISO 3166-1 alpha-2 code in capitals',
  })
  destination!: string[];

  @ApiProperty({ enum: GOODS_CATEGORIES })
  @IsIn(GOODS_CATEGORIES)
  goodsCategory!: GoodsCategory;

  @ApiProperty({ enum: LICENCE_KINDS })
  @IsIn(LICENCE_KINDS)
  kind!: LicenceKind;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false' })
  @IsOptional()
  @IsIn(['true', 'false'])
  afterSales?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: EXPORT_TYPES,
    default: 'definitive',
    description: 'A temporary export (trade fair, repair, testing) gets one year even to allies',
  })
  @IsOptional()
  @IsIn(EXPORT_TYPES)
  exportType?: ExportType;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'Partly governed by the Wet wapens en munitie (firearms act): one year even to allies',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  firearmsAct?: 'true' | 'false';

  @ApiPropertyOptional({
    example: '2024-11-28',
    format: 'date',
    description: 'Decision date; today (Europe/Amsterdam) when absent',
  })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
