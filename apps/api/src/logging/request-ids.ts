import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { correlationIdOf } from '../licences/command-headers';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/** What the request logger gives each request; read back by requestIdOf. */
interface IdentifiedRequest {
  id?: unknown;
}

/**
 * The id of one request, made once when it arrives (pino-http's genReqId): the log lines of the
 * request carry it, and an event the request stores has it as its causation. The caller's
 * X-Correlation-Id, when usable, becomes the correlation id; otherwise this id is both, and is
 * echoed back so that the caller can quote it.
 */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const id = randomUUID();
  response.setHeader(CORRELATION_ID_HEADER, correlationIdOf(request as Request) ?? id);
  return id;
}

/** The id assignRequestId gave this request; a fresh one where no request logger ran (never in the API). */
export function requestIdOf(request: Request): string {
  const id = (request as IdentifiedRequest).id;
  if (typeof id === 'string') return id;
  const made = randomUUID();
  (request as IdentifiedRequest).id = made;
  return made;
}

/** The correlation id of a request: the caller's usable X-Correlation-Id, else the request's own id. */
export function requestCorrelationIdOf(request: Request): string {
  return correlationIdOf(request) ?? requestIdOf(request);
}
