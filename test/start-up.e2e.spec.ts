import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runScript } from './support/app-process';
import { logLines } from './support/log-lines';
import { APP_START_MS, SCRIPT_MS, startNodeScript, STOP_MS, stopProcess } from './support/child-processes';
import { timeoutAbove, waitUntil } from './support/waiting';

const MAIN = ['-r', './tools/register.cjs', 'apps/api/src/main.ts'];
const PROJECTOR = ['-r', './tools/register.cjs', 'apps/api/src/cli/projector.cli.ts'];

/** Settings each test chooses itself; whatever the runner's environment says is set aside. */
const CHOSEN = [
  'PORT',
  'HOST',
  'LICENCES_DATA_DIR',
  'LICENCES_JWT_SECRET',
  'LICENCES_MODE',
  'LICENCES_JWKS_URL',
  'LICENCES_JWKS_FILE',
  'LICENCES_JWT_ISSUER',
  'LICENCES_JWT_AUDIENCE',
  'LICENCES_JWT_MAX_LIFETIME',
  'LICENCES_JWT_CLOCK_SKEW',
  'LICENCES_PROJECTIONS',
  'LICENCES_EVENT_STORE',
  'LOG_LEVEL',
  'NODE_ENV',
];

interface Started {
  readonly child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved as they came. */
  output(): string;
  /** Waits until the output contains `text`; fails if the process exits first or the bound passes. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
}

/** A long-running script of the package, with its output kept for the test to read. */
function start(args: string[], env: Record<string, string>): Started {
  const child = startNodeScript(args, env);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    waitFor: (text, timeoutMs) =>
      waitUntil(
        () => {
          if (output.includes(text)) return true;
          if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`Exited before writing "${text}":\n${output}`);
          }
          return false;
        },
        `it writes "${text}"`,
        timeoutMs,
      ),
  };
}

/** Runs `npm start` (development mode unless `env` says otherwise) to its end and returns what it said. */
function refusal(env: Record<string, string>) {
  const result = runScript(MAIN, { HOST: '127.0.0.1', LICENCES_MODE: 'development', ...env });
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

  const saved = Object.fromEntries(CHOSEN.map((name) => [name, process.env[name]]));
  beforeAll(() => CHOSEN.forEach((name) => delete process.env[name]));
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it(
    'starts in development mode with a short banner and a warning about the development secret, and keeps a projector out while it projects inline',
    async () => {
      // Missing, with a parent that exists: created.
      const dataDir = join(newDir(), 'data');
      const port = await freePort();
      // As `npm start` runs it; HOST unset, development mode listens on 127.0.0.1.
      const api = start(MAIN, {
        LICENCES_MODE: 'development',
        PORT: String(port),
        LICENCES_DATA_DIR: dataDir,
      });
      let projector: Started | undefined;
      try {
        await api.waitFor('WARNING', APP_START_MS);
        const logged = logLines(api.output());
        const banner = logged.map((line) => line.msg);
        // Nine banner lines (the read store's among them) and the warning: nothing of Nest's.
        expect(banner.length).toBeLessThanOrEqual(10);
        const text = banner.join('\n');
        expect(text).toContain(`Admin API    http://127.0.0.1:${port}/api`);
        expect(text).toContain(`API docs     http://127.0.0.1:${port}/api/docs`);
        expect(text).toContain(`Console      http://127.0.0.1:${port}/console/`);
        expect(text).toContain(`Event store  sqlite, ${join(dataDir, 'licences.sqlite')}`);
        expect(text).toContain(`Data folder  ${dataDir}`);
        expect(text).toContain('Projections  inline, in this process');
        expect(text).toContain('Tokens       npm run -s token -- --role <role> --sub <name>');
        expect(text).toContain('Identity     HS256 with the DEVELOPMENT secret');
        expect(
          logged
            .filter((line) => line.level === 'warn')
            .map((line) => line.msg)
            .join('\n'),
        ).toMatch(
          /WARNING: development mode \(LICENCES_MODE=development\), listening on loopback only: tokens signed with the DEVELOPMENT secret that stands in the source are accepted/,
        );
        expect(text).not.toMatch(/RouterExplorer|RoutesResolver|InstanceLoader|successfully started/);
        expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);

        // The API projects inline into this folder: a projector beside it is refused.
        const refused = runScript(PROJECTOR, { LICENCES_DATA_DIR: dataDir });
        expect(refused.status).toBe(1);
        expect(refused.stderr).toMatch(
          new RegExp(
            `^Refusing to start: the API \\(pid ${api.child.pid} on .+, since .+\\) already projects inline into ` +
              `${join(dataDir, 'read-models.sqlite').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; ` +
              'restart it with LICENCES_PROJECTIONS=external to run the projections here\n$',
          ),
        );

        // Killed outright, the API leaves its lease behind; its process is gone, so the lease is stale.
        await stopProcess(api.child, 'SIGKILL');
        expect(existsSync(join(dataDir, 'inline-projections.lease'))).toBe(true);
        projector = start(PROJECTOR, { LICENCES_DATA_DIR: dataDir });
        await projector.waitFor('LICENCES_PROJECTIONS=external', APP_START_MS);
        expect(projector.output()).toContain(`into ${join(dataDir, 'read-models.sqlite')}, from ${dataDir}`);
      } finally {
        await stopProcess(api.child, 'SIGKILL');
        if (projector) await stopProcess(projector.child, 'SIGKILL');
      }
    },
    timeoutAbove(APP_START_MS, SCRIPT_MS, STOP_MS, APP_START_MS, STOP_MS, STOP_MS),
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
        LICENCES_JWT_SECRET: 'a-secret-for-this-test-of-32-bytes-or-more',
        LOG_LEVEL: 'debug',
      });
      try {
        await api.waitFor('Tokens       npm run -s token', APP_START_MS);
        expect(existsSync(join(dataDir, 'inline-projections.lease'))).toBe(true);
        const debug = logLines(api.output()).filter((line) => line.level === 'debug');
        expect(debug.map((line) => line.msg).join('\n')).toMatch(/Mapped \{\/api\/licences, POST\} route/);
        expect(api.output()).not.toContain('WARNING');
      } finally {
        await stopProcess(api.child, 'SIGTERM');
      }
      expect(existsSync(join(dataDir, 'inline-projections.lease'))).toBe(false);
    },
    timeoutAbove(APP_START_MS, STOP_MS),
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
      timeoutAbove(SCRIPT_MS),
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
      timeoutAbove(SCRIPT_MS, SCRIPT_MS, SCRIPT_MS),
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
      timeoutAbove(SCRIPT_MS, SCRIPT_MS, SCRIPT_MS, SCRIPT_MS),
    );

    it(
      'any other setting it cannot use, as before',
      () => {
        expectRefusal(
          refusal({ LOG_LEVEL: 'loud', LICENCES_DATA_DIR: newDir() }),
          'Refusing to start: LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose, not loud',
        );
        expectRefusal(
          refusal({ NODE_ENV: 'production', LICENCES_MODE: '', LICENCES_DATA_DIR: newDir() }),
          'Refusing to start: no identity is configured: set LICENCES_JWKS_URL (or LICENCES_JWKS_FILE) with LICENCES_JWT_ISSUER ' +
            'and LICENCES_JWT_AUDIENCE, or LICENCES_JWT_SECRET (at least 32 bytes); only LICENCES_MODE=development accepts the development secret',
        );
      },
      timeoutAbove(SCRIPT_MS, SCRIPT_MS),
    );
  });
});
