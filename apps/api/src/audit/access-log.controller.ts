import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { AccessRecord } from '@licences/licensing-application';
import { Roles } from '../auth/roles';
import { IsCleanText } from '../http/text-field.validator';
import { IsInstant } from '../licences/dto/validators';
import { AccessAudit } from './access-audit.service';

export class AccessLogQueryDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsCleanText({ maxLength: 200 }) sub?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  from?: string;
  @ApiPropertyOptional({ format: 'date-time' })
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

/**
 * Lets an admin see who read which case: every request of a token with an oversight or reporting
 * role, newest first, each with its place in the hash chain (`seq`, `prevHash`, `hash`), and the
 * records that opened the log. Read by such a token, this listing is itself recorded.
 */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('api/oversight/access-log')
export class AccessLogController {
  constructor(private readonly accessLog: AccessAudit) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Requests by oversight and reporting tokens, newest first, hash-chained' })
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
