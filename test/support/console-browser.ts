import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppProcess } from './app-process';
import { REPO_ROOT, stopProcess } from './child-processes';
import { CSP_REFUSAL, launchChromium } from './chromium';

/*
 * The console in a real browser: sign-in through its development picker, an accessibility scan
 * of each page with axe-core, and a screenshot of each page kept with the test output.
 */

/** Where the screenshots go: `reports/console/` (ignored by git, kept by CI with the log). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'reports', 'console');

/** A browser wait: long enough for a busy 2-core machine, shorter than the tests' own timeouts. */
export const UI_MS = 20_000;

/** The WCAG 2.1 A and AA rules, which Dutch government web applications must meet. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AccessibilityViolation {
  readonly page: string;
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/** The serious and critical WCAG 2.1 AA violations on the page as it is now. */
export async function accessibilityViolations(page: Page, label: string): Promise<AccessibilityViolation[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: label,
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** A full-page screenshot named after the page, for a person to look at after the run. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A fresh browser context (no shared storage) whose page errors and Content-Security-Policy
 * refusals are collected, so that a test can assert the console ran cleanly.
 */
export async function consoleContext(browser: Browser): Promise<{
  context: BrowserContext;
  page: Page;
  problems: string[];
}> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  context.setDefaultTimeout(UI_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (CSP_REFUSAL.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return { context, page, problems };
}

/** Signs in through the development picker as `name` with `roles` and waits for the start page. */
export async function signInAs(
  page: Page,
  baseUrl: string,
  name: string,
  roles: readonly string[],
  path = '/console/',
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel(/^Naam|^Name/).fill(name);
  for (const role of roles) await page.locator(`#role-${role}`).check();
  await page.getByRole('button', { name: /^Aanmelden$|^Sign in$/ }).click();
  await page.getByTestId('signed-in-sub').filter({ hasText: name }).waitFor();
}

/**
 * One console under test: the API process as `npm start` runs it (on its own data folder), a
 * Chromium, and officials who sign in one after another, each page they see scanned with axe and
 * kept as a screenshot. A spec asserts `violations` and `problems` empty at its end.
 */
export class ConsoleUnderTest {
  readonly violations: AccessibilityViolation[] = [];
  readonly problems: string[] = [];
  private app: Awaited<ReturnType<typeof startAppProcess>> | undefined;
  private chromium: Browser | undefined;
  private readonly dataDir: string;

  constructor(name: string) {
    this.dataDir = mkdtempSync(join(tmpdir(), `licences-${name}-`));
  }

  async start(): Promise<this> {
    this.app = await startAppProcess({ LICENCES_DATA_DIR: this.dataDir });
    this.chromium = await launchChromium();
    return this;
  }

  get baseUrl(): string {
    if (!this.app) throw new Error('The console under test is not started');
    return this.app.baseUrl;
  }

  get browser(): Browser {
    if (!this.chromium) throw new Error('The console under test is not started');
    return this.chromium;
  }

  async stop(): Promise<void> {
    try {
      await this.chromium?.close();
    } finally {
      if (this.app) await stopProcess(this.app.child);
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }

  /**
   * Signs in as an official in a fresh browser context at `path` and hands over its page. The
   * console keeps its session in memory: inside `work`, navigate in the console, never reload.
   */
  async as<T>(
    name: string,
    roles: string[],
    work: (page: Page) => Promise<T>,
    path = '/console/',
  ): Promise<T> {
    const session = await consoleContext(this.browser);
    try {
      await signInAs(session.page, this.baseUrl, name, roles, path);
      return await work(session.page);
    } finally {
      this.problems.push(...session.problems.map((p) => `${name}: ${p}`));
      await session.context.close();
    }
  }

  /** The page as it is now: scanned with axe and kept as a screenshot named `name`. */
  async record(page: Page, name: string): Promise<void> {
    await page.locator('h1').first().waitFor();
    this.violations.push(...(await accessibilityViolations(page, name)));
    await keepScreenshot(page, name);
  }

  /** Opens a page from the main menu and records it. */
  async menu(page: Page, link: string, name: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: link }).click();
    await this.record(page, name);
  }
}
