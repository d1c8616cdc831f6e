import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { GOODS_CATEGORIES, LICENCE_KINDS } from '@licences/licensing-domain';
import type { GoodsCategory, LicenceKind } from '@licences/licensing-domain';
import { COUNTRY_CODE, IsCalendarDate } from './validators';

export class ValidityQueryDto {
  @ApiProperty({ example: 'DE', pattern: COUNTRY_CODE.source })
  @Matches(COUNTRY_CODE, { message: 'destination must be an ISO 3166-1 alpha-2 code in capitals' })
  destination!: string;

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
    example: '2024-11-28',
    format: 'date',
    description: 'Decision date; today (Europe/Amsterdam) when absent',
  })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
