import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  PayloadTooLargeException,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  HistoricalImportService,
  ImportTooLargeError,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_LINES,
  MAX_REFUSALS,
} from '@licences/licensing-application';
import type { ImportRecord, ImportReport, ImportSummary } from '@licences/licensing-application';
import type { Actor } from '@licences/event-store';
import { Roles } from '../auth/roles';
import type { Principal } from '../auth/roles';
import { NoBody } from '../http/empty-body.pipe';
import { NDJSON } from '../http/json-body.middleware';
import { allOf, documentingMethod } from '../http/openapi-param';
import { RequestValidationError } from '../http/request-validation';
import { RejectImportDto } from './reject-import.dto';

/** An import is named by the sha256 of its file. */
class ImportIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[0-9a-f]{64}$/.test(value)) {
      throw new RequestValidationError([
        {
          field: 'id',
          messages: ['The import id is the sha256 of the file: 64 lower-case hexadecimal characters'],
        },
      ]);
    }
    return value;
  }
}

const ImportId = (): ParameterDecorator =>
  allOf(
    Param('id', new ImportIdPipe()),
    documentingMethod(
      ApiParam({
        name: 'id',
        description: 'sha256 of the file',
        schema: { type: 'string', pattern: '^[0-9a-f]{64}$', example: '0'.repeat(64) },
      }),
    ),
  );

function actorOf(request: Request): Actor {
  const { principal } = request as Request & { principal: Principal };
  return { sub: principal.sub, role: principal.actingRole };
}

/**
 * Decisions taken before the system existed, imported in two steps by two admins (issue 10):
 * one stages a JSON Lines file, another approves or rejects what staging found.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: HistoricalImportService) {}

  @Post()
  @Roles('admin')
  @ApiConsumes(NDJSON)
  @ApiBody({
    description:
      'One historical event per line: { caseId, type, occurredAt, actor: { sub, role }, data }; data as the matching command body, plus validFrom/validUntil for Issued and validUntil for Extended',
    schema: { type: 'string' },
  })
  @ApiOperation({
    summary:
      'Stage a history file: checks every case (lifecycle, cut-over, roles) and answers what approval would append, what it refuses and what replay finds; appends nothing. 201 when staged, 200 when the same file was staged already',
    description: `Refused whole, with nothing staged: over ${MAX_IMPORT_BYTES} bytes or ${MAX_IMPORT_LINES} lines (413 IMPORT_TOO_MANY_LINES), or more than ${MAX_REFUSALS} refusals (422 IMPORT_TOO_MANY_REFUSALS, listing the first ones).`,
  })
  async stage(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportRecord> {
    if (!request.is(NDJSON)) {
      throw new UnsupportedMediaTypeException(`Send the history as ${NDJSON}, one event per line`);
    }
    try {
      const { record, created } = await this.imports.stage(request, actorOf(request));
      response.status(created ? 201 : 200).setHeader('Location', `/api/imports/${record.importId}`);
      return record;
    } catch (error) {
      if (error instanceof ImportTooLargeError) {
        throw new PayloadTooLargeException(`The body must not exceed ${MAX_IMPORT_BYTES} bytes`);
      }
      throw error;
    }
  }

  @Get()
  @Roles('admin', 'oversight')
  @ApiOperation({
    summary: 'Every import, newest first: staged, approved, committed or rejected, and by whom',
  })
  list(): Promise<ImportSummary[]> {
    return this.imports.list();
  }

  @Get(':id')
  @Roles('admin', 'oversight')
  @ApiOperation({
    summary: 'An import: its staging report, who uploaded, approved or rejected it, and its result',
  })
  get(@ImportId() id: string): Promise<ImportRecord> {
    return this.imports.get(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Approve a staged import (an admin other than the uploader): the file is checked again and the accepted cases are appended',
  })
  approve(
    @ImportId() id: string,
    @NoBody() _body: undefined,
    @Req() request: Request,
  ): Promise<ImportReport> {
    return this.imports.approve(id, actorOf(request));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Reject a staged import with a reason (an admin other than the uploader); nothing is appended',
  })
  reject(
    @ImportId() id: string,
    @Body() body: RejectImportDto,
    @Req() request: Request,
  ): Promise<ImportRecord> {
    return this.imports.reject(id, actorOf(request), body.reason);
  }
}
