import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventIdConflictError, EventStoreUnavailableError } from '@licences/event-store';
import { ApplicationError } from '@licences/licensing-application';
import { DomainError } from '@licences/licensing-domain';
import type { DomainErrorKind } from '@licences/licensing-domain';
import { NotReadyError } from '../health/readiness.checks';
import { problem, reasonPhrase, sendProblem } from './problem';
import type { Problem } from './problem';
import {
  MinPositionBeyondHeadError,
  READ_MODEL_POSITION_HEADER,
  ReadModelNotCaughtUpError,
  RETRY_AFTER_SECONDS,
} from './read-model-freshness';
import { RequestValidationError } from './request-validation';
import { storageProblem } from './storage-problems';

const DOMAIN_STATUS: Record<DomainErrorKind, number> = {
  'not-found': 404,
  'forbidden-transition': 409,
  'rule-violation': 422,
  // Four eyes: the case is fine, the official is not the one who may take this step.
  'separation-of-duties': 403,
};

const APPLICATION_STATUS: Record<string, number> = {
  REVISION_MISMATCH: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
  CONCURRENT_MODIFICATION: 409,
  // An admin may approve imports, just not their own upload.
  IMPORT_APPROVER_IS_UPLOADER: 403,
  // A body limit like the size, with the import's own code, its limit and how to split the file.
  IMPORT_TOO_MANY_LINES: 413,
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

interface Answer {
  readonly body: Problem;
  readonly headers?: Record<string, string>;
}

/** `REVISION_MISMATCH` or `forbidden-transition` -> `Revision mismatch`, `Forbidden transition`. */
function titleOf(codeOrKind: string): string {
  const words = codeOrKind.toLowerCase().replace(/[_-]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A stable code an HttpException carries in its response body (`{ code, message }`), if any. */
function codeOf(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  const code = typeof response === 'object' ? (response as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The one place where errors become HTTP answers: application/problem+json with a stable code. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const { body, headers } = this.toAnswer(exception);
    // Read models behind is an answer to the client, not a fault of the server. A readiness probe
    // repeats every few seconds while a disk is full: one line each, not a stack.
    if (exception instanceof NotReadyError) this.logger.warn(exception.message);
    else if (body.status >= 500 && !(exception instanceof ReadModelNotCaughtUpError))
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    sendProblem(http.getResponse<Response>(), body, request.originalUrl, headers);
  }

  private toAnswer(exception: unknown): Answer {
    if (exception instanceof RequestValidationError) {
      return {
        body: problem(400, 'VALIDATION_FAILED', 'Invalid request', exception.message, {
          errors: exception.errors,
        }),
      };
    }
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUS[exception.kind];
      return {
        body: problem(status, exception.code, titleOf(exception.kind), exception.message, {
          ...exception.details,
        }),
      };
    }
    if (exception instanceof ApplicationError) {
      const status = APPLICATION_STATUS[exception.code] ?? 409;
      return {
        body: problem(status, exception.code, titleOf(exception.code), exception.message, {
          ...exception.details,
        }),
      };
    }
    if (exception instanceof ReadModelNotCaughtUpError) {
      return {
        body: problem(503, 'READ_MODEL_NOT_CAUGHT_UP', 'Read model not caught up', exception.message, {
          minPosition: exception.minPosition,
          readModelPosition: exception.readModelPosition,
        }),
        headers: {
          'Retry-After': String(RETRY_AFTER_SECONDS),
          [READ_MODEL_POSITION_HEADER]: String(exception.readModelPosition),
        },
      };
    }
    if (exception instanceof MinPositionBeyondHeadError) {
      return {
        body: problem(422, 'MIN_POSITION_BEYOND_HEAD', 'Position not in the event store', exception.message, {
          minPosition: exception.minPosition,
          headPosition: exception.headPosition,
        }),
      };
    }
    if (exception instanceof EventIdConflictError) {
      // Never a success: the decision was not stored. Which stream holds the id is not the caller's business.
      return {
        body: problem(
          409,
          exception.code,
          'Event id conflict',
          'The decision was not recorded: an event id it derives is already stored for another event. Nothing was stored; send it again under a new Idempotency-Key.',
          { eventId: exception.eventId },
        ),
      };
    }
    const storage = storageProblem(exception);
    if (storage) return storage;
    if (exception instanceof EventStoreUnavailableError) {
      return {
        body: problem(
          503,
          exception.code,
          'Event store unavailable',
          'The event store did not answer; try again shortly.',
        ),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest names its exceptions after their classes; people read the reason phrase instead.
      return {
        body: problem(
          status,
          codeOf(exception) ?? HTTP_CODES[status] ?? `HTTP_${status}`,
          reasonPhrase(status),
          exception.message,
        ),
      };
    }
    return {
      body: problem(
        500,
        'INTERNAL_ERROR',
        'Internal error',
        'The server failed; the request may be retried.',
      ),
    };
  }
}
