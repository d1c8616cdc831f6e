import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../apps/api/src/app.factory';
import { loadIdentityConfig } from '../apps/api/src/auth/identity-config';
import type { HttpServerLimits } from '../apps/api/src/http/http-server-limits';
import { TEST_RATE_LIMITS, TEST_SECRET } from './support/test-app';
import { timeoutAbove } from './support/waiting';

/*
 * The server's timeouts and its answers to transport errors, seen from raw sockets: what a slow
 * or broken client actually sends, which fetch would never send. The app runs with short limits
 * so that the test waits seconds, not minutes; the defaults are tested by their values.
 */

const LIMITS: Partial<HttpServerLimits> = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 4_000,
  checkIntervalMs: 100,
};
const HEADERS_MS = LIMITS.headersTimeoutMs ?? 0;
const REQUEST_MS = LIMITS.requestTimeoutMs ?? 0;
/** How late a timeout may strike on a busy machine (check interval, event loop, scheduling). */
const LATE_MS = 5_000;
/** The longest a raw exchange is awaited before the test gives up on the server. */
const EXCHANGE_MS = REQUEST_MS + LATE_MS + 10_000;

interface RawAnswer {
  /** Everything the server wrote before it closed the connection. */
  readonly text: string;
  /** From the first byte sent to the close. */
  readonly closedAfterMs: number;
}

interface ParsedAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

function parse(text: string): ParsedAnswer {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body || '{}') };
}

describe('server timeouts and transport errors', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'licences-e2e-timeouts-'));
  let app: INestApplication;
  let port = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    app = await createApp({
      dataDir,
      identity: loadIdentityConfig({ LICENCES_JWT_SECRET: TEST_SECRET }, 'production'),
      rateLimits: TEST_RATE_LIMITS,
      logger: false,
      httpLimits: LIMITS,
    });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
  });

  afterEach(() => {
    for (const timer of timers) clearInterval(timer);
    timers.clear();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Connects, lets `talk` write, and collects what the server writes until it closes the
   * connection; fails if it is still open after EXCHANGE_MS.
   */
  function exchange(talk: (socket: Socket) => void): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      sockets.add(socket);
      const chunks: Buffer[] = [];
      let startedAt = 0;
      const giveUp = setTimeout(() => {
        socket.destroy();
        reject(new Error(`The server still held the connection after ${EXCHANGE_MS} ms`));
      }, EXCHANGE_MS);
      timers.add(giveUp);
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      // The server may reset a connection it closed while the client was still writing.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve({ text: Buffer.concat(chunks).toString('utf8'), closedAfterMs: Date.now() - startedAt });
      });
      socket.on('connect', () => {
        startedAt = Date.now();
        talk(socket);
      });
    });
  }

  function expectProblem(answer: ParsedAnswer, status: number, code: string): void {
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers['connection']).toBe('close');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toMatchObject({
      status,
      code,
      type: `urn:licences:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    });
    expect(typeof answer.body['detail']).toBe('string');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(answer.body)));
  }

  it(
    'answers a 20 KB header with 431 problem+json and closes the connection',
    async () => {
      const answer = await exchange((socket) =>
        socket.write(
          `GET /api/licences HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(20_000)}\r\n\r\n`,
        ),
      );
      expectProblem(parse(answer.text), 431, 'HEADERS_TOO_LARGE');
    },
    timeoutAbove(EXCHANGE_MS),
  );

  it(
    'lets a 12 KB token through to the app, which refuses it as a token, not as too large',
    async () => {
      const answer = await exchange((socket) =>
        socket.write(
          `GET /api/licences HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer ${'a'.repeat(12_000)}\r\n\r\n`,
        ),
      );
      const parsed = parse(answer.text);
      expect(parsed.status).toBe(401);
      expect(parsed.headers['content-type']).toMatch(/^application\/problem\+json/);
    },
    timeoutAbove(EXCHANGE_MS),
  );

  it(
    'answers a request line that is not HTTP with 400 MALFORMED_REQUEST',
    async () => {
      const answer = await exchange((socket) => socket.write('GET /api/licences HTTP/1.1\r\nHost x\r\n\r\n'));
      expectProblem(parse(answer.text), 400, 'MALFORMED_REQUEST');
    },
    timeoutAbove(EXCHANGE_MS),
  );

  it(
    'cuts off a client trickling its body at the request timeout with 408 problem+json',
    async () => {
      const answer = await exchange((socket) => {
        socket.write(
          'POST /api/licences HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
        );
        // A byte every 100 ms: never idle, never done.
        const trickle = setInterval(() => socket.writable && socket.write(' '), 100);
        timers.add(trickle);
        socket.on('close', () => clearInterval(trickle));
      });
      expectProblem(parse(answer.text), 408, 'REQUEST_TIMEOUT');
      expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_MS - 50);
      expect(answer.closedAfterMs).toBeLessThan(REQUEST_MS + LATE_MS);
    },
    timeoutAbove(EXCHANGE_MS),
  );

  it(
    'closes a connection that sends half its headers and stops at the headers timeout, with 408',
    async () => {
      const answer = await exchange((socket) => socket.write('GET /api/licences HTTP/1.1\r\nHost: x\r\n'));
      expectProblem(parse(answer.text), 408, 'REQUEST_TIMEOUT');
      expect(answer.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_MS - 50);
      // The headers timeout, not the longer request timeout, ended it.
      expect(answer.closedAfterMs).toBeLessThan(REQUEST_MS);
    },
    timeoutAbove(EXCHANGE_MS),
  );

  it(
    'still answers complete requests after all that',
    async () => {
      const answer = await exchange((socket) =>
        socket.write('GET /api/nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      );
      const parsed = parse(answer.text);
      expect(parsed.status).toBe(404);
      expect(parsed.headers['content-security-policy']).toContain("default-src 'none'");
    },
    timeoutAbove(EXCHANGE_MS),
  );
});
