import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { RequestValidationError } from '../http/request-validation';

/** Reads `If-Match: "<revision>"`; absent means "decide on whatever the case is now". */
export function expectedRevisionOf(request: Request): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) {
    throw new RequestValidationError([
      { field: 'If-Match', messages: ['If-Match must be a revision, e.g. "3"'] },
    ]);
  }
  return Number(match[1]);
}

/** Reads the `Idempotency-Key` header, if the client sent one. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new RequestValidationError([
      { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 200 visible ASCII characters'] },
    ]);
  }
  return key;
}

/** The caller's `X-Correlation-Id`, when it sent a usable one (1 to 200 visible ASCII characters). */
export function correlationIdOf(request: Request): string | undefined {
  const value = request.headers['x-correlation-id'];
  return typeof value === 'string' && /^[\x21-\x7e]{1,200}$/.test(value) ? value : undefined;
}

/**
 * What a request asks for, so that a key reused for another request can be told apart. The role
 * the caller acts in belongs to it: the same body sent in another role is another decision.
 */
export function requestHashOf(request: Request, actingRole: string): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method, request.path, actingRole, request.body ?? null]))
    .digest('hex');
}
