import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { Criterion } from '@licences/licensing-domain';
import { EachWholeNumber, IsCalendarDate, IsList, NAME_MAX, TEXT_MAX } from './validators';

/** Criteria of the EU Common Position (2008/944/CFSP art. 2), each 1 to 8. */
const CriterionList = (minimum: number) => (target: object, key: string) => {
  IsList(minimum, 8)(target, key);
  EachWholeNumber(1, 8)(target, key);
};

export class FindingDto {
  @ApiProperty({ minimum: 1, maximum: 8, description: 'EU Common Position 2008/944/CFSP art. 2 criterion' })
  @IsInt()
  @Min(1)
  @Max(8)
  criterion!: Criterion;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  finding!: string;
}

export class AssessmentDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  summary!: string;

  @ApiProperty({ type: [FindingDto] })
  @IsList(1, 100)
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings!: FindingDto[];
}

export class AnswerSondageDto {
  @ApiProperty({ enum: ['positive', 'negative'] })
  @IsIn(['positive', 'negative'])
  outcome!: 'positive' | 'negative';

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reasoning!: string;

  @ApiPropertyOptional({ type: [Number] })
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

  @ApiPropertyOptional({ example: '2025-01-01', description: 'Not before the decision date' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;
}

export class DenyLicenceDto {
  @ApiProperty({ type: [Number] })
  @CriterionList(1)
  criteria!: Criterion[];

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reasoning!: string;
}

export class WithdrawCaseDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason!: string;
}

export class ExtendLicenceDto {
  @ApiProperty({ type: AssessmentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AssessmentDto)
  reassessment!: AssessmentDto;

  @ApiPropertyOptional({ example: '2027-12-31' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string;
}

export class EvidenceDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  title!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  source!: string;

  @ApiProperty({ example: '2025-03-01' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  reference!: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the document, hex' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal characters' })
  sha256?: string;
}

/** The first official's part of a revocation: what changed, under which criteria, on what evidence. */
export class ProposeRevocationDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  circumstances!: string;

  @ApiProperty({ type: [Number] })
  @CriterionList(1)
  criteria!: Criterion[];

  @ApiProperty({ type: [EvidenceDto] })
  @IsList(1, 100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence!: EvidenceDto[];
}

/** Why a revocation proposal is withdrawn (by its proposer) or rejected (by a second official). */
export class RevocationProposalReasonDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason!: string;
}

/** The second official's approval; the revocation rests on the proposal's evidence and any added here. */
export class ApproveRevocationDto {
  @ApiPropertyOptional({ type: [EvidenceDto], description: 'Evidence the approver adds to the proposal' })
  @IsOptional()
  @IsList(0, 100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  additionalEvidence?: EvidenceDto[];
}
