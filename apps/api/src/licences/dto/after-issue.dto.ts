import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { REASSESSMENT_OUTCOMES } from '@licences/licensing-domain';
import type { ReassessmentOutcome } from '@licences/licensing-domain';
import { AssessmentDto, ProposeRevocationDto } from './decision.dto';
import { IsLongText, TEXT_MAX } from './validators';

export class ReassessLicenceDto {
  @ApiProperty({ type: AssessmentDto, description: 'Findings per criterion on the new information' })
  @IsObject()
  @ValidateNested()
  @Type(() => AssessmentDto)
  assessment!: AssessmentDto;

  @ApiProperty({ enum: REASSESSMENT_OUTCOMES })
  @IsIn(REASSESSMENT_OUTCOMES)
  outcome!: ReassessmentOutcome;

  @ApiPropertyOptional({
    type: ProposeRevocationDto,
    description:
      'The grounds of the revocation proposal: required with `revocation-proposed` (422 ' +
      'REVOCATION_GROUNDS_REQUIRED), refused with `maintained` (422 REVOCATION_GROUNDS_WITHOUT_PROPOSAL)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProposeRevocationDto)
  revocation?: ProposeRevocationDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The country measure whose reassessment request this answers (422 NO_REASSESSMENT_REQUESTED if it asked none)',
  })
  @IsOptional()
  @IsUUID()
  measureId?: string;
}

/** A suspension's grounds: the criteria and evidence as for a revocation, and the reasons. */
export class SuspendLicenceDto extends OmitType(ProposeRevocationDto, ['circumstances'] as const) {
  @ApiProperty({ example: 'Reports of use against civilians are being verified', maxLength: TEXT_MAX })
  @IsLongText()
  reasons!: string;
}

/** Why a licence is reinstated, or a case held or released. */
export class CaseStepReasonDto {
  @ApiProperty({
    example: 'The situation in the country of destination is being reviewed',
    maxLength: TEXT_MAX,
  })
  @IsLongText()
  reason!: string;
}
