import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { problem, sendProblem } from './problem';

export const MAX_BODY_BYTES = 1024 * 1024;

const parseJson = express.json({
  limit: MAX_BODY_BYTES,
  strict: true,
  type: ['application/json', 'application/*+json'],
});

/** Historical imports (`POST /api/imports`) come as JSON Lines, read as text up to 50 MiB. */
export const NDJSON = 'application/x-ndjson';
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const NDJSON_ROUTES = new Set(['/api/imports']);

const parseNdjson = express.text({ type: NDJSON, limit: MAX_IMPORT_BYTES });

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * Parses JSON bodies up to 1 MiB (and, on the import route only, NDJSON as text) and answers parse failures itself as problem+json: these
 * errors happen before Nest's pipeline, so its exception filter never sees them.
 */
export function jsonBodyMiddleware(request: Request, response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const ndjson = NDJSON_ROUTES.has(request.path.replace(/\/$/, '')) && Boolean(request.is(NDJSON));
  if (hasBody && !ndjson && !request.is(['application/json', 'application/*+json'])) {
    sendProblem(
      response,
      problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the body as application/json'),
      request.originalUrl,
    );
    return;
  }
  const limit = ndjson ? MAX_IMPORT_BYTES : MAX_BODY_BYTES;
  (ndjson ? parseNdjson : parseJson)(request, response, (error?: unknown) => {
    if (error) {
      const e = error as BodyParserError;
      if (e.type === 'entity.too.large' || e.status === 413) {
        sendProblem(
          response,
          problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `The body must not exceed ${limit} bytes`),
          request.originalUrl,
        );
      } else if (e.type === 'entity.parse.failed') {
        sendProblem(
          response,
          problem(400, 'MALFORMED_JSON', 'Malformed JSON', e.message),
          request.originalUrl,
        );
      } else {
        sendProblem(
          response,
          problem(
            e.status && e.status < 500 ? e.status : 400,
            'UNREADABLE_BODY',
            'Unreadable body',
            e.message,
          ),
          request.originalUrl,
        );
      }
      return;
    }
    request.body ??= ndjson ? '' : {};
    next();
  });
}
