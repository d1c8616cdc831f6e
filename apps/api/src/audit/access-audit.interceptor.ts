import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { AccessLogUnavailableError, CLOCK } from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import type { Principal, Role } from '../auth/roles';
import { problem } from '../http/problem';
import { correlationIdOf } from '../licences/command-headers';
import { LicenceMetrics } from '../metrics/licence-metrics';
import { AccessAudit } from './access-audit.service';
import { holdUntilReleased } from './held-response';

/** A token holding any of these has every request it makes recorded, whatever role it acts in. */
const AUDITED_ROLES: readonly Role[] = ['oversight', 'reporting'];

/** What a client refused for want of an audit record should wait before asking again. */
const RETRY_AFTER_SECONDS = 2;

/**
 * Records every request of a token that carries an oversight or reporting role (any route, any
 * method: a what-if is a POST) before its answer leaves: the handler computes the answer (or its
 * error) as usual, the answer is held back, the record (with the answer's status) is written, and
 * only then is the answer sent. If the record cannot be written, the answer is dropped and the
 * client gets 503 ACCESS_AUDIT_UNAVAILABLE instead: no read without its record.
 */
@Injectable()
export class AccessAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AccessAudit');

  constructor(
    private readonly audit: AccessAudit,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly metrics?: LicenceMetrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { principal?: Principal }>();
    const principal = request.principal;
    if (principal && principal.roles.some((role) => AUDITED_ROLES.includes(role))) {
      holdUntilReleased(
        http.getResponse<Response>(),
        (status) => this.record(request, principal, status),
        (error, send) => {
          this.metrics?.auditFailures.inc();
          const reason = error instanceof AccessLogUnavailableError ? error.message : String(error);
          this.logger.error(
            `Refused ${request.method} ${request.originalUrl} by ${principal.sub}: ${reason}`,
          );
          const body = problem(
            503,
            'ACCESS_AUDIT_UNAVAILABLE',
            'Access audit unavailable',
            `This request could not be recorded in the access log, so it is not answered (${reason}); try again shortly.`,
          );
          send(
            503,
            { 'Content-Type': 'application/problem+json', 'Retry-After': String(RETRY_AFTER_SECONDS) },
            JSON.stringify({ ...body, instance: request.originalUrl }),
          );
        },
      );
    }
    return next.handle();
  }

  private async record(request: Request, principal: Principal, status: number): Promise<void> {
    const params = request.params as Record<string, string | undefined>;
    await this.audit.record({
      kind: 'access',
      at: this.clock.now().toISOString(),
      sub: principal.sub,
      roles: [...principal.roles],
      role: principal.actingRole,
      method: request.method,
      route: (request.route as { path?: string } | undefined)?.path ?? request.path,
      url: request.originalUrl,
      caseId: params['id'] ?? null,
      status,
      correlationId: correlationIdOf(request) ?? null,
      detail: null,
    });
  }
}
