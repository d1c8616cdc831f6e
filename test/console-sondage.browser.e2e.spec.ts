import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { kill, startAppProcess } from './support/app-process';
import { LAUNCH_MS, launchChromium } from './support/chromium';
import { accessibilityViolations, consoleContext, keepScreenshot, signInAs } from './support/console-browser';
import type { AccessibilityViolation } from './support/console-browser';

/*
 * A sondage through the console, in Debian's Chromium against the API as `npm start` runs it:
 * intake registers it, an assessor answers it, and intake applies with a changed quantity. The
 * apply page is scanned with axe (WCAG 2.1 AA) and kept as a screenshot.
 */

const JOURNEY_MS = 4 * 60_000;

describe('a sondage in the console, then an application with changed details', () => {
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startAppProcess>>;
  let dataDir: string;
  const violations: AccessibilityViolation[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-console-sondage-'));
    app = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
    browser = await launchChromium();
  }, 2 * LAUNCH_MS);

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      if (app) await kill(app.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  /** Signs in as an official at `path` (the console keeps its session in memory: no reload after). */
  async function as(name: string, roles: string[], path: string, work: (page: Page) => Promise<void>) {
    const session = await consoleContext(browser);
    try {
      await signInAs(session.page, app.baseUrl, name, roles, path);
      await work(session.page);
    } finally {
      problems.push(...session.problems.map((p) => `${name}: ${p}`));
      await session.context.close();
    }
  }

  async function record(page: Page, name: string): Promise<void> {
    await page.locator('h1').first().waitFor();
    violations.push(...(await accessibilityViolations(page, name)));
    await keepScreenshot(page, name);
  }

  it(
    'records the application with the changed quantity, from the page that starts from the sondage',
    async () => {
      let casePath = '';
      await as('a.intake', ['intake'], '/console/', async (page) => {
        await page
          .getByRole('navigation', { name: 'Hoofdmenu' })
          .getByRole('link', { name: 'Nieuwe zaak' })
          .click();
        await page.getByLabel('Sondage', { exact: true }).check();
        await page.getByLabel('Naam van de aanvrager').fill('Thales Nederland B.V.');
        await page.getByLabel('KvK-nummer').fill('06055589');
        await page.getByLabel('Rubriek van de controlelijst').fill('ML5.a');
        await page.getByLabel('Omschrijving').fill('Vuurleidingsradar');
        await page.getByLabel('Aantal').fill('2');
        await page.getByLabel('Waarde in euro').fill('1250000');
        await page.getByLabel(/^Land/).fill('DE');
        await page.getByLabel('Eindgebruiker').fill('Bundeswehr');
        await page.getByRole('button', { name: 'Zaak registreren' }).click();
        await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}/);
        casePath = new URL(page.url()).pathname;
      });

      await as('b.assessor', ['assessor'], casePath, async (page) => {
        await page.getByText('Sondage beantwoorden', { exact: true }).click();
        const form = page.locator('#answer-sondage-form');
        await form.getByLabel('Uitkomst').selectOption('positive');
        await form.getByLabel('Motivering').fill('Bondgenoot; geen bezwaar op de criteria.');
        await form.getByRole('button', { name: 'Vastleggen' }).click();
        await page.getByTestId('recorded').waitFor();
      });

      await as('a.intake', ['intake'], casePath, async (page) => {
        await page.getByText('Sondage omzetten in een aanvraag', { exact: true }).click();
        await page.getByRole('link', { name: 'Aanvraag met gewijzigde gegevens' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Aanvraag na sondage met gewijzigde gegevens' })
          .waitFor();
        const quantity = page.getByLabel('Aantal');
        expect(await quantity.inputValue()).toBe('2');
        await quantity.fill('5');
        await record(page, 'apply-after-sondage');
        await page.getByRole('button', { name: 'Vastleggen' }).click();
        await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}\?minPosition=\d+$/);
        await page.getByText('Aangevraagd').first().waitFor();
        await page.getByText('Aanvraag ingediend').first().waitFor();
      });

      expect(problems).toEqual([]);
      expect(violations).toEqual([]);
    },
    JOURNEY_MS,
  );
});
