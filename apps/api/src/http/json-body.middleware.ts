import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { MAX_IMPORT_BYTES } from '@licences/licensing-application';
import { jsonShapeDefect } from './json-limits';
import type { JsonShapeDefect } from './json-limits';
import { problem, sendProblem } from './problem';
import { urlUtf8Defect, verifyUtf8Body } from './utf8-input';

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];

const parseJson = express.json({
  limit: MAX_BODY_BYTES,
  strict: true,
  type: JSON_TYPES,
  verify: verifyUtf8Body,
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

/** The charset a Content-Type names, lower-cased, if it names one. */
function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

function invalidUtf8(field: string, message: string) {
  return problem(400, 'INVALID_UTF8', 'Invalid UTF-8', message, { errors: [{ field, messages: [message] }] });
}

/** Answers a failure of the body parser (these happen before Nest, whose filter never sees them). */
function parseFailure(error: BodyParserError) {
  if (error.type === 'entity.too.large') return tooLarge(MAX_BODY_BYTES);
  if (error.type === 'entity.parse.failed')
    return problem(400, 'MALFORMED_JSON', 'Malformed JSON', error.message);
  if (error.type === 'body.invalid-utf8') return invalidUtf8('body', 'The body is not valid UTF-8');
  return problem(
    error.status && error.status < 500 ? error.status : 400,
    'UNREADABLE_BODY',
    'Unreadable body',
    error.message,
  );
}

/**
 * Refuses what no route can read before any route sees it: percent-encoded bytes that are not
 * UTF-8 in the path or query, bodies that are not UTF-8 JSON up to 1 MiB, and JSON deeper or
 * larger than any request needs (json-limits.ts). JSON Lines on the import route are left to the
 * import. Every refusal is problem+json.
 */
export function jsonBodyMiddleware(request: Request, response: Response, next: NextFunction): void {
  const refuse = (body: ReturnType<typeof problem>) => sendProblem(response, body, request.originalUrl);
  const urlDefect = urlUtf8Defect(request.originalUrl);
  if (urlDefect) return refuse(invalidUtf8(urlDefect.field, urlDefect.message));
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const ndjson = NDJSON_ROUTES.has(request.path.replace(/\/$/, '')) && Boolean(request.is(NDJSON));
  if (hasBody && !ndjson && !request.is(JSON_TYPES)) {
    return refuse(
      problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the body as application/json'),
    );
  }
  const charset = charsetOf(request.headers['content-type']);
  // JSON between systems is UTF-8 (RFC 8259 section 8.1); another charset would only hide bad bytes.
  if (hasBody && !ndjson && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return refuse(
      problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send JSON as UTF-8 (charset=utf-8)'),
    );
  }
  if (ndjson) {
    // A declared length over the limit is refused before a byte is read; the import counts the rest.
    if (Number(request.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) {
      return refuse(tooLarge(MAX_IMPORT_BYTES));
    }
    return next();
  }
  parseJson(request, response, (error?: BodyParserError) => {
    if (error) return refuse(parseFailure(error));
    request.body ??= {};
    const shape = jsonShapeDefect(request.body);
    if (shape) return refuse(shapeProblem(shape));
    next();
  });
}

const SHAPE_TITLES: Record<JsonShapeDefect['code'], string> = {
  JSON_TOO_DEEP: 'JSON nested too deep',
  JSON_TOO_MANY_MEMBERS: 'JSON with too many members',
  JSON_FORBIDDEN_KEY: 'Forbidden key in JSON',
};

function shapeProblem(defect: JsonShapeDefect) {
  const errors =
    defect.field === undefined ? {} : { errors: [{ field: defect.field, messages: [defect.message] }] };
  return problem(400, defect.code, SHAPE_TITLES[defect.code], defect.message, errors);
}

function tooLarge(limit: number) {
  return problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `The body must not exceed ${limit} bytes`);
}
