import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { ACCESS_LOG, CLOCK } from '@licences/licensing-application';
import type { AccessLog, Clock } from '@licences/licensing-application';
import type { Principal } from '../auth/roles';

/** The roles whose reads are themselves recorded. */
const AUDITED_ROLES: readonly string[] = ['oversight', 'reporting'];

/**
 * Records every read by an oversight body or a reporting job: who, which route and case, when,
 * and with which answer. Written when the response is finished, so the final status is known.
 */
@Injectable()
export class AccessAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AccessAuditInterceptor.name);

  constructor(
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { principal?: Principal }>();
    const principal = request.principal;
    if (request.method === 'GET' && principal && AUDITED_ROLES.includes(principal.actingRole)) {
      const response = http.getResponse<Response>();
      response.once('finish', () => {
        const params = request.params as Record<string, string | undefined>;
        const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
        this.accessLog
          .record({
            at: this.clock.now().toISOString(),
            sub: principal.sub,
            role: principal.actingRole,
            method: request.method,
            route,
            url: request.originalUrl,
            caseId: params['id'] ?? null,
            status: response.statusCode,
          })
          .catch((error: unknown) => this.logger.error(`Could not record an access: ${String(error)}`));
      });
    }
    return next.handle();
  }
}
