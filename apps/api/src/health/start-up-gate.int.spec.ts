import { createServer } from 'node:net';
import { openStartUpGate } from './start-up-gate';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the port while start-up checks the stores in full', () => {
  it('answers alive, refuses everything else with a problem, and frees the port when closed', async () => {
    const port = await freePort();
    const close = await openStartUpGate('127.0.0.1', port, ['licences.sqlite', 'read-models.sqlite']);
    const base = `http://127.0.0.1:${port}`;
    try {
      const live = await fetch(`${base}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'live' });

      for (const path of ['/health', '/health/ready', '/api/licences?validOn=2025-01-01']) {
        const refused = await fetch(`${base}${path}`);
        expect(refused.status).toBe(503);
        expect(refused.headers.get('content-type')).toBe('application/problem+json');
        expect(refused.headers.get('retry-after')).toBe('5');
        const body = (await refused.json()) as { code: string; detail: string; instance: string };
        expect(body.code).toBe('STORES_BEING_CHECKED');
        expect(body.detail).toContain('licences.sqlite, read-models.sqlite');
        expect(body.instance).toBe(path);
      }
    } finally {
      await close();
    }
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    // The port is free again: the API can listen on it.
    const again = await openStartUpGate('127.0.0.1', port, []);
    await again();
  });

  it('fails as a listen fails when the port is taken', async () => {
    const port = await freePort();
    const close = await openStartUpGate('127.0.0.1', port, []);
    try {
      await expect(openStartUpGate('127.0.0.1', port, [])).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await close();
    }
  });
});
