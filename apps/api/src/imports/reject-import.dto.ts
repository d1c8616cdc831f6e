import { ApiProperty } from '@nestjs/swagger';
import { IsLongText, TEXT_MAX } from '../licences/dto/validators';

export class RejectImportDto {
  @ApiProperty({
    description: 'Why the import is turned down; kept in its record',
    example: 'The file names cases that were never decided',
    maxLength: TEXT_MAX,
  })
  @IsLongText()
  reason!: string;
}
