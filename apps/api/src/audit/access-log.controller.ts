import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { ACCESS_LOG } from '@licences/licensing-application';
import type { AccessLog, AccessRecord } from '@licences/licensing-application';
import { Roles } from '../auth/roles';
import { IsInstant } from '../licences/dto/validators';

export class AccessLogQueryDto {
  @ApiPropertyOptional() @IsOptional() @MaxLength(200) sub?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  from?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  to?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,8}$/, { message: 'page must be a whole number from 1' })
  page?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^([1-9][0-9]?|[1-4][0-9]{2}|500)$/, { message: 'pageSize must be a whole number from 1 to 500' })
  pageSize?: string;
}

/** Lets an admin see who read which case: the reads of oversight bodies and reporting jobs. */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('api/oversight/access-log')
export class AccessLogController {
  constructor(@Inject(ACCESS_LOG) private readonly accessLog: AccessLog) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Reads by oversight and reporting, newest first' })
  async list(
    @Query() q: AccessLogQueryDto,
  ): Promise<{ items: AccessRecord[]; total: number; page: number; pageSize: number }> {
    const page = Number(q.page ?? 1);
    const pageSize = Number(q.pageSize ?? 50);
    const filter = {
      ...(q.sub && { sub: q.sub }),
      ...(q.caseId && { caseId: q.caseId }),
      ...(q.from && { from: new Date(q.from).toISOString() }),
      ...(q.to && { to: new Date(q.to).toISOString() }),
    };
    const { items, total } = await this.accessLog.list(filter, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items, total, page, pageSize };
  }
}
