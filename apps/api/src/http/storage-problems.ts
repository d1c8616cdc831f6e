import { StorageFaultError } from '@licences/event-store';
import type { StorageFaultKind } from '@licences/event-store';
import { AccessLogUnavailableError } from '@licences/licensing-application';
import { NotReadyError } from '../health/readiness.checks';
import { problem } from './problem';
import type { Problem } from './problem';

/** Long enough for an operator's alert to fire, short enough that a mended disk is used soon. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

const TITLE: Record<StorageFaultKind, string> = {
  full: 'Storage full',
  'read-only': 'Storage read-only',
  corrupted: 'Storage corrupted',
  unavailable: 'Storage unavailable',
};

/**
 * What the client is told; the store's own message (paths, driver codes) stays in the log. A
 * failed write is rolled back whole; retrying is safe because a keyed request is answered once
 * and its events are deduplicated by id.
 */
function detailOf(fault: StorageFaultError): string {
  const again = 'Send it again (with the same Idempotency-Key, if it had one)';
  switch (fault.kind) {
    case 'full':
      return `The request was not completed: the ${fault.store} has no space left. ${again} once space is freed.`;
    case 'read-only':
      return `The request was not completed: the storage of the ${fault.store} is read-only. ${again} once it is writable.`;
    case 'corrupted':
      return `The request was not completed: a file of the ${fault.store} is damaged. The operator must check it (npm run verify) and restore the last good backup (npm run restore).`;
    case 'unavailable':
      return `The request was not completed: the ${fault.store} could not read or write its storage. ${again} shortly.`;
    default: {
      const unknown: never = fault.kind;
      throw new Error(`Unknown storage fault ${String(unknown)}`);
    }
  }
}

/**
 * The answer to a fault of the storage or of a store the API needs (503, never 500), or undefined
 * for anything else. A damaged file will not mend itself, so it carries no Retry-After.
 */
export function storageProblem(
  exception: unknown,
): { body: Problem; headers?: Record<string, string> } | undefined {
  const retry = { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) };
  if (exception instanceof StorageFaultError) {
    return {
      body: problem(503, exception.code, TITLE[exception.kind], detailOf(exception), {
        store: exception.store,
      }),
      ...(exception.kind !== 'corrupted' && { headers: retry }),
    };
  }
  if (exception instanceof AccessLogUnavailableError) {
    // The same code the audit interceptor answers with when it cannot record a request.
    return {
      body: problem(
        503,
        'ACCESS_AUDIT_UNAVAILABLE',
        'Access audit unavailable',
        `The access log cannot be used (${exception.message}); try again shortly.`,
      ),
      headers: retry,
    };
  }
  if (exception instanceof NotReadyError) {
    return {
      body: problem(503, exception.code, 'Not ready', exception.message, { checks: exception.checks }),
      headers: retry,
    };
  }
  return undefined;
}
