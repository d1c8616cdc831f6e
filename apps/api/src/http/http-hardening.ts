import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { installClientErrorHandler } from './client-error.handler';
import { applyHttpServerLimits, httpServerLimits } from './http-server-limits';
import type { HttpServerLimits } from './http-server-limits';
import { securityHeadersMiddleware } from './security-headers.middleware';

/**
 * The HTTP perimeter every answer passes: security headers and cache policy first (so that even
 * the body parser's refusals carry them), then the server's timeouts and its answers to
 * transport errors. Call before any other middleware and route, and before listening.
 */
export function installHttpHardening(
  app: INestApplication,
  limits: Partial<HttpServerLimits> = {},
  consoleConnectSources?: readonly string[],
): void {
  app.use(securityHeadersMiddleware(consoleConnectSources));
  const server = app.getHttpServer() as Server;
  applyHttpServerLimits(server, httpServerLimits(limits));
  installClientErrorHandler(server);
}
