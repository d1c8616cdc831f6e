import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  APP_START_MS,
  EXIT_WITH_PARENT,
  REPO_ROOT,
  SCRIPT_MS,
  startNodeScript,
  stopProcess,
} from './child-processes';
import { waitUntil } from './waiting';

export { REPO_ROOT } from './child-processes';
/** Signal, wait for the exit, SIGKILL if it does not come: `stopProcess` under its older name. */
export { stopProcess as kill } from './child-processes';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/**
 * What `npm start` sets (development mode), with rate limits no test's polling and walkthroughs
 * reach: a test that means to hit a limit, or to run in production mode, says so in its `env`.
 */
export const DEVELOPMENT_PROCESS_ENV: Readonly<Record<string, string>> = {
  LICENCES_MODE: 'development',
  LICENCES_RATE_LIMIT_PER_PRINCIPAL: '1000000',
  LICENCES_RATE_LIMIT_PER_ADDRESS: '1000000',
};

/** The API's own main script, as `npm start` runs it (start-up checks, owner-only umask). */
export const API_MAIN = ['-r', './tools/register.cjs', 'apps/api/src/main.ts'] as const;

export interface AppProcessOptions {
  /** TypeScript modules loaded before main.ts (after the loader that compiles them), e.g. a fault seam. */
  readonly preload?: readonly string[];
  /** The route that answers once the app is up: `/health` by default. */
  readonly readyPath?: string;
}

/**
 * Starts the admin API the way `npm start` does, as its own process, on loopback, and waits (at
 * most APP_START_MS) until its ready route answers. On failure the process is stopped before throwing.
 */
export async function startAppProcess(
  env: Record<string, string>,
  { preload = [], readyPath = '/health' }: AppProcessOptions = {},
): Promise<{ child: ChildProcess; baseUrl: string; output(): string }> {
  const port = await freePort();
  const [registerFlag, register, main] = API_MAIN;
  const child = startNodeScript([registerFlag, register, ...preload, main], {
    ...DEVELOPMENT_PROCESS_ENV,
    HOST: '127.0.0.1',
    PORT: String(port),
    ...env,
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}: ${output}`);
        try {
          return (await fetch(`${baseUrl}${readyPath}`)).ok;
        } catch {
          return false; // not listening yet
        }
      },
      `the app answers ${readyPath}`,
      APP_START_MS,
      100,
    );
  } catch (error) {
    await stopProcess(child, 'SIGKILL');
    throw error;
  }
  return { child, baseUrl, output: () => output };
}

/**
 * Runs one of the package's npm scripts to completion (at most SCRIPT_MS, then SIGKILL). It
 * blocks this process, so the script cannot talk to a server running in it: see runScriptAsync.
 */
export function runScript(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [...EXIT_WITH_PARENT, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: SCRIPT_MS,
    killSignal: 'SIGKILL',
  });
}

/** A bearer token printed by `npm run token`, as an operator would get one (one SCRIPT_MS wait). */
export function cliToken(role: string, sub: string): string {
  const result = runScript([
    '-r',
    './tools/register.cjs',
    'apps/api/src/cli/token.cli.ts',
    '--role',
    role,
    '--sub',
    sub,
  ]);
  if (result.status !== 0) throw new Error(`npm run token failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * Like runScript (at most `timeoutMs`, then SIGKILL), without blocking this process: needed when
 * the script talks to a server that runs inside the test process (the EventStoreDB stand-in).
 */
export function runScriptAsync(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = SCRIPT_MS,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = startNodeScript(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
