import { runScript } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import { timeoutAbove } from './support/waiting';

const SECRET = 'token-cli-e2e-secret-of-thirty-two-bytes-or-more';

describe('npm run token', () => {
  const TOKEN = [
    '-r',
    './tools/register.cjs',
    'apps/api/src/cli/token.cli.ts',
    '--role',
    'admin',
    '--sub',
    'grace',
  ];
  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;

  it(
    'signs with iat and exp (8 hours by default), says so when it uses the development secret, and refuses a lifetime beyond the maximum',
    () => {
      const development = runScript(TOKEN, { LICENCES_JWT_SECRET: '' });
      expect(development.status).toBe(0);
      expect(development.stderr).toContain('signed with the development secret');
      const claims = claimsOf(development.stdout.trim());
      expect(claims).toMatchObject({ sub: 'grace', role: 'admin' });
      expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(8 * 3600);

      const own = runScript([...TOKEN, '--expires-in', '30m'], { LICENCES_JWT_SECRET: SECRET });
      expect(own.stderr).toBe('');
      const ownClaims = claimsOf(own.stdout.trim());
      expect((ownClaims['exp'] as number) - (ownClaims['iat'] as number)).toBe(1800);

      const tooLong = runScript([...TOKEN, '--expires-in', '13h'], { LICENCES_JWT_SECRET: SECRET });
      expect(tooLong).toMatchObject({
        status: 1,
        stdout: '',
        stderr: '--expires-in 13h is longer than LICENCES_JWT_MAX_LIFETIME (12h), which the API refuses\n',
      });
      const weak = runScript(TOKEN, { LICENCES_JWT_SECRET: 'REPLACE-ME' });
      expect(weak).toMatchObject({ status: 1, stdout: '' });
      expect(weak.stderr).toMatch(/^LICENCES_JWT_SECRET is 10 bytes/);
    },
    timeoutAbove(SCRIPT_MS, SCRIPT_MS, SCRIPT_MS, SCRIPT_MS),
  );
});
