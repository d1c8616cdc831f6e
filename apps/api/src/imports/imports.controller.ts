import { Controller, HttpCode, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { HistoricalImportService } from '@licences/licensing-application';
import type { ImportReport } from '@licences/licensing-application';
import { Roles } from '../auth/roles';
import { NDJSON } from '../http/json-body.middleware';

/** Splits the body into lines lazily, so the import reads it like a file. */
function* linesOf(body: string): Generator<string> {
  let start = 0;
  while (start < body.length) {
    const end = body.indexOf('\n', start);
    const stop = end === -1 ? body.length : end;
    yield body.slice(start, stop > start && body[stop - 1] === '\r' ? stop - 1 : stop);
    start = stop + 1;
  }
}

/** Decisions taken before the system existed, imported as JSON Lines (issue 5). */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: HistoricalImportService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiConsumes(NDJSON)
  @ApiBody({
    description:
      'One historical event per line: { caseId, type, occurredAt, actor: { sub, role }, data }; data as the matching command body, plus validFrom/validUntil for Issued and validUntil for Extended',
    schema: { type: 'string' },
  })
  @ApiOperation({
    summary: 'Import historical decisions; each case is checked against the lifecycle and refused whole',
  })
  run(@Req() request: Request): Promise<ImportReport> {
    const body: unknown = request.body;
    if (typeof body !== 'string') {
      throw new UnsupportedMediaTypeException(`Send the history as ${NDJSON}, one event per line`);
    }
    return this.imports.run(() => linesOf(body));
  }
}
