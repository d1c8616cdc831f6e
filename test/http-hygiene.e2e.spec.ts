import { createHash } from 'node:crypto';
import { runScript } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import type { HttpAnswer } from './support/test-app';
import { TestApp } from './support/test-app';
import { timeoutAbove } from './support/waiting';

/*
 * Security headers, cache policy and safe report formats as a browser or a spreadsheet meets
 * them: every kind of answer the API gives carries the headers, licence data is never cached,
 * the HTML report and the Swagger UI get the policies they need and no more, and text a caller
 * stored comes out of the CSV and Markdown reports as text.
 */

const FORMULAS = ['=HYPERLINK("http://x","y")', '@SUM(A1)', '+1+1', '-2+3'];
const HTML_PROBE = '<img src=x onerror=alert(1)>';

function header(answer: HttpAnswer, name: string): string {
  return answer.headers.get(name) ?? '';
}

/** The headers every answer carries, whatever its path and status. */
function expectSecurityHeaders(answer: HttpAnswer): void {
  expect(header(answer, 'x-content-type-options')).toBe('nosniff');
  expect(header(answer, 'x-frame-options')).toBe('DENY');
  expect(header(answer, 'referrer-policy')).toBe('no-referrer');
  expect(header(answer, 'cross-origin-opener-policy')).toBe('same-origin');
  expect(header(answer, 'cross-origin-resource-policy')).toBe('same-origin');
  expect(header(answer, 'strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  expect(header(answer, 'content-security-policy')).toContain("frame-ancestors 'none'");
  expect(header(answer, 'content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(answer.headers.has('x-powered-by')).toBe(false);
}

function expectNoStore(answer: HttpAnswer): void {
  expect(header(answer, 'cache-control')).toBe('no-store');
  expect(header(answer, 'pragma')).toBe('no-cache');
}

const API_POLICY = ["default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"];

/** A Content-Security-Policy as its directives, however they are spaced. */
const directivesOf = (answer: HttpAnswer): string[] =>
  header(answer, 'content-security-policy')
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '');

/** `'sha256-...'` of a text, as a CSP source. */
const hashSource = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('HTTP hygiene', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await new TestApp().start();
  });

  afterAll(async () => {
    await app?.dispose();
  });

  it('sends the headers, the API policy and no-store with licence data', async () => {
    const id = await app.registerCase();
    const answer = await app.request('GET', `/api/licences/${id}`, { role: 'assessor' });
    expect(answer.status).toBe(200);
    expectSecurityHeaders(answer);
    expect(directivesOf(answer)).toEqual(API_POLICY);
    expectNoStore(answer);
  });

  it('sends them with a problem, a refused body and a 404 alike', async () => {
    const unauthenticated = await app.request('GET', '/api/licences');
    const unreadable = await app.request('POST', '/api/licences', {
      role: 'intake',
      rawBody: '{"procedure":',
    });
    const missing = await app.request('GET', '/api/no-such-route', { role: 'assessor' });
    for (const [answer, status] of [
      [unauthenticated, 401],
      [unreadable, 400],
      [missing, 404],
    ] as const) {
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expectSecurityHeaders(answer);
      expect(directivesOf(answer)).toEqual(API_POLICY);
      expectNoStore(answer);
    }
  });

  it('serves the HTML report under its own strict policy: its stylesheet by hash, nothing else', async () => {
    const answer = await app.request('GET', '/api/statistics/issued?year=2024&format=html', {
      role: 'reporting',
    });
    expect(answer.status).toBe(200);
    expectSecurityHeaders(answer);
    expectNoStore(answer);
    const policy = header(answer, 'content-security-policy');
    const styles = [...(answer.body as string).matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(styles).toHaveLength(1);
    expect(policy).toBe(
      `default-src 'none'; style-src ${hashSource(styles[0] ?? '')}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(answer.body).not.toMatch(/<script|\sstyle=/i);
  });

  it('gives the Swagger UI its own scripts and exactly its inline styles, no eval and no inline script', async () => {
    const page = await app.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expectSecurityHeaders(page);
    const policy = header(page, 'content-security-policy');
    expect(directivesOf(page)).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'"]));
    const html = page.body as string;
    const blocks = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    const attributes = [...html.matchAll(/\sstyle="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThan(0);
    for (const style of [...blocks, ...attributes]) expect(policy).toContain(hashSource(style));
    // Its scripts load from the same origin, with the same headers.
    const script = await app.request('GET', '/api/docs/swagger-ui-init.js');
    expect(script.status).toBe(200);
    expectSecurityHeaders(script);
    const json = await app.request('GET', '/api/docs-json');
    expect(json.status).toBe(200);
    expect(directivesOf(json)).toEqual(API_POLICY);
  });

  it(
    'writes stored formulas and HTML as text into the CSV and Markdown reports, over HTTP and from the CLI',
    async () => {
      app.clock.set('2024-11-28T10:00:00Z');
      for (const endUser of FORMULAS) {
        const id = await app.registerCase({
          goods: [{ controlListEntry: 'ML5.a', description: HTML_PROBE, quantity: 1, valueEur: 2_500_000 }],
          destination: { country: 'DE', endUser },
        });
        expect(id).toEqual(expect.any(String));
        expect((await app.issueLicence(id)).status).toBe(200);
      }
      const report = (query: string) =>
        app.request('GET', `/api/statistics/${query}`, { role: 'reporting' }).then((a) => a.body as string);

      const csv = await report('large-licences?month=2024-11&format=csv');
      for (const formula of FORMULAS) {
        const quoted = `'${formula}`;
        expect(csv).toContain(/[",]/.test(quoted) ? `"${quoted.replace(/"/g, '""')}"` : quoted);
      }
      // No cell, at the start of a line or after a separator, starts a formula.
      expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m);

      const markdown = await report('issued?month=2024-11&format=md');
      expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(markdown).not.toMatch(/<img/i);

      await app.stop();
      const cli = runScript(
        [
          '-r',
          './tools/register.cjs',
          'apps/api/src/cli/report.cli.ts',
          'large-licences',
          '--month',
          '2024-11',
          '--format',
          'csv',
        ],
        { LICENCES_DATA_DIR: app.dataDir },
      );
      expect(cli.status).toBe(0);
      expect(cli.stdout).toBe(csv);
    },
    timeoutAbove(SCRIPT_MS),
  );
});
