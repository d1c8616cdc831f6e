import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../auth/roles';
import { RequestValidationError } from '../http/request-validation';

/** What a measure route needs of its request: the caller and the request itself. */
export interface MeasureContext {
  readonly principal: Principal;
  readonly request: Request;
}

/**
 * Measure steps take neither If-Match nor Idempotency-Key: a measure is proposed once and each
 * later step is allowed only in one status, so a repeat is refused by the decider. A client that
 * sends them expects a guarantee these routes do not give, so it is told so instead of ignored.
 */
const UNSUPPORTED = ['if-match', 'idempotency-key'] as const;

export const MeasureExchange = createParamDecorator(
  (_: unknown, context: ExecutionContext): MeasureContext => {
    const request = context.switchToHttp().getRequest<Request & { principal: Principal }>();
    const sent = UNSUPPORTED.filter((name) => request.headers[name] !== undefined);
    if (sent.length > 0) {
      throw new RequestValidationError(
        sent.map((name) => ({
          field: name === 'if-match' ? 'If-Match' : 'Idempotency-Key',
          messages: [
            `${name === 'if-match' ? 'If-Match' : 'Idempotency-Key'} is not taken by measure routes`,
          ],
        })),
      );
    }
    return { principal: request.principal, request };
  },
);
