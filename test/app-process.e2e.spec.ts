import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliToken, runScript, startAppProcess } from './support/app-process';
import { assessment, caseBody } from './support/cases';
import { APP_START_MS, SCRIPT_MS, STOP_MS, stopAllProcesses, stopProcess } from './support/child-processes';
import { timeoutAbove } from './support/waiting';

describe('the admin API as a process', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-process-'));
  });

  afterEach(async () => {
    await stopAllProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  }, timeoutAbove(STOP_MS));

  const token = cliToken;

  it(
    'loses no acknowledged decision when killed with SIGKILL and restarted',
    async () => {
      const intake = token('intake', 'alice');
      const assessor = token('assessor', 'bob');
      const post = (baseUrl: string, path: string, bearer: string, body?: unknown) =>
        fetch(`${baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify(body ?? {}),
        });

      const first = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const created = await post(first.baseUrl, '/api/licences', intake, caseBody());
        expect(created.status).toBe(201);
        const { id } = (await created.json()) as { id: string };
        expect(
          (await post(first.baseUrl, `/api/licences/${id}/issue`, assessor, { assessment })).status,
        ).toBe(200);
        ids.push(id);
      }
      await stopProcess(first.child, 'SIGKILL');

      const second = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      for (const id of ids) {
        const answer = await fetch(`${second.baseUrl}/api/licences/${id}`, {
          headers: { authorization: `Bearer ${assessor}` },
        });
        expect(answer.status).toBe(200);
        expect(await answer.json()).toMatchObject({ id, revision: 1, status: 'issued', ruleId: 'allies' });
      }
      const health = (await (await fetch(`${second.baseUrl}/health`)).json()) as {
        eventStore: { headPosition: number };
      };
      expect(health.eventStore.headPosition).toBe(10);
      await stopProcess(second.child, 'SIGTERM');
    },
    timeoutAbove(2 * SCRIPT_MS, 2 * APP_START_MS, 2 * STOP_MS),
  );

  it(
    'refuses to start outside development mode without an identity, whatever NODE_ENV says',
    () => {
      const result = runScript(['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
        NODE_ENV: 'development',
        LICENCES_MODE: '',
        LICENCES_JWT_SECRET: '',
        LICENCES_DATA_DIR: dataDir,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Refusing to start: no identity is configured');
    },
    timeoutAbove(SCRIPT_MS),
  );

  it(
    'prints tokens only for known roles',
    () => {
      const result = runScript([
        '-r',
        './tools/register.cjs',
        'apps/api/src/cli/token.cli.ts',
        '--role',
        'superuser',
        '--sub',
        'eve',
      ]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('Unknown role');
    },
    timeoutAbove(SCRIPT_MS),
  );
});
