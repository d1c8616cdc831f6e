import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, kill, REPO_ROOT, runScript } from './support/app-process';

/** Bounds for a busy two-core machine: an API start takes about 2 s idle, a refusal about 1 s. */
const START_MS = 60_000;
const TEST_MS = 240_000;

const MAIN = ['-r', './tools/register.cjs', 'apps/api/src/main.ts'];
const PROJECTOR = ['-r', './tools/register.cjs', 'apps/api/src/cli/projector.cli.ts'];

/** The environment of the test without the settings a test must choose itself. */
function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'PORT',
    'HOST',
    'LICENCES_JWT_SECRET',
    'LOG_LEVEL',
    'NODE_ENV',
    'LICENCES_PROJECTIONS',
  ]) {
    delete inherited[name];
  }
  return { ...inherited, ...env };
}

interface Started {
  readonly child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved as they came. */
  output(): string;
  /** Waits until the output contains `text`; fails if the process exits first or `ms` pass. */
  waitFor(text: string, ms?: number): Promise<void>;
}

/** A long-running script of the package, with its output kept for the test to read. */
function start(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: baseEnv(env) });
  let output = '';
  const append = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  return {
    child,
    output: () => output,
    waitFor: (text, ms = START_MS) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(text)) return finish();
          if (child.exitCode !== null || child.signalCode !== null) {
            return finish(new Error(`Exited before writing "${text}":\n${output}`));
          }
        };
        const timer = setTimeout(() => finish(new Error(`No "${text}" within ${ms} ms:\n${output}`)), ms);
        const finish = (error?: Error) => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          child.off('exit', check);
          if (error) reject(error);
          else resolve();
        };
        child.stdout?.on('data', check);
        child.stderr?.on('data', check);
        child.on('exit', check);
        check();
      }),
  };
}

/** Signals `child` unless it already ended, and waits for its exit. */
async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await kill(child, signal);
}

/** Runs `npm start` to its end and returns what it said; for the settings it must refuse. */
function refusal(env: Record<string, string>) {
  const result = runScript(MAIN, baseEnv({ HOST: '127.0.0.1', ...env }) as Record<string, string>);
  const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
  return { status: result.status, lines, stderr: result.stderr };
}

describe('npm start: what it says when it starts, and when it will not', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'licences-start-up-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it(
    'starts with a short banner and a warning about the development secret, and keeps a projector out while it projects inline',
    async () => {
      // Missing, with a parent that exists: created.
      const dataDir = join(newDir(), 'data');
      const port = await freePort();
      const api = start(MAIN, { HOST: '127.0.0.1', PORT: String(port), LICENCES_DATA_DIR: dataDir });
      let projector: Started | undefined;
      try {
        await api.waitFor('WARNING');
        const banner = api
          .output()
          .split('\n')
          .filter((line) => line.trim() !== '');
        expect(banner.length).toBeLessThanOrEqual(8);
        const text = banner.join('\n');
        expect(text).toContain(`Admin API    http://127.0.0.1:${port}/api`);
        expect(text).toContain(`API docs     http://127.0.0.1:${port}/api/docs`);
        expect(text).toContain(`Event store  sqlite, ${join(dataDir, 'licences.sqlite')}`);
        expect(text).toContain(`Data folder  ${dataDir}`);
        expect(text).toContain('Projections  inline, in this process');
        expect(text).toContain('Tokens       npm run -s token -- --role <role> --sub <name>');
        expect(text).toMatch(/WARN.*WARNING: tokens are signed with the built-in DEVELOPMENT secret/);
        expect(text).toContain('Set LICENCES_JWT_SECRET');
        expect(text).not.toMatch(/RouterExplorer|RoutesResolver|InstanceLoader|successfully started/);
        expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);

        // The API projects inline into this folder: a projector beside it is refused.
        const refused = runScript(
          PROJECTOR,
          baseEnv({ LICENCES_DATA_DIR: dataDir }) as Record<string, string>,
        );
        expect(refused.status).toBe(1);
        expect(refused.stderr).toMatch(
          new RegExp(
            `^Refusing to start: the API \\(pid ${api.child.pid} on .+, since .+\\) already projects inline into ` +
              `${join(dataDir, 'read-models.sqlite').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; ` +
              'restart it with LICENCES_PROJECTIONS=external to run the projections here\n$',
          ),
        );

        // Killed outright, the API leaves its lease behind; its process is gone, so the lease is stale.
        await stop(api.child, 'SIGKILL');
        expect(existsSync(join(dataDir, 'inline-projections.lease'))).toBe(true);
        projector = start(PROJECTOR, { LICENCES_DATA_DIR: dataDir });
        await projector.waitFor('LICENCES_PROJECTIONS=external');
        expect(projector.output()).toContain(`into ${join(dataDir, 'read-models.sqlite')}, from ${dataDir}`);
      } finally {
        await stop(api.child, 'SIGKILL');
        if (projector) await stop(projector.child, 'SIGKILL');
      }
    },
    TEST_MS,
  );

  it(
    "shows Nest's own lines at LOG_LEVEL=debug, no warning with a secret set, and removes its lease on SIGTERM",
    async () => {
      const dataDir = newDir();
      const port = await freePort();
      const api = start(MAIN, {
        HOST: '127.0.0.1',
        PORT: String(port),
        LICENCES_DATA_DIR: dataDir,
        LICENCES_JWT_SECRET: 'a-secret-for-this-test',
        LOG_LEVEL: 'debug',
      });
      try {
        await api.waitFor('Tokens       npm run -s token');
        expect(existsSync(join(dataDir, 'inline-projections.lease'))).toBe(true);
        expect(api.output()).toMatch(/DEBUG.*Mapped \{\/api\/licences, POST\} route/);
        expect(api.output()).not.toContain('WARNING');
      } finally {
        await stop(api.child, 'SIGTERM');
      }
      expect(existsSync(join(dataDir, 'inline-projections.lease'))).toBe(false);
    },
    TEST_MS,
  );

  describe('refuses in one line naming the setting, exit 1, no stack trace', () => {
    const expectRefusal = (answer: ReturnType<typeof refusal>, line: string) => {
      expect(answer).toMatchObject({ status: 1, lines: [line] });
      expect(answer.stderr).not.toMatch(/^\s+at /m);
    };

    it(
      'a port in use',
      async () => {
        const port = await freePort();
        const occupier: Server = createServer();
        await new Promise<void>((resolve) => occupier.listen(port, '127.0.0.1', resolve));
        try {
          expectRefusal(
            refusal({ PORT: String(port), LICENCES_DATA_DIR: newDir() }),
            `Refusing to start: port ${port} on 127.0.0.1 is in use; set PORT to a free port`,
          );
        } finally {
          await new Promise((resolve) => occupier.close(resolve));
        }
      },
      TEST_MS,
    );

    it(
      'an empty, non-numeric or zero PORT',
      () => {
        const fix = 'set PORT to a port from 1 to 65535, or unset it for 3000';
        const dataDir = newDir();
        expectRefusal(
          refusal({ PORT: '', LICENCES_DATA_DIR: dataDir }),
          `Refusing to start: PORT is set but empty; ${fix}`,
        );
        expectRefusal(
          refusal({ PORT: 'http', LICENCES_DATA_DIR: dataDir }),
          `Refusing to start: PORT=http is not a port number; ${fix}`,
        );
        expectRefusal(
          refusal({ PORT: '0', LICENCES_DATA_DIR: dataDir }),
          `Refusing to start: PORT=0 would listen on a random free port that nobody is told; ${fix}`,
        );
      },
      TEST_MS,
    );

    it(
      'a data folder that cannot be created, that is a file, or in which nobody (root included) can create files',
      async () => {
        const fix = 'set LICENCES_DATA_DIR to a folder this process can write in';
        const scratch = newDir();
        const file = join(scratch, 'a-file');
        writeFileSync(file, 'not a folder');
        const port = String(await freePort());

        expectRefusal(
          refusal({ PORT: port, LICENCES_DATA_DIR: join(file, 'data') }),
          `Refusing to start: LICENCES_DATA_DIR ${join(file, 'data')} does not exist and cannot be created: ` +
            `a part of ${file} is a file, not a folder; ${fix}`,
        );
        expectRefusal(
          refusal({ PORT: port, LICENCES_DATA_DIR: join(scratch, 'missing', 'data') }),
          `Refusing to start: LICENCES_DATA_DIR ${join(scratch, 'missing', 'data')} does not exist and cannot ` +
            `be created: its parent ${join(scratch, 'missing')} does not exist; ${fix}`,
        );
        expectRefusal(
          refusal({ PORT: port, LICENCES_DATA_DIR: file }),
          `Refusing to start: LICENCES_DATA_DIR ${file} is a file, not a folder; ${fix}`,
        );
        // The tests run as root, for whom permission bits mean nothing; procfs refuses new files to all.
        expectRefusal(
          refusal({ PORT: port, LICENCES_DATA_DIR: '/proc' }),
          `Refusing to start: LICENCES_DATA_DIR /proc does not let this process create files (ENOENT); ${fix}`,
        );
      },
      TEST_MS,
    );

    it(
      'any other setting it cannot use, as before',
      () => {
        expectRefusal(
          refusal({ LOG_LEVEL: 'loud', LICENCES_DATA_DIR: newDir() }),
          'Refusing to start: LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose, not loud',
        );
        expectRefusal(
          refusal({ NODE_ENV: 'production', LICENCES_DATA_DIR: newDir() }),
          'Refusing to start: LICENCES_JWT_SECRET must be set when NODE_ENV=production',
        );
      },
      TEST_MS,
    );
  });
});
