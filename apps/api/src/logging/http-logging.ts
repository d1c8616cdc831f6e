import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Options } from 'pino-http';
import { assignRequestId, requestCorrelationIdOf } from './request-ids';

/** Request headers worth a log line; everything else (Authorization, Cookie...) never reaches one. */
const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'if-match', 'x-acting-role'];

/** Query parameters whose values are credentials (a token in a link, a password in a form). */
const SECRET_PARAMETER = /token|secret|password|passwd|pwd|api[-_]?key|signature|code/i;

/** A URL as it may be logged: the values of credential-like query parameters replaced. */
export function loggableUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is judged as written.
      }
      return SECRET_PARAMETER.test(decoded) ? `${name}=[Redacted]` : pair;
    });
  return `${url.slice(0, query)}?${params.join('&')}`;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
}

/** A request in a log line: method, URL without credentials, a few harmless headers. */
export function serializeRequest(request: SerializedRequest): Record<string, unknown> {
  const headers = Object.fromEntries(
    LOGGED_HEADERS.filter((name) => request.headers?.[name] !== undefined).map((name) => [
      name,
      request.headers?.[name],
    ]),
  );
  return {
    id: request.id,
    method: request.method,
    url: loggableUrl(request.url ?? ''),
    headers,
    remoteAddress: request.remoteAddress,
  };
}

/** Probes every few seconds are not news; their failures still show in the metrics and the answer. */
function isProbe(request: IncomingMessage): boolean {
  const path = (request.url ?? '').split('?', 1)[0] ?? '';
  return path === '/metrics' || path === '/health' || path.startsWith('/health/');
}

/**
 * pino-http's options for the API: each request gets its id once (see assignRequestId), and its
 * log lines carry the same `correlationId` as the events it stores. Only the status line of a
 * completed request is written, at info (warn for 4xx is not used: a refusal is a normal answer).
 */
export function httpLogging(logger: Logger): Options {
  return {
    logger,
    genReqId: assignRequestId,
    customProps: (request: IncomingMessage) => ({
      correlationId: requestCorrelationIdOf(request as Request),
    }),
    serializers: {
      req: serializeRequest,
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    autoLogging: { ignore: isProbe },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error !== undefined || response.statusCode >= 500 ? 'error' : 'info',
    customSuccessMessage: (request: IncomingMessage, response: ServerResponse) =>
      `${request.method ?? ''} ${loggableUrl((request as Request).originalUrl ?? request.url ?? '')} ${response.statusCode}`,
    customErrorMessage: (request: IncomingMessage, response: ServerResponse) =>
      `${request.method ?? ''} ${loggableUrl((request as Request).originalUrl ?? request.url ?? '')} ${response.statusCode}`,
  };
}
