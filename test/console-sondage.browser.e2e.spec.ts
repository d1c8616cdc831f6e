import type { Page } from 'playwright-core';
import { LAUNCH_MS } from './support/chromium';
import { ConsoleUnderTest } from './support/console-browser';

/*
 * A sondage through the console, in Debian's Chromium against the API as `npm start` runs it:
 * intake registers it, an assessor answers it, and intake applies with a changed quantity. The
 * apply page is scanned with axe (WCAG 2.1 AA) and kept as a screenshot.
 */

const JOURNEY_MS = 4 * 60_000;

describe('a sondage in the console, then an application with changed details', () => {
  const ui = new ConsoleUnderTest('console-sondage');
  const { violations, problems } = ui;
  const record = ui.record.bind(ui);
  /** Signs in as an official at `path` (the console keeps its session in memory: no reload after). */
  const as = (name: string, roles: string[], path: string, work: (page: Page) => Promise<void>) =>
    ui.as(name, roles, work, path);

  beforeAll(() => ui.start(), 2 * LAUNCH_MS);
  afterAll(() => ui.stop());

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
