import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_JWT_SECRET } from '../apps/api/src/config/app-config';
import { freePort, runScript, startAppProcess } from './support/app-process';
import { APP_START_MS, SCRIPT_MS, startNodeScript, STOP_MS, stopProcess } from './support/child-processes';
import { callApi, developmentToken } from './support/process-api';
import { PROVIDER_AUDIENCE, PROVIDER_ISSUER, serveKeySet, signingKey } from './support/token-issuers';
import { nowSeconds, signHs256 } from './support/tokens';
import { timeoutAbove, waitUntil } from './support/waiting';

const MAIN = ['-r', './tools/register.cjs', 'apps/api/src/main.ts'];
const SECRET = 'identity-e2e-secret-of-thirty-two-bytes-or-more';
/** Long enough for the key set URL's cooldown (5 s) on a busy machine. */
const ROTATION_MS = 60_000;

/** Production mode, whatever the runner's environment or the test helpers would set. */
const PRODUCTION = { LICENCES_MODE: '' };

/** One start of the API that must be refused: exit 1 and one line on stderr. */
function refusal(env: Record<string, string>) {
  const result = runScript(MAIN, { HOST: '127.0.0.1', PORT: '3999', ...env });
  const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
  return { status: result.status, lines };
}

/** An IPv4 address of this machine that is not loopback, if it has one. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

describe('identity: who the API trusts, as a process', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'licences-identity-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it(
    'refuses a token signed with the development secret outside development mode, whatever NODE_ENV says',
    async () => {
      for (const NODE_ENV of ['staging', 'prod', 'Production']) {
        // Without an identity, no start at all.
        expect(refusal({ ...PRODUCTION, NODE_ENV, LICENCES_DATA_DIR: newDir() }).lines).toEqual([
          expect.stringMatching(/^Refusing to start: no identity is configured/),
        ]);
        const api = await startAppProcess({
          ...PRODUCTION,
          NODE_ENV,
          LICENCES_JWT_SECRET: SECRET,
          LICENCES_DATA_DIR: newDir(),
        });
        try {
          const forged = await callApi(api.baseUrl, 'GET', '/api/oversight/access-log', {
            token: developmentToken('mallory', ['admin']),
          });
          expect([NODE_ENV, forged.status, forged.body.code]).toEqual([NODE_ENV, 401, 'TOKEN_INVALID']);
          const own = await callApi(api.baseUrl, 'GET', '/api/oversight/access-log', {
            token: signHs256({ sub: 'grace', role: 'admin' }, SECRET),
          });
          expect([NODE_ENV, own.status]).toEqual([NODE_ENV, 200]);
        } finally {
          await stopProcess(api.child);
        }
      }
    },
    timeoutAbove(...Array(3).fill(SCRIPT_MS + APP_START_MS + STOP_MS)),
  );

  it(
    'refuses a token without exp and one valid for 100 years',
    async () => {
      const api = await startAppProcess({
        ...PRODUCTION,
        LICENCES_JWT_SECRET: SECRET,
        LICENCES_DATA_DIR: newDir(),
      });
      try {
        const ask = (claims: Record<string, unknown>) =>
          callApi(api.baseUrl, 'GET', '/api/projections', {
            token: signHs256({ sub: 'grace', role: 'admin', ...claims }, SECRET),
          });
        expect((await ask({ exp: undefined })).body).toMatchObject({
          status: 401,
          code: 'TOKEN_WITHOUT_EXPIRY',
        });
        expect((await ask({ exp: nowSeconds() + 100 * 365 * 86_400 })).body).toMatchObject({
          status: 401,
          code: 'TOKEN_LIFETIME_TOO_LONG',
        });
        expect((await ask({})).status).toBe(200);
      } finally {
        await stopProcess(api.child);
      }
    },
    timeoutAbove(APP_START_MS, STOP_MS),
  );

  it(
    'in development mode listens on 127.0.0.1 only and warns about the development secret',
    async () => {
      const port = await freePort();
      const child = startNodeScript(MAIN, {
        LICENCES_MODE: 'development',
        HOST: '',
        PORT: String(port),
        LICENCES_DATA_DIR: newDir(),
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await waitUntil(
          () => {
            if (child.exitCode !== null) throw new Error(`Exited: ${output}`);
            return output.includes('WARNING');
          },
          'the banner is written',
          APP_START_MS,
        );
        expect(output).toContain(`Admin API    http://127.0.0.1:${port}/api`);
        expect(output).toMatch(
          /WARNING: development mode \(LICENCES_MODE=development\), listening on loopback only/,
        );
        expect(output).toContain('DEVELOPMENT secret that stands in the source');
        const token = developmentToken('alice', ['admin']);
        expect((await callApi(`http://127.0.0.1:${port}`, 'GET', '/api/projections', { token })).status).toBe(
          200,
        );
        const outside = outsideAddress();
        if (outside) {
          await expect(fetch(`http://${outside}:${port}/health`)).rejects.toThrow();
        }
      } finally {
        await stopProcess(child);
      }
    },
    timeoutAbove(APP_START_MS, STOP_MS),
  );

  it(
    'refuses at start, in one line naming the setting, a weak or placeholder secret and a development mode that would be exposed',
    () => {
      const dataDir = newDir();
      const cases: [Record<string, string>, RegExp][] = [
        [
          { ...PRODUCTION, LICENCES_JWT_SECRET: 'a' },
          /^Refusing to start: LICENCES_JWT_SECRET is 1 bytes; it must be at least 32/,
        ],
        [
          { ...PRODUCTION, LICENCES_JWT_SECRET: 'REPLACE-ME' },
          /^Refusing to start: LICENCES_JWT_SECRET is 10 bytes/,
        ],
        [
          { ...PRODUCTION, LICENCES_JWT_SECRET: DEVELOPMENT_JWT_SECRET },
          /^Refusing to start: LICENCES_JWT_SECRET is the development secret that stands in the source/,
        ],
        [
          { LICENCES_MODE: 'development', HOST: '0.0.0.0' },
          /^Refusing to start: HOST=0\.0\.0\.0 is not a loopback address; development mode/,
        ],
        [
          { LICENCES_MODE: 'development', NODE_ENV: 'production' },
          /^Refusing to start: LICENCES_MODE=development contradicts NODE_ENV=production/,
        ],
      ];
      for (const [env, line] of cases) {
        const answer = refusal({ LICENCES_DATA_DIR: dataDir, ...env });
        expect(answer).toEqual({ status: 1, lines: [expect.stringMatching(line)] });
        expect(answer.lines.join('\n')).not.toContain('REPLACE-ME');
      }
    },
    timeoutAbove(...Array(5).fill(SCRIPT_MS)),
  );

  describe('a key set rotated without a restart', () => {
    let api: { child: ChildProcess; baseUrl: string } | undefined;
    afterEach(async () => {
      if (api) await stopProcess(api.child);
      api = undefined;
    }, STOP_MS + 5_000);

    const provider = (env: Record<string, string>) =>
      startAppProcess({
        ...PRODUCTION,
        LICENCES_JWT_ISSUER: PROVIDER_ISSUER,
        LICENCES_JWT_AUDIENCE: PROVIDER_AUDIENCE,
        LICENCES_JWT_ROLES_CLAIM: 'realm_access.roles',
        LICENCES_DATA_DIR: newDir(),
        ...env,
      });
    const claims = { sub: 'kc-admin', realm_access: { roles: ['admin', 'offline_access'] } };

    /** Polls with the new key's token until it is accepted; a refusal meanwhile must be TOKEN_INVALID. */
    const acceptedWithin = async (baseUrl: string, token: string) =>
      waitUntil(
        async () => {
          const answer = await callApi(baseUrl, 'GET', '/api/projections', { token });
          if (answer.status === 200) return true;
          expect(answer.body.code).toBe('TOKEN_INVALID');
          return false;
        },
        'the rotated key is accepted',
        ROTATION_MS,
        250,
      );

    it(
      'from a URL: a kid added to the served set is fetched when a token names it',
      async () => {
        const first = await signingKey('kc-2025');
        const rotated = await signingKey('kc-2026');
        let served = [first.jwk];
        const keySet = await serveKeySet(() => served);
        try {
          api = await provider({ LICENCES_JWKS_URL: keySet.url });
          expect(
            (await callApi(api.baseUrl, 'GET', '/api/projections', { token: await first.sign(claims) }))
              .status,
          ).toBe(200);
          const early = await callApi(api.baseUrl, 'GET', '/api/projections', {
            token: await rotated.sign(claims),
          });
          expect(early.body).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });

          served = [first.jwk, rotated.jwk];
          await acceptedWithin(api.baseUrl, await rotated.sign(claims));
          expect(
            (await callApi(api.baseUrl, 'GET', '/api/projections', { token: await first.sign(claims) }))
              .status,
          ).toBe(200);
        } finally {
          await keySet.close();
        }
      },
      timeoutAbove(APP_START_MS, ROTATION_MS, STOP_MS),
    );

    it(
      'from a file: a kid added to the file is read without a restart',
      async () => {
        const file = join(newDir(), 'jwks.json');
        const first = await signingKey('file-2025');
        const rotated = await signingKey('file-2026');
        writeFileSync(file, JSON.stringify({ keys: [first.jwk] }));
        api = await provider({ LICENCES_JWKS_FILE: file });
        expect(
          (await callApi(api.baseUrl, 'GET', '/api/projections', { token: await first.sign(claims) })).status,
        ).toBe(200);
        const early = await callApi(api.baseUrl, 'GET', '/api/projections', {
          token: await rotated.sign(claims),
        });
        expect(early.body).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });

        writeFileSync(file, JSON.stringify({ keys: [first.jwk, rotated.jwk] }));
        await acceptedWithin(api.baseUrl, await rotated.sign(claims));
      },
      timeoutAbove(APP_START_MS, ROTATION_MS, STOP_MS),
    );
  });
});
