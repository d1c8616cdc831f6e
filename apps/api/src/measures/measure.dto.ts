import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { COUNTRY_CODE, IsLongText, TEXT_MAX } from '../licences/dto/validators';

export class ProposeMeasureDto {
  @ApiProperty({ example: 'TR', description: 'ISO 3166-1 alpha-2 code of the destination' })
  @Matches(COUNTRY_CODE, { message: 'destination must be an ISO 3166-1 alpha-2 code in capitals, e.g. TR' })
  destination!: string;

  @ApiProperty({ example: 'Kamerstuk 22054-316 (October 2019)', maxLength: TEXT_MAX })
  @IsLongText()
  legalGround!: string;

  @ApiProperty({ example: 'Military operation in north-east Syria', maxLength: TEXT_MAX })
  @IsLongText()
  reasons!: string;
}

export class MeasureReasonDto {
  @ApiProperty({ example: 'The situation in the country has normalised', maxLength: TEXT_MAX })
  @IsLongText()
  reason!: string;
}
