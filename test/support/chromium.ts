import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/*
 * Debian's Chromium for the browser tests, driven by playwright-core. It must be installed
 * (`apt-get install chromium`, or CHROMIUM_PATH naming another Chromium or Chrome): a browser test
 * fails without it, it never skips.
 */

declare global {
  /**
   * The browser's own function, for callbacks Playwright runs inside the page: the tests compile
   * without the DOM library, so only what they read is declared.
   */
  function getComputedStyle(element: unknown): {
    readonly backgroundColor: string;
    readonly fontSize: string;
    readonly position: string;
  };
}

export const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
/** Chromium from spawn to a page to load into (about 1 s on an idle machine). */
export const LAUNCH_MS = 60_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium's report of a Content-Security-Policy refusal, as it appears on the page's console. */
export const CSP_REFUSAL = /Content Security Policy|Refused to/i;

/** Launches Chromium (one LAUNCH_MS wait), or says how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}` +
        (process.env['CHROMIUM_PATH']
          ? ' (from CHROMIUM_PATH)'
          : ' (the default; CHROMIUM_PATH is not set)') +
        ": install Debian's Chromium (apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium or " +
        'Chrome executable, to run the browser tests.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: LAUNCH_MS });
}
