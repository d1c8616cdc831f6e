import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalDate } from '@licences/licensing-domain';
import type { YearlyOverviewReport } from '@licences/licensing-reporting';
import { formatReport } from '@licences/licensing-reporting';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { CSP_REFUSAL, LAUNCH_MS, launchChromium } from './support/chromium';
import { timeoutAbove } from './support/waiting';

/*
 * The HTML report in a real browser (Debian's Chromium, see support/chromium.ts) with JavaScript
 * off, served with the Content-Security-Policy the API sends it with. The page must load, show
 * every chart as SVG, show the same numbers in the charts as in the tables, and break no rule of
 * its policy (Chromium reports each refusal on the console).
 */

/** One page action that waits (navigation, an element, a screenshot; milliseconds when idle). */
const ACTION_MS = 20_000;

const contentSecurityPolicyOf = (formatted: { contentSecurityPolicy?: string }): string =>
  formatted.contentSecurityPolicy ?? '';

const CHARTS = ['value-by-destination', 'licences-per-month', 'validity-mix', 'denial-criteria'] as const;

/** A chart label or table cell holding a number: `12`, `1,024` or `€ 1,250,000.00`. */
const NUMBER = /^(€ )?-?\d{1,3}(,\d{3})*(\.\d{2})?$/;
/** The same in a Dutch report: `12`, `1.024` or `€ 1.250.000,00`. */
const DUTCH_NUMBER = /^(€ )?-?\d{1,3}(\.\d{3})*(,\d{2})?$/;

const report: YearlyOverviewReport = {
  report: 'yearly-overview',
  year: 2024,
  position: 1042,
  policyVersion: 'validity-2024-01',
  lang: 'en',
  countries: {
    BE: { nl: 'België', en: 'Belgium' },
    CI: { nl: 'Ivoorkust <test>', en: 'Côte d’Ivoire <test>' },
    NO: { nl: 'Noorwegen', en: 'Norway' },
  },
  valueByCategory: [
    { goodsCategory: 'military', category: 'ML1', valueEur: 1250000, licences: 3 },
    { goodsCategory: 'military', category: 'ML10', valueEur: 4500000.5, licences: 2 },
  ],
  valueByDestination: [
    { goodsCategory: 'military', destination: 'BE', valueEur: 1250000, licences: 3 },
    { goodsCategory: 'military', destination: 'NO', valueEur: 4500000.5, licences: 2 },
    { goodsCategory: 'dual-use', destination: 'CI', valueEur: 0, licences: 0 },
  ],
  licencesPerMonth: [
    { month: '2024-01', licences: 2, military: 2, dualUse: 0 },
    { month: '2024-02', licences: 0, military: 0, dualUse: 0 },
    { month: '2024-03', licences: 3, military: 2, dualUse: 1 },
  ],
  denialsByCriterion: { '1': 0, '2': 2, '3': 0, '4': 1, '5': 0, '6': 0, '7': 3, '8': 0 },
  denials: 4,
  denialsByGoodsCategory: [
    {
      goodsCategory: 'military',
      denials: 3,
      criteriaCited: { '1': 0, '2': 2, '3': 0, '4': 0, '5': 0, '6': 0, '7': 2, '8': 0 },
    },
    {
      goodsCategory: 'dual-use',
      denials: 1,
      criteriaCited: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0, '6': 0, '7': 1, '8': 0 },
    },
  ],
  revocations: [
    {
      caseId: 'LIC-2024-0007',
      revokedOn: '2024-09-12' as LocalDate,
      goodsCategory: 'military',
      destinations: ['NO'],
      circumstances: 'End user <img src=x onerror=alert(1)> listed',
      criteria: [7],
    },
  ],
  validityMix: [
    { months: 12, licences: 1 },
    { months: 36, licences: 4 },
  ],
  extensions: 1,
  sondages: { requested: 2, positive: 1, negative: 1 },
  decisionDays: { decisions: 9, median: 21, p90: 44, max: 60 },
};

describe('the HTML report in headless Chromium', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let browser: Browser;
  let page: Page;
  const consoleMessages: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-html-'));
    const { body, contentSecurityPolicy } = formatReport(report, 'html');
    await writeFile(join(dir, 'report.html'), body, 'utf8');
    await writeFile(
      join(dir, 'report-nl.html'),
      formatReport({ ...report, lang: 'nl' }, 'html').body,
      'utf8',
    );
    server = createServer((req, res) => {
      if (req.url !== '/report.html' && req.url !== '/report-nl.html') {
        res.writeHead(404).end();
        return;
      }
      readFile(join(dir, req.url.slice(1))).then(
        (html) =>
          res
            .writeHead(200, {
              'content-type': 'text/html; charset=utf-8',
              'content-security-policy': contentSecurityPolicy ?? '',
            })
            .end(html),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.html`;
    browser = await launchChromium();
    const context = await browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(ACTION_MS);
    page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => consoleMessages.push(message.text()));
  }, timeoutAbove(LAUNCH_MS));

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'loads the page with its title',
    async () => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('Yearly overview of export licences 2024');
      expect(await page.textContent('h1')).toBe('Yearly overview of export licences 2024');
      expect(await page.$$('script')).toHaveLength(0);
      // The hostile text is shown as text, not turned into an element.
      expect(await page.$$('img')).toHaveLength(0);
      expect(await page.textContent('body')).toContain('End user <img src=x onerror=alert(1)> listed');
    },
    timeoutAbove(3 * ACTION_MS),
  );

  it('styles the page under its strict policy, with no inline style or script refused', async () => {
    expect(contentSecurityPolicyOf(formatReport(report, 'html'))).not.toMatch(/unsafe-(inline|eval|hashes)/);
    // The stylesheet applies (allowed by its hash): table headers are shaded, the notice is framed.
    expect(await page.$eval('th', (e) => getComputedStyle(e).backgroundColor)).toBe('rgb(240, 240, 240)');
    const labels = await page.$$eval('svg text', (els) => els.map((e) => getComputedStyle(e).fontSize));
    expect(new Set(labels)).toEqual(new Set(['12px']));
    expect(await page.$$('[style], svg style')).toHaveLength(0);
    expect(consoleMessages.filter((m) => CSP_REFUSAL.test(m))).toEqual([]);
  });

  it('shows every chart as an SVG of non-zero size', async () => {
    const names = await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')));
    expect(names).toEqual([...CHARTS]);
    for (const name of CHARTS) {
      const svg = await page.$(`[data-chart="${name}"] svg`);
      expect(svg).not.toBeNull();
      const box = await svg?.boundingBox();
      expect(box?.width).toBeGreaterThan(0);
      expect(box?.height).toBeGreaterThan(0);
    }
  });

  /** The numbers a chart shows (its labels that are numbers) and the cells of its table. */
  async function chartAndTable(
    name: string,
    number: RegExp,
  ): Promise<{ inChart: string[]; inTable: string[] }> {
    const inChart = (
      await page.$$eval(`[data-chart="${name}"] svg text`, (els) =>
        els.map((e) => (e.textContent ?? '').trim()),
      )
    ).filter((t) => number.test(t));
    const inTable = await page.$$eval(`table[data-chart-table="${name}"] td[data-chart-value]`, (els) =>
      els.map((e) => (e.textContent ?? '').trim()),
    );
    return { inChart, inTable };
  }

  it.each(CHARTS)('shows the same numbers in the %s chart as in its table', async (name) => {
    const { inChart, inTable } = await chartAndTable(name, NUMBER);
    const listed = await page.$eval(`[data-chart="${name}"]`, (e) => e.getAttribute('data-values'));
    expect(inTable.length).toBeGreaterThan(0);
    expect(inChart).toEqual(inTable);
    expect(JSON.parse(listed ?? 'null')).toEqual(inTable);
  });

  it('matches the report data in the tables', async () => {
    const values = await page.$$eval(
      'table[data-chart-table="value-by-destination"] td[data-chart-value]',
      (els) => els.map((e) => (e.textContent ?? '').trim()),
    );
    expect(values).toEqual(['€ 1,250,000.00', '€ 4,500,000.50', '€ 0.00']);
    const months = await page.$$eval(
      'table[data-chart-table="licences-per-month"] td[data-chart-value]',
      (els) => els.map((e) => Number(e.textContent)),
    );
    expect(months).toEqual(report.licencesPerMonth.map((m) => m.licences));
  });

  it('shows the Dutch report with Dutch numbers, the same in its charts as in its tables', async () => {
    await page.goto(url.replace('/report.html', '/report-nl.html'));
    expect(await page.textContent('h1')).toBe('Het Nederlandse exportcontrolebeleid in 2024');
    for (const name of CHARTS) {
      const { inChart, inTable } = await chartAndTable(name, DUTCH_NUMBER);
      expect(inTable.length).toBeGreaterThan(0);
      expect(inChart).toEqual(inTable);
    }
    expect(
      await page.$$eval('table[data-chart-table="value-by-destination"] td[data-chart-value]', (els) =>
        els.map((e) => (e.textContent ?? '').trim()),
      ),
    ).toEqual(['€ 1.250.000,00', '€ 4.500.000,50', '€ 0,00']);
    expect(consoleMessages.filter((m) => CSP_REFUSAL.test(m))).toEqual([]);
    await page.goto(url);
  });

  it(
    'takes a screenshot of the whole page',
    async () => {
      const file = join(dir, 'report.png');
      await page.screenshot({ path: file, fullPage: true });
      const png = await readFile(file);
      expect((await stat(file)).size).toBeGreaterThan(1000);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    },
    timeoutAbove(ACTION_MS),
  );
});
