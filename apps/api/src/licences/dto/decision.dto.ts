import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { Criterion } from '@licences/licensing-domain';
import {
  EachWholeNumber,
  IsCalendarDate,
  IsList,
  IsLongText,
  IsNameText,
  NAME_MAX,
  TEXT_MAX,
  EachObject,
} from './validators';

/** Criteria of the EU Common Position (2008/944/CFSP art. 2), each 1 to 8. */
const CriterionList = (minimum: number) => (target: object, key: string) => {
  IsList(minimum, 8)(target, key);
  EachWholeNumber(1, 8)(target, key);
};

export class FindingDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 8,
    example: 7,
    description: 'EU Common Position 2008/944/CFSP art. 2 criterion',
  })
  @IsInt()
  @Min(1)
  @Max(8)
  criterion!: Criterion;

  @ApiProperty({ example: 'End-user certificate received; low diversion risk', maxLength: TEXT_MAX })
  @IsLongText()
  finding!: string;
}

export class AssessmentDto {
  @ApiProperty({ example: 'No clear risk under the Common Position criteria', maxLength: TEXT_MAX })
  @IsLongText()
  summary!: string;

  @ApiProperty({ type: [FindingDto] })
  @IsList(1, 100)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings!: FindingDto[];
}

export class AnswerSondageDto {
  @ApiProperty({ enum: ['positive', 'negative'] })
  @IsIn(['positive', 'negative'])
  outcome!: 'positive' | 'negative';

  @ApiProperty({ example: 'A clear risk of use in internal repression (criterion 2)', maxLength: TEXT_MAX })
  @IsLongText()
  reasoning!: string;

  @ApiPropertyOptional({ type: 'integer', isArray: true, example: [2] })
  @IsOptional()
  @CriterionList(0)
  criteria?: Criterion[];
}

export class IssueLicenceDto {
  @ApiProperty({ type: AssessmentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AssessmentDto)
  assessment!: AssessmentDto;

  @ApiPropertyOptional({ example: '2025-01-01', format: 'date', description: 'Not before the decision date' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;
}

export class DenyLicenceDto {
  @ApiProperty({ type: 'integer', isArray: true, example: [2, 7] })
  @CriterionList(1)
  criteria!: Criterion[];

  @ApiProperty({ example: 'A clear risk of use in internal repression (criterion 2)', maxLength: TEXT_MAX })
  @IsLongText()
  reasoning!: string;
}

export class WithdrawCaseDto {
  @ApiProperty({ example: 'The applicant withdrew the application', maxLength: TEXT_MAX })
  @IsLongText()
  reason!: string;
}

export class ExtendLicenceDto {
  @ApiProperty({ type: AssessmentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AssessmentDto)
  reassessment!: AssessmentDto;

  @ApiPropertyOptional({ example: '2027-12-31', format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string;
}

export class EvidenceDto {
  @ApiProperty({ example: 'UN Security Council report', maxLength: NAME_MAX })
  @IsNameText()
  title!: string;

  @ApiProperty({ example: 'United Nations', maxLength: NAME_MAX })
  @IsNameText()
  source!: string;

  @ApiProperty({ example: '2025-03-01', format: 'date' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: 'S/2025/123', maxLength: NAME_MAX })
  @IsNameText()
  reference!: string;

  @ApiPropertyOptional({
    description: 'SHA-256 of the document, hex',
    example: 'a'.repeat(64),
    pattern: '^[0-9a-fA-F]{64}$',
  })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal characters' })
  sha256?: string;
}

/** The first official's part of a revocation: what changed, under which criteria, on what evidence. */
export class ProposeRevocationDto {
  @ApiProperty({ example: 'Armed conflict broke out in which the goods could be used', maxLength: TEXT_MAX })
  @IsLongText()
  circumstances!: string;

  @ApiProperty({ type: 'integer', isArray: true, example: [2, 7] })
  @CriterionList(1)
  criteria!: Criterion[];

  @ApiProperty({ type: [EvidenceDto] })
  @IsList(1, 100)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence!: EvidenceDto[];
}

/** Why a revocation proposal is withdrawn (by its proposer) or rejected (by a second official). */
export class RevocationProposalReasonDto {
  @ApiProperty({ example: 'The applicant withdrew the application', maxLength: TEXT_MAX })
  @IsLongText()
  reason!: string;
}

/** The second official's approval; the revocation rests on the proposal's evidence and any added here. */
export class ApproveRevocationDto {
  @ApiPropertyOptional({ type: [EvidenceDto], description: 'Evidence the approver adds to the proposal' })
  @IsOptional()
  @IsList(0, 100)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  additionalEvidence?: EvidenceDto[];
}
