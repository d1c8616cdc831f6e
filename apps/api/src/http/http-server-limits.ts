import type { Server } from 'node:http';

/**
 * How long the HTTP server waits for a client, in milliseconds. Node's own defaults (60 s for
 * the headers, 300 s for a whole request, no idle limit) let a client hold a connection for
 * minutes by trickling bytes; these are tighter, and a test can make them short.
 */
export interface HttpServerLimits {
  /** From the connection (or the end of the previous request) until the last header line. */
  readonly headersTimeoutMs: number;
  /**
   * From the start of a request until its whole body has arrived; the work done after that is
   * not limited. Must not be shorter than the headers timeout.
   */
  readonly requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request. */
  readonly keepAliveTimeoutMs: number;
  /** A connection on which nothing moves in either direction for this long is closed. */
  readonly idleSocketTimeoutMs: number;
  /** How often Node checks the headers and request timeouts; bounds how late they strike. */
  readonly checkIntervalMs: number;
}

export const DEFAULT_HTTP_SERVER_LIMITS: HttpServerLimits = {
  headersTimeoutMs: 10_000,
  // A 50 MiB import arrives in 120 s at 3.5 Mbit/s; a client trickling its body is cut off then.
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  // Longer than a whole request may take, so that it never cuts an upload short; it ends a
  // client that stops reading its answer. Work after the body has arrived (a large staging or
  // approval) goes on if the connection is dropped; the client polls the import for its end.
  idleSocketTimeoutMs: 300_000,
  checkIntervalMs: 1_000,
};

/** The limits with `overrides` applied, refused when they cannot work together. */
export function httpServerLimits(overrides: Partial<HttpServerLimits> = {}): HttpServerLimits {
  const limits = { ...DEFAULT_HTTP_SERVER_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`HTTP server limit ${name} must be a whole number of milliseconds above 0`);
    }
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new RangeError('HTTP server limit headersTimeoutMs must not exceed requestTimeoutMs');
  }
  return limits;
}

/**
 * Applies the limits to a server that is not listening yet: Node reads the check interval when
 * it starts listening. Requests within the default 16 KiB of headers pass; more is a 431.
 */
export function applyHttpServerLimits(server: Server, limits: HttpServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleSocketTimeoutMs;
  // Not in @types/node as a writable property, but read from the server on 'listening'.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    limits.checkIntervalMs;
}
