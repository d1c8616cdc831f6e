import { LAUNCH_MS } from './support/chromium';
import { ConsoleUnderTest, consoleContext } from './support/console-browser';

/*
 * The officials' journey through the console only, in Debian's Chromium, against the API as
 * `npm start` runs it: intake registers an application, an assessor issues it, one senior
 * assessor proposes its revocation and cannot approve it, a second approves, and oversight
 * replays the case. Every page visited is scanned with axe (WCAG 2.1 AA) and kept as a screenshot.
 */

/** One journey: seven officials one after another, each page scanned and photographed. */
const JOURNEY_MS = 8 * 60_000;

describe('the console, official by official', () => {
  const ui = new ConsoleUnderTest('console-journey');
  const { violations, problems } = ui;
  const as = ui.as.bind(ui);
  const record = ui.record.bind(ui);
  const menu = ui.menu.bind(ui);
  /** The case the journey takes through the console; later pages look for it. */
  let journeyCase = '';

  beforeAll(() => ui.start(), 2 * LAUNCH_MS);
  afterAll(() => ui.stop());

  it(
    'takes an application from registration to an approved revocation, and oversight sees every decision',
    async () => {
      // Intake registers an application with every detail, through the form.
      const caseId = await as('a.intake', ['intake'], async (page) => {
        await record(page, 'home-intake');
        await menu(page, 'Nieuwe zaak', 'register-case');
        await page.getByLabel('Aanvraag', { exact: true }).check();
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
        await page.getByText('Aangevraagd').first().waitFor();
        await record(page, 'case-applied');
        const id = /cases\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
        journeyCase = id;
        await menu(page, 'Mijn zaken', 'my-cases');
        await page
          .getByRole('link', { name: new RegExp(id.slice(0, 8)) })
          .first()
          .waitFor();
        return id;
      });

      // An assessor finds it in the queue of applications and issues it, with an assessment.
      await as('b.assessor', ['assessor'], async (page) => {
        await menu(page, 'Werkvoorraad', 'work-queues');
        await page.locator(`a[href$="/cases/${caseId}"]`).first().click();
        await page.getByText('Vergunning verlenen', { exact: true }).click();
        const form = page.locator('#issue-form');
        await form
          .getByLabel('Samenvatting van de beoordeling')
          .fill('Bondgenoot; geen risico op de criteria.');
        await form.getByLabel('Criterium').first().selectOption('1');
        await form.getByLabel('Bevinding').first().fill('Geen strijd met internationale verplichtingen.');
        await record(page, 'case-issue-form');
        await form.getByRole('button', { name: 'Vastleggen' }).click();
        await page.getByTestId('recorded').waitFor();
        await page.getByText('Verleend').first().waitFor();
        await record(page, 'case-issued');
      });

      // A senior assessor proposes its revocation, and cannot approve that proposal.
      await as('c.senior', ['senior-assessor'], async (page) => {
        await menu(page, 'Zaken zoeken', 'find-cases');
        await page.locator(`a[href$="/cases/${caseId}"]`).first().click();
        await page.getByText('Intrekking voorstellen', { exact: true }).click();
        const form = page.locator('#propose-revocation-form');
        await form
          .getByLabel('Gewijzigde omstandigheden')
          .fill('De eindgebruiker levert door aan een derde land.');
        await form.getByLabel(/^7\./).check();
        await form.getByLabel('Titel').fill('Ambtsbericht');
        await form.getByLabel('Bron').fill('Ministerie van Buitenlandse Zaken');
        await form.getByLabel('Datum').fill('2026-11-02');
        await form.getByLabel('Kenmerk').fill('DVB-2026/113');
        await form.getByRole('button', { name: 'Vastleggen' }).click();
        await page.getByTestId('recorded').waitFor();
        // The proposal is shown, approving it is not offered, and the page says why.
        await page
          .getByText(/U heeft deze intrekking zelf voorgesteld/)
          .first()
          .waitFor();
        expect(
          await page.getByText('Voorstel goedkeuren: vergunning intrekken', { exact: true }).count(),
        ).toBe(0);
        await record(page, 'case-own-proposal');
        await menu(page, 'Goedkeuringen', 'approvals-own-proposal');
        const own = page.locator('tr', { hasText: 'Eigen voorstel' });
        await own.first().waitFor();
        expect(await own.getByRole('link', { name: /beoordelen$/ }).count()).toBe(0);
      });

      // A second senior assessor approves it from the approvals queue: the licence is revoked.
      await as('d.senior', ['senior-assessor'], async (page) => {
        await menu(page, 'Goedkeuringen', 'approvals');
        await page
          .getByRole('link', { name: /beoordelen$/ })
          .first()
          .click();
        await page.getByText('Voorstel goedkeuren: vergunning intrekken', { exact: true }).click();
        await page.locator('#approve-revocation-form').getByRole('button', { name: 'Vastleggen' }).click();
        await page.getByTestId('recorded').waitFor();
        await page.getByText('Ingetrokken').first().waitFor();
        await record(page, 'case-revoked');
      });

      // Oversight replays the case and sees each decision with its official.
      await as('e.oversight', ['oversight'], async (page) => {
        await menu(page, 'Toezicht', 'oversight');
        await page.getByLabel('Zaaknummer (UUID)').fill(caseId);
        await page.getByLabel('Zaaknummer (UUID)').press('Enter');
        await page.getByText('d.senior').first().waitFor();
        for (const official of ['a.intake', 'b.assessor', 'c.senior', 'd.senior']) {
          expect(await page.getByText(official).count()).toBeGreaterThan(0);
        }
        for (const step of ['Vergunning verleend', 'Intrekking voorgesteld', 'Vergunning ingetrokken']) {
          expect(await page.getByText(step).count()).toBeGreaterThan(0);
        }
        await record(page, 'oversight-replay');
      });

      expect(problems).toEqual([]);
      expect(violations).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'meets WCAG 2.1 AA on every other page, in English too, with reports that open and download',
    async () => {
      // The sign-in page, before anyone signs in.
      const visitor = await consoleContext(ui.browser);
      try {
        await visitor.page.goto(`${ui.baseUrl}/console/`);
        await record(visitor.page, 'sign-in');
      } finally {
        problems.push(...visitor.problems);
        await visitor.context.close();
      }

      // A senior assessor proposes a country measure and sees it awaiting a second official.
      await as('c.senior', ['senior-assessor'], async (page) => {
        await menu(page, 'Goedkeuringen', 'approvals-senior');
        await page.getByRole('link', { name: 'Een landenmaatregel voorstellen' }).click();
        await record(page, 'propose-measure');
        await page.getByLabel('Bestemming (landcode)').fill('TR');
        await page.getByLabel('Juridische grondslag').fill('Kamerstuk 22054-316');
        await page.getByLabel('Redenen').fill('Militair optreden in Noord-Syrië.');
        await page.getByRole('button', { name: 'Voorstel indienen' }).click();
        await page.waitForURL(/\/console\/measures\/[^/]+$/);
        await page.getByText('Kamerstuk 22054-316').first().waitFor();
        await record(page, 'measure');
      });

      // An admin's approvals (historical imports), and the start page in English.
      await as('g.admin', ['admin'], async (page) => {
        await menu(page, 'Goedkeuringen', 'approvals-admin');
        await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
        await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        await record(page, 'approvals-admin-en');
        await page
          .getByRole('navigation', { name: 'Main menu' })
          .getByRole('link', { name: 'Start' })
          .click();
        await record(page, 'home-admin-en');
      });

      // Oversight's other pages, and a path that is no page.
      await as('e.oversight', ['oversight'], async (page) => {
        await menu(page, 'Toezicht', 'oversight-integrity');
        await page.getByRole('link', { name: /^Besluiten in een periode/ }).click();
        // The period starts as up to today in Amsterdam: the journey's decisions of today are in it.
        await page.locator(`a[href$="/oversight/cases/${journeyCase}"]`).first().waitFor();
        await record(page, 'oversight-decisions');
        await page.goBack();
        await page.getByRole('link', { name: /^Wat-als/ }).click();
        await record(page, 'oversight-what-if');
        await page.evaluate(() => {
          history.pushState(null, '', '/console/no-such-page');
          dispatchEvent(new PopStateEvent('popstate'));
        });
        await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
        await record(page, 'not-found');
      });

      // Reporting: an HTML report opens in a window of its own, styled; a CSV downloads.
      await as('f.reporting', ['reporting'], async (page) => {
        await menu(page, 'Rapportages', 'reports');
        await page.getByLabel('Formaat').selectOption('html');
        const [report] = await Promise.all([
          page.waitForEvent('popup'),
          page.getByRole('button', { name: 'Rapport openen' }).click(),
        ]);
        await report.locator('h1').first().waitFor();
        // The report's own stylesheet applies (allowed by its hash in the console's policy too).
        const styled = await report.locator('body').evaluate((body) => getComputedStyle(body).fontSize);
        expect(styled).not.toBe('');
        await page.getByLabel('Formaat').selectOption('csv');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Rapport downloaden' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.csv$/);
        await record(page, 'reports-downloaded');
      });

      expect(problems).toEqual([]);
      expect(violations).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'can be used with the keyboard alone: sign in, skip to the content, open a page by Tab and Enter',
    async () => {
      const { context, page } = await consoleContext(ui.browser);
      try {
        await page.goto(`${ui.baseUrl}/console/`);
        await page.getByLabel(/^Naam/).focus();
        await page.keyboard.type('k.keyboard');
        // From the name to the first role: its description and the fieldset come in between.
        for (
          let i = 0;
          i < 10 && !(await page.locator('#role-intake').evaluate((e) => e === document.activeElement));
          i++
        ) {
          await page.keyboard.press('Tab');
        }
        await page.keyboard.press('Space');
        await page.keyboard.press('Enter');
        await page.getByTestId('signed-in-sub').filter({ hasText: 'k.keyboard' }).waitFor();

        // The first Tab reaches the skip link, which takes the focus into the content.
        await page.keyboard.press('Tab');
        const skip = await page.evaluate(() => document.activeElement?.textContent);
        expect(skip).toBe('Naar de inhoud');
        await page.keyboard.press('Enter');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

        // A link reached by Tab, opened by Enter: the page opens and the focus starts in its content.
        for (
          let i = 0;
          i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Nieuwe zaak';
          i++
        ) {
          await page.keyboard.press('Tab');
        }
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Nieuwe zaak registreren' }).waitFor();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );
});

declare const document: {
  readonly documentElement: { readonly lang: string };
  readonly activeElement: { readonly id: string; readonly textContent: string | null } | null;
};
declare const history: { pushState(data: unknown, unused: string, url: string): void };
declare function dispatchEvent(event: unknown): boolean;
declare class PopStateEvent {
  constructor(type: string);
}
