import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventStoreUnavailableError } from '@licences/event-store';
import { ApplicationError } from '@licences/licensing-application';
import { DomainError } from '@licences/licensing-domain';
import type { DomainErrorKind } from '@licences/licensing-domain';
import { problem, sendProblem } from './problem';
import type { Problem } from './problem';
import { RequestValidationError } from './request-validation';

const DOMAIN_STATUS: Record<DomainErrorKind, number> = {
  'not-found': 404,
  'forbidden-transition': 409,
  'rule-violation': 422,
};

const APPLICATION_STATUS: Record<string, number> = {
  REVISION_MISMATCH: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
  CONCURRENT_MODIFICATION: 409,
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

/** The one place where errors become HTTP answers: application/problem+json with a stable code. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const body = { ...this.toProblem(exception), instance: request.originalUrl };
    if (body.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    sendProblem(http.getResponse<Response>(), body);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof RequestValidationError) {
      return problem(400, 'VALIDATION_FAILED', 'Invalid request', exception.message, {
        errors: exception.errors,
      });
    }
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUS[exception.kind];
      return problem(status, exception.code, exception.kind.replace('-', ' '), exception.message, {
        ...exception.details,
      });
    }
    if (exception instanceof ApplicationError) {
      const status = APPLICATION_STATUS[exception.code] ?? 409;
      return problem(
        status,
        exception.code,
        exception.code.toLowerCase().replace(/_/g, ' '),
        exception.message,
        {
          ...exception.details,
        },
      );
    }
    if (exception instanceof EventStoreUnavailableError) {
      return problem(
        503,
        exception.code,
        'Event store unavailable',
        'The event store did not answer; try again shortly.',
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return problem(status, HTTP_CODES[status] ?? `HTTP_${status}`, exception.name, exception.message);
    }
    return problem(500, 'INTERNAL_ERROR', 'Internal error', 'The server failed; the request may be retried.');
  }
}
