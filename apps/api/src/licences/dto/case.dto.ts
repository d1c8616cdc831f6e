import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EXPORT_TYPES,
  GOODS_CATEGORIES,
  LICENCE_KINDS,
  PROCEDURES,
  TEMPORARY_EXPORT_PURPOSES,
} from '@licences/licensing-domain';
import type {
  ExportType,
  GoodsCategory,
  LicenceKind,
  Procedure,
  TemporaryExportPurpose,
} from '@licences/licensing-domain';
import {
  CONTROL_LIST_ENTRY,
  COUNTRY_CODE,
  IsList,
  IsLongText,
  IsNameText,
  NAME_MAX,
  NotWith,
  TEXT_MAX,
  EachObject,
} from './validators';

export class ApplicantDto {
  @ApiProperty({ example: 'Thales Nederland B.V.', maxLength: NAME_MAX })
  @IsNameText()
  name!: string;

  @ApiProperty({ example: '06061578', description: 'KvK number', pattern: '^[0-9]{8}$' })
  @IsString()
  @Matches(/^[0-9]{8}$/, { message: 'chamberOfCommerceNumber must be the 8 digits of a KvK number' })
  chamberOfCommerceNumber!: string;
}

export class GoodsItemDto {
  @ApiProperty({
    example: 'ML5.a',
    description: 'ML1..ML22 (military) or e.g. 5A002 (dual-use), optional sub-items',
    pattern: CONTROL_LIST_ENTRY.source,
  })
  @IsString()
  @Matches(CONTROL_LIST_ENTRY, {
    message:
      'controlListEntry must be ML1..ML22 or a dual-use entry like 5A002, optionally with sub-items (ML10.a)',
  })
  controlListEntry!: string;

  @ApiProperty({ example: 'Fire control radar', maxLength: TEXT_MAX })
  @IsLongText()
  description!: string;

  @ApiProperty({ type: 'integer', example: 2, minimum: 1, maximum: 1_000_000_000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  quantity!: number;

  @ApiProperty({ example: 1250000, minimum: 0, maximum: 1e12 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e12)
  valueEur!: number;
}

export class DestinationDto {
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2', pattern: COUNTRY_CODE.source })
  @IsString()
  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166-1 alpha-2 code in capitals' })
  country!: string;

  @ApiProperty({ example: 'Bundeswehr', maxLength: NAME_MAX })
  @IsNameText()
  endUser!: string;
}

export class ContractDto {
  @ApiProperty({
    type: 'integer',
    example: 60,
    minimum: 1,
    maximum: 600,
    description: 'Intended contract term in months',
  })
  @IsInt()
  @Min(1)
  @Max(600)
  termMonths!: number;
}

/** Most destinations one case may name: a global licence for every EU and NATO+ state stays well under it. */
export const MAX_DESTINATIONS = 50;

/**
 * What a case is about: the body of a registration without its procedure, and the body of an
 * application after a sondage that states changed details.
 */
export class CaseDetailsDto {
  @ApiProperty({ type: ApplicantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({
    enum: LICENCE_KINDS,
    description: 'A global licence may name several destinations; the other kinds exactly one',
  })
  @IsIn(LICENCE_KINDS)
  kind!: LicenceKind;

  @ApiProperty({ example: false })
  @IsBoolean()
  afterSales!: boolean;

  @ApiProperty({ enum: GOODS_CATEGORIES })
  @IsIn(GOODS_CATEGORIES)
  goodsCategory!: GoodsCategory;

  @ApiProperty({ type: [GoodsItemDto] })
  @IsList(1, 1000)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => GoodsItemDto)
  goods!: GoodsItemDto[];

  @ApiPropertyOptional({
    type: [DestinationDto],
    minItems: 1,
    maxItems: MAX_DESTINATIONS,
    description:
      'Every destination with its end user: exactly one for an individual, transit or brokering ' +
      'licence, one or more (each country once) for a global one. Required unless the legacy ' +
      '`destination` is given.',
  })
  @ValidateIf((dto: CaseDetailsDto) => dto.destinations !== undefined || dto.destination === undefined)
  @IsList(1, MAX_DESTINATIONS)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => DestinationDto)
  destinations?: DestinationDto[];

  @ApiPropertyOptional({
    type: DestinationDto,
    deprecated: true,
    description:
      'Legacy form of a single destination, read as `destinations` with this one item. Give ' +
      '`destinations` or `destination`, not both.',
  })
  @ValidateIf((dto: CaseDetailsDto) => dto.destination !== undefined)
  @NotWith('destinations')
  @IsObject()
  @ValidateNested()
  @Type(() => DestinationDto)
  destination?: DestinationDto;

  @ApiPropertyOptional({
    enum: EXPORT_TYPES,
    default: 'definitive',
    description:
      'A temporary export comes back (trade fair, demonstration, repair, testing) and gets one ' +
      'year even to allies (Kamerstuk 22054-388). Absent: definitive, as for clients written ' +
      'before the field existed.',
  })
  @IsOptional()
  @IsIn(EXPORT_TYPES)
  exportType?: ExportType;

  @ApiPropertyOptional({
    enum: TEMPORARY_EXPORT_PURPOSES,
    description: 'Why the goods leave temporarily: required for a temporary export, refused otherwise',
  })
  @IsOptional()
  @IsIn(TEMPORARY_EXPORT_PURPOSES)
  temporaryPurpose?: TemporaryExportPurpose;

  @ApiPropertyOptional({
    default: false,
    description:
      'True when the licence is partly governed by the Wet wapens en munitie (firearms act); such ' +
      'a licence gets one year even to allies. Absent: false.',
  })
  @IsOptional()
  @IsBoolean()
  firearmsAct?: boolean;

  @ApiPropertyOptional({
    type: ContractDto,
    description: 'The intended contract, if the applicant states it',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContractDto)
  contract?: ContractDto;
}

export class RegisterCaseDto extends CaseDetailsDto {
  @ApiProperty({ enum: PROCEDURES })
  @IsIn(PROCEDURES)
  procedure!: Procedure;
}
