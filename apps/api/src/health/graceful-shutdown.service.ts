import type { Server } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { problem } from '../http/problem';

export const SHUTDOWN_TIMEOUT_MS = Symbol.for('licences.ShutdownTimeoutMs');

/**
 * The first step of a graceful stop (SIGTERM, SIGINT or app.close()): stop taking requests (new
 * connections refused, new requests on open ones answered 503 SHUTTING_DOWN with Connection:
 * close, readiness among them) and let the requests in flight finish (every command acknowledged
 * is stored and answered) for at most the timeout. Done in onModuleDestroy, the first hook Nest
 * calls on close, so that it comes before the ProjectionRunner's beforeApplicationShutdown (which
 * stops the projections once their batches in flight stored their checkpoints: a command's
 * read-your-writes wait needs them running) and before the stores close (onApplicationShutdown).
 */
@Injectable()
export class GracefulShutdown implements OnModuleDestroy {
  private readonly logger = new Logger('Shutdown');
  private draining = false;
  private inFlight = 0;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SHUTDOWN_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** Middleware: counts requests in flight, and refuses new ones once the shutdown began. */
  gate() {
    return (request: Request, response: Response, next: NextFunction): void => {
      if (this.draining) {
        const body = problem(
          503,
          'SHUTTING_DOWN',
          'Shutting down',
          'This instance is shutting down and takes no new requests; send this one to another instance or try again shortly.',
        );
        response
          .status(503)
          .set({ 'Content-Type': 'application/problem+json', Connection: 'close', 'Retry-After': '1' })
          .end(JSON.stringify({ ...body, instance: request.originalUrl }));
        return;
      }
      this.inFlight += 1;
      response.once('close', () => {
        this.inFlight -= 1;
        if (this.inFlight === 0) for (const resolve of this.idle) resolve();
      });
      next();
    };
  }

  async onModuleDestroy(): Promise<void> {
    this.draining = true;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server?.listening) {
      this.logger.log(`Shutting down: ${this.inFlight} request(s) in flight`);
      // No new connections; keep-alive connections that sit idle are closed now.
      server.close();
      server.closeIdleConnections();
    }
    const drained = await this.requestsFinished();
    if (!drained) {
      this.logger.warn(
        `${this.inFlight} request(s) still in flight after ${this.timeoutMs} ms (LICENCES_SHUTDOWN_TIMEOUT_MS); closing their connections unanswered`,
      );
      server?.closeAllConnections();
    } else {
      server?.closeIdleConnections();
    }
  }

  private requestsFinished(): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idle.delete(done);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idle.delete(done);
        resolve(false);
      }, this.timeoutMs);
      this.idle.add(done);
    });
  }
}
