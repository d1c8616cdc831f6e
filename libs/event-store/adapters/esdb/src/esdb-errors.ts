import {
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '@licences/event-store';
import type { ExpectedRevision } from '@licences/event-store';

/** Errors after which the same call may be sent again: the cluster was not reachable or not the leader. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof NotLeaderError ||
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    // A server-side commit timeout: the append may or may not have been written; ids make a retry safe.
    error instanceof TimeoutError
  );
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

/** Maps the client's errors to the port's; anything unknown passes through unchanged. */
export function toPortError(error: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError && streamId !== undefined && expected !== undefined) {
    const actual = error.actualVersion;
    return new WrongExpectedRevisionError(
      streamId,
      expected,
      typeof actual === 'bigint' ? Number(actual) : undefined,
    );
  }
  if (isTransient(error)) {
    return new EventStoreUnavailableError(`EventStoreDB did not answer: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return error;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 100 };

/**
 * Runs `operation` again after a transient error, with exponential back-off. Only callers whose
 * operation is safe to repeat use it: reads, and appends (which deduplicate by event id).
 */
export async function withRetry<T>(policy: RetryPolicy, operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransient(error) || attempt >= policy.attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, policy.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
