import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { documentingMethod } from '../http/openapi-param';
import type { Principal } from '../auth/roles';

/** What a command route needs of its HTTP exchange: the caller, the request's headers, the response's. */
export interface CommandContext {
  readonly principal: Principal;
  readonly request: Request;
  readonly response: Response;
}

/** The headers every command reads (command-headers.ts), documented on each route that takes a command. */
const COMMAND_HEADERS = [
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
    description:
      'Sending the same request again under the same key answers the first result (1 to 200 visible ASCII characters)',
  }),
  ApiHeader({
    name: 'If-Match',
    required: false,
    schema: { type: 'string', pattern: '^"?[0-9]{1,15}"?$' },
    description: 'The revision (ETag) the decision was taken on; 412 REVISION_MISMATCH if the case moved on',
  }),
].map(documentingMethod);

export const Exchange = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const http = context.switchToHttp();
  const request = http.getRequest<Request & { principal: Principal }>();
  return { principal: request.principal, request, response: http.getResponse<Response>() };
}, COMMAND_HEADERS);
