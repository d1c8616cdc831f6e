import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import express from 'express';
import { GracefulShutdown } from './graceful-shutdown.service';

/** An express server behind the gate whose one route answers when the test says so. */
async function gatedServer(timeoutMs: number) {
  const app = express();
  const listening: { server?: Server } = {};
  const shutdown = new GracefulShutdown(
    { httpAdapter: { getHttpServer: () => listening.server } } as unknown as HttpAdapterHost,
    timeoutMs,
  );
  const held: (() => void)[] = [];
  let arrived = 0;
  app.use(shutdown.gate());
  app.get('/slow', (_request, response) => {
    arrived += 1;
    held.push(() => response.status(201).json({ done: true }));
  });
  app.get('/fast', (_request, response) => {
    response.json({ ok: true });
  });
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  listening.server = server;
  const { port } = server.address() as AddressInfo;
  return { shutdown, held, arrived: () => arrived, url: `http://127.0.0.1:${port}`, server };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('GracefulShutdown', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('lets the requests in flight finish, then refuses new ones with 503 SHUTTING_DOWN and Connection: close', async () => {
    const { shutdown, held, arrived, url, server } = await gatedServer(60_000);
    try {
      expect((await fetch(`${url}/fast`)).status).toBe(200);
      const inFlight = fetch(`${url}/slow`);
      await until(() => arrived() === 1);

      let drained = false;
      const draining = shutdown.onModuleDestroy().then(() => (drained = true));
      expect(shutdown.isDraining).toBe(true);
      // A request that reaches the app now (here: the gate called directly) is refused.
      const refused = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
        (resolve) => {
          const headers: Record<string, unknown> = {};
          const response = {
            status(code: number) {
              (this as unknown as { code: number }).code = code;
              return this;
            },
            set(values: Record<string, unknown>) {
              Object.assign(headers, values);
              return this;
            },
            end(body: string) {
              resolve({ status: (this as unknown as { code: number }).code, headers, body });
            },
          };
          shutdown.gate()({ originalUrl: '/api/licences' } as never, response as never, () => undefined);
        },
      );
      expect(refused.status).toBe(503);
      expect(refused.headers).toMatchObject({
        Connection: 'close',
        'Content-Type': 'application/problem+json',
      });
      expect(JSON.parse(refused.body)).toMatchObject({
        code: 'SHUTTING_DOWN',
        status: 503,
        instance: '/api/licences',
      });

      // Still waiting for the held request, whatever ran meanwhile.
      expect(drained).toBe(false);
      held.forEach((answer) => answer());
      expect((await inFlight).status).toBe(201);
      await draining;
      expect(drained).toBe(true);
      // No new connections once the shutdown began.
      await expect(fetch(`${url}/fast`)).rejects.toThrow();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('gives up on requests still in flight after the timeout, closing their connections', async () => {
    const { shutdown, arrived, url, server } = await gatedServer(50);
    try {
      const inFlight = fetch(`${url}/slow`).then(
        () => 'answered',
        () => 'connection closed',
      );
      await until(() => arrived() === 1);
      await shutdown.onModuleDestroy();
      expect(await inFlight).toBe('connection closed');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
