import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateBy } from 'class-validator';
import { compareDates, GOODS_CATEGORIES, isLocalDate, LICENCE_KINDS } from '@licences/licensing-domain';
import type { GoodsCategory, LicenceKind, LicenceStatus } from '@licences/licensing-domain';
import { LICENCE_SORTS } from '@licences/licensing-read-models';
import type { LicenceSort } from '@licences/licensing-read-models';
import {
  CONTROL_LIST_ENTRY,
  COUNTRY_CODE,
  IsCalendarDate,
  IsInstant,
  IsNameText,
  MIN_POSITION_DESCRIPTION,
  NAME_MAX,
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

/** `expiresTo` on or after the object's `expiresFrom`, when both are given. */
const IsExpiryWindowEnd = () =>
  ValidateBy({
    name: 'isExpiryWindowEnd',
    validator: {
      validate: (to: unknown, args) => {
        const from = (args?.object as { expiresFrom?: unknown } | undefined)?.expiresFrom;
        // A missing or malformed date is IsCalendarDate's to report, on its own field.
        if (!isLocalDate(to) || !isLocalDate(from)) return true;
        return compareDates(from, to) <= 0;
      },
      defaultMessage: () => 'expiresTo must be on or after expiresFrom',
    },
  });

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

  @ApiPropertyOptional({
    example: 'intake-official-7',
    maxLength: NAME_MAX,
    description: 'Only the cases whose registration (first event) this official (token `sub`) recorded',
  })
  @IsOptional()
  @IsNameText()
  registeredBy?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'Only the licences with (or without) a reassessment a country measure asked for and not yet given',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  reassessmentRequested?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only the licences with (or without) an open revocation proposal awaiting a second official',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  revocationProposed?: 'true' | 'false';

  @ApiPropertyOptional({
    example: '2025-06-01',
    format: 'date',
    description: 'Only the licences whose end of validity (validUntil) is on or after this date',
  })
  @IsOptional()
  @IsCalendarDate()
  expiresFrom?: string;

  @ApiPropertyOptional({
    example: '2025-08-31',
    format: 'date',
    description:
      'Only the licences whose end of validity (validUntil) is on or before this date; not before expiresFrom',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsExpiryWindowEnd()
  expiresTo?: string;

  @ApiPropertyOptional({
    enum: LICENCE_SORTS,
    default: 'registered',
    description:
      '`registered`: oldest registration first; `expiry`: soonest validUntil first (cases without one last), then by registration',
  })
  @IsOptional()
  @IsIn(LICENCE_SORTS)
  sort?: LicenceSort;

  @ApiPropertyOptional({ default: 1, pattern: PAGE.source })
  @IsOptional()
  @Matches(PAGE, { message: 'page must be a whole number from 1' })
  page?: string;

  @ApiPropertyOptional({ default: 50, pattern: PAGE_SIZE.source })
  @IsOptional()
  @Matches(PAGE_SIZE, { message: 'pageSize must be a whole number from 1 to 500' })
  pageSize?: string;
}
