import type { Browser, BrowserContext, ConsoleMessage } from 'playwright-core';
import { CSP_REFUSAL, LAUNCH_MS, launchChromium } from './support/chromium';
import { TestApp } from './support/test-app';
import { timeoutAbove } from './support/waiting';

/*
 * The policies the API sends, in a real browser (Debian's Chromium, see support/chromium.ts): the
 * Swagger UI must still work under its policy, with JavaScript on, and the HTML report as the API
 * serves it must render without a refusal. Chromium reports each refusal on the console; none
 * may appear.
 */

/** One page action that waits (navigation, the Swagger UI building its page). */
const ACTION_MS = 30_000;

describe('the API policies in headless Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await new TestApp().start();
    browser = await launchChromium();
  }, timeoutAbove(LAUNCH_MS));

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  /** A fresh context that records every console message and uncaught page error. */
  async function context(
    headers: Record<string, string> = {},
  ): Promise<{ context: BrowserContext; messages: string[] }> {
    const created = await browser.newContext({ extraHTTPHeaders: headers });
    created.setDefaultTimeout(ACTION_MS);
    const messages: string[] = [];
    created.on('console', (message: ConsoleMessage) => messages.push(message.text()));
    created.on('weberror', (error) => messages.push(`page error: ${error.error().message}`));
    return { context: created, messages };
  }

  it(
    'runs the Swagger UI under its policy: the operations are listed and nothing is refused',
    async () => {
      const { context: docs, messages } = await context();
      try {
        const page = await docs.newPage();
        const response = await page.goto(`${app.url}/api/docs`);
        expect(response?.status()).toBe(200);
        await page.waitForSelector('.swagger-ui .opblock');
        expect(await page.textContent('.swagger-ui .info .title')).toContain('Export licence lifecycle');
        expect((await page.$$('.swagger-ui .opblock')).length).toBeGreaterThan(10);
        // Its sprite sheet keeps its hashed inline style: hidden, as it is meant to be.
        const sprite = await page.$eval('body > svg', (e) => getComputedStyle(e).position);
        expect(sprite).toBe('absolute');
        // Opening an operation renders its parameters: the UI works, not only its first paint.
        await page.click('.swagger-ui .opblock-summary');
        await page.waitForSelector('.swagger-ui .opblock-body');
        expect(messages.filter((m) => CSP_REFUSAL.test(m) || m.startsWith('page error'))).toEqual([]);
      } finally {
        await docs.close();
      }
    },
    timeoutAbove(4 * ACTION_MS),
  );

  it(
    'renders the HTML report as the API serves it, styled and with no refusal',
    async () => {
      const { context: reports, messages } = await context({
        authorization: `Bearer ${app.token('reporting')}`,
      });
      try {
        const page = await reports.newPage();
        const response = await page.goto(`${app.url}/api/statistics/yearly-overview?year=2024&format=html`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(await page.$eval('th', (e) => getComputedStyle(e).backgroundColor)).toBe('rgb(240, 240, 240)');
        expect(await page.$$('figure.chart svg')).not.toHaveLength(0);
        expect(messages.filter((m) => CSP_REFUSAL.test(m))).toEqual([]);
      } finally {
        await reports.close();
      }
    },
    timeoutAbove(3 * ACTION_MS),
  );
});
