import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Server } from 'node:http';
import { consoleMiddleware, DEFAULT_CONSOLE_DIR } from '../apps/api/src/console/console-static.middleware';
import { TestApp } from './support/test-app';

/*
 * The console as the API serves it: its page for every path below /console (deep links and
 * reloads), its settings, its hashed files cacheable and the page never, its own policy, and no
 * way into the API's data without a token.
 */
describe('the console served by the API', () => {
  const app = new TestApp();

  beforeAll(() => app.start());
  afterAll(() => app.dispose());

  it('answers the page for deep links, under a policy that allows its own files only, never cached', async () => {
    for (const path of ['/console', '/console/', '/console/cases/8c0c3d1e-0000-4000-8000-000000000000']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves its hashed files for a long time and answers a missing one with a problem', async () => {
    const page = await (await fetch(`${app.url}/console/`)).text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${app.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000/);

    const missing = await fetch(`${app.url}/console/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says how it signs in: with a shared secret of its own, not at all', async () => {
    const response = await fetch(`${app.url}/console/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ signIn: { kind: 'none' } });
  });

  it('takes only GET and HEAD, and opens no data without a token', async () => {
    const post = await fetch(`${app.url}/console/cases`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    expect((await fetch(`${app.url}/api/licences`)).status).toBe(401);
  });
});

describe('a server whose console is not built', () => {
  let server: Server;
  let url: string;
  const empty = mkdtempSync(join(tmpdir(), 'licences-no-console-'));

  beforeAll(async () => {
    const bare = express();
    bare.use(consoleMiddleware({ signIn: { kind: 'development' } }, empty));
    server = await new Promise<Server>((resolve) => {
      const listening = bare.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(empty, { recursive: true, force: true });
  });

  it('says so and how to build it, and still gives its settings', async () => {
    const response = await fetch(`${url}/console/`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      code: 'CONSOLE_NOT_BUILT',
      detail: expect.stringContaining('npm run build:console'),
    });
    expect(await (await fetch(`${url}/console/config.json`)).json()).toEqual({
      signIn: { kind: 'development' },
    });
  });

  it('builds into the folder the server reads by default', () => {
    expect(DEFAULT_CONSOLE_DIR).toBe(join(__dirname, '..', 'dist', 'console'));
  });
});
