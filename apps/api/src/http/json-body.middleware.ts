import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { MAX_IMPORT_BYTES } from '@licences/licensing-application';
import { problem, sendProblem } from './problem';

export const MAX_BODY_BYTES = 1024 * 1024;

const parseJson = express.json({
  limit: MAX_BODY_BYTES,
  strict: true,
  type: ['application/json', 'application/*+json'],
});

/**
 * Historical imports (`POST /api/imports`) come as JSON Lines up to 50 MiB. They are not parsed
 * here: the import streams the body to a file, so that it is never held whole.
 */
export const NDJSON = 'application/x-ndjson';
const NDJSON_ROUTES = new Set(['/api/imports']);

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * Parses JSON bodies up to 1 MiB (JSON Lines on the import route are left to the import) and answers parse failures itself as problem+json: these
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
  if (ndjson) {
    // A declared length over the limit is refused before a byte is read; the import counts the rest.
    if (Number(request.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) {
      sendProblem(response, tooLarge(MAX_IMPORT_BYTES), request.originalUrl);
      return;
    }
    next();
    return;
  }
  parseJson(request, response, (error?: unknown) => {
    if (error) {
      const e = error as BodyParserError;
      if (e.type === 'entity.too.large' || e.status === 413) {
        sendProblem(response, tooLarge(MAX_BODY_BYTES), request.originalUrl);
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
    request.body ??= {};
    next();
  });
}

function tooLarge(limit: number) {
  return problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `The body must not exceed ${limit} bytes`);
}
