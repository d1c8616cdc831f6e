import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/roles';

/** What a command route needs of its HTTP exchange: the caller, the request's headers, the response's. */
export interface CommandContext {
  readonly principal: Principal;
  readonly request: Request;
  readonly response: Response;
}

export const Exchange = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const http = context.switchToHttp();
  const request = http.getRequest<Request & { principal: Principal }>();
  return { principal: request.principal, request, response: http.getResponse<Response>() };
});
