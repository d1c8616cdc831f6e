import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { problem, sendProblem } from './problem';

export const MAX_BODY_BYTES = 1024 * 1024;

const parseJson = express.json({
  limit: MAX_BODY_BYTES,
  strict: true,
  type: ['application/json', 'application/*+json'],
});

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * Parses JSON bodies up to 1 MiB and answers parse failures itself as problem+json: these
 * errors happen before Nest's pipeline, so its exception filter never sees them.
 */
export function jsonBodyMiddleware(request: Request, response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !request.is(['application/json', 'application/*+json'])) {
    sendProblem(
      response,
      problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the body as application/json'),
    );
    return;
  }
  parseJson(request, response, (error?: unknown) => {
    if (error) {
      const e = error as BodyParserError;
      if (e.type === 'entity.too.large' || e.status === 413) {
        sendProblem(
          response,
          problem(
            413,
            'PAYLOAD_TOO_LARGE',
            'Payload too large',
            `The body must not exceed ${MAX_BODY_BYTES} bytes`,
          ),
        );
      } else if (e.type === 'entity.parse.failed') {
        sendProblem(response, problem(400, 'MALFORMED_JSON', 'Malformed JSON', e.message));
      } else {
        sendProblem(
          response,
          problem(
            e.status && e.status < 500 ? e.status : 400,
            'UNREADABLE_BODY',
            'Unreadable body',
            e.message,
          ),
        );
      }
      return;
    }
    request.body ??= {};
    next();
  });
}
