import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../licences/dto/validators';

export class RejectImportDto {
  @ApiProperty({ description: 'Why the import is turned down; kept in its record' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason!: string;
}
