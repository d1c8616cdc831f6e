import { createServer } from 'node:http';
import { applyHttpServerLimits, DEFAULT_HTTP_SERVER_LIMITS, httpServerLimits } from './http-server-limits';

describe('HTTP server limits', () => {
  it('defaults to 10 s for the headers, 120 s for a whole request, 5 s keep-alive, 300 s idle', () => {
    expect(httpServerLimits()).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 5_000,
      idleSocketTimeoutMs: 300_000,
      checkIntervalMs: 1_000,
    });
    // A 50 MiB import must be able to arrive within the request timeout at 3.5 Mbit/s.
    expect((50 * 1024 * 1024 * 8) / 3_500_000).toBeLessThan(
      DEFAULT_HTTP_SERVER_LIMITS.requestTimeoutMs / 1000,
    );
  });

  it('takes overrides and refuses limits that cannot work', () => {
    expect(httpServerLimits({ requestTimeoutMs: 30_000 }).requestTimeoutMs).toBe(30_000);
    expect(() => httpServerLimits({ headersTimeoutMs: 0 })).toThrow(/headersTimeoutMs/);
    expect(() => httpServerLimits({ keepAliveTimeoutMs: 1.5 })).toThrow(/keepAliveTimeoutMs/);
    expect(() => httpServerLimits({ headersTimeoutMs: 5_000, requestTimeoutMs: 4_000 })).toThrow(
      /must not exceed requestTimeoutMs/,
    );
  });

  it('sets them on the server, the check interval included', () => {
    const server = createServer();
    applyHttpServerLimits(server, httpServerLimits({ checkIntervalMs: 250 }));
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(120_000);
    expect(server.keepAliveTimeout).toBe(5_000);
    expect(server.timeout).toBe(300_000);
    expect((server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval).toBe(
      250,
    );
  });
});
