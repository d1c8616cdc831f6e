import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { kill, startAppProcess } from './support/app-process';
import { LAUNCH_MS, launchChromium } from './support/chromium';
import { consoleContext, keepScreenshot, UI_MS } from './support/console-browser';
import { startOidcStandIn } from './support/oidc-provider.stand-in';
import type { OidcStandIn } from './support/oidc-provider.stand-in';

/*
 * Signing in to the console through an OpenID Connect provider: the authorization-code flow with
 * PKCE against a stand-in provider on loopback, with the API trusting that provider's key set
 * (production mode, no development secret). The token must reach the API and rest nowhere but in
 * the page's memory.
 */
describe('console sign-in through OpenID Connect with PKCE', () => {
  let browser: Browser;
  let provider: OidcStandIn;
  let app: Awaited<ReturnType<typeof startAppProcess>>;
  let dataDir: string;
  let baseUrl = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-console-oidc-'));
    provider = await startOidcStandIn({
      clientId: 'licences-console',
      audience: 'licences-api',
      user: { sub: 'carol', roles: ['senior-assessor', 'oversight', 'offline_access'] },
      allowedOrigin: () => baseUrl,
    });
    app = await startAppProcess({
      LICENCES_MODE: 'production',
      LICENCES_DATA_DIR: dataDir,
      LICENCES_JWKS_URL: provider.jwksUrl,
      LICENCES_JWT_ISSUER: provider.issuer,
      LICENCES_JWT_AUDIENCE: provider.audience,
      LICENCES_JWT_ROLES_CLAIM: 'realm_access.roles',
      LICENCES_CONSOLE_OIDC_CLIENT_ID: provider.clientId,
    });
    baseUrl = app.baseUrl;
    browser = await launchChromium();
  }, 2 * LAUNCH_MS);

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      if (app) await kill(app.child);
      await provider?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('tells the console to sign in with the provider and lets the page reach it under its policy', async () => {
    const response = await fetch(`${baseUrl}/console/config.json`);
    expect(await response.json()).toEqual({
      signIn: {
        kind: 'oidc',
        authority: provider.issuer,
        clientId: 'licences-console',
        scope: 'openid',
        rolesClaim: 'realm_access.roles',
        subjectClaim: 'sub',
      },
    });
    const page = await fetch(`${baseUrl}/console/`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${provider.issuer}`);
  });

  it('signs in with a code and verifier, returns to the page asked for, keeps the token in memory only', async () => {
    const { context, page, problems } = await consoleContext(browser);
    try {
      // A deep link before signing in: the console must come back to it.
      await page.goto(`${baseUrl}/console/cases`);
      await page.getByRole('button', { name: 'Aanmelden via de identiteitsprovider' }).click();
      await page.getByTestId('signed-in-sub').filter({ hasText: 'carol' }).waitFor({ timeout: UI_MS });
      expect(new URL(page.url()).pathname).toBe('/console/cases');

      // PKCE: the provider saw a S256 challenge, then the verifier that hashes to it.
      expect(provider.authorizations).toHaveLength(1);
      expect(provider.tokenRequests).toHaveLength(1);
      const challenge = provider.authorizations[0]!.get('code_challenge');
      const verifier = provider.tokenRequests[0]!.get('code_verifier') ?? '';
      expect(verifier.length).toBeGreaterThanOrEqual(43);
      expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
      expect(provider.authorizations[0]!.get('redirect_uri')).toBe(`${baseUrl}/console/signed-in`);

      // Roles from the provider's claim; the one this system does not know is not offered.
      const actingRole = page.getByRole('combobox', { name: 'Werkt als' });
      expect(await actingRole.locator('option').allTextContents()).toEqual([
        'Senior beoordelaar',
        'Toezicht',
      ]);

      // The token reaches the API: the page's own request for cases is answered.
      const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
      await menu.getByRole('link', { name: 'Start' }).click();
      const answered = page.waitForResponse(
        (r) => r.url().includes('/api/licences') && r.request().method() === 'GET',
      );
      await menu.getByRole('link', { name: 'Zaken zoeken' }).click();
      const response = await answered;
      expect(response.status()).toBe(200);
      expect(response.request().headers()['authorization']).toBe(`Bearer ${provider.issuedTokens[0]}`);

      // Nothing of the token rests in the browser's storage.
      const stored = await page.evaluate(() => {
        const all: string[] = [];
        for (const storage of [localStorage, sessionStorage]) {
          for (let i = 0; i < storage.length; i++)
            all.push(`${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
        }
        return all.join('\n');
      });
      expect(stored).not.toContain(provider.issuedTokens[0]!.split('.')[1]);
      await keepScreenshot(page, 'signed-in-through-oidc');

      // A reload forgets the session: the sign-in page again.
      await page.reload();
      await page
        .getByRole('button', { name: 'Aanmelden via de identiteitsprovider' })
        .waitFor({ timeout: UI_MS });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

declare const localStorage: {
  length: number;
  key(i: number): string | null;
  getItem(k: string): string | null;
};
declare const sessionStorage: typeof localStorage;
