import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { resolve } from 'node:path';

/*
 * Processes that tests start, and the bounds they wait with. The bounds are for a busy two-core
 * machine with both cores taken by other work: several times what the step takes there, so that
 * only a hang reaches them. A test's Jest timeout is set above the sum of the bounds it waits on
 * (`timeoutAbove` in waiting.ts), so that a slow step fails with its own message and the test's
 * `finally` and `afterEach` still stop what it started.
 */

export const REPO_ROOT = resolve(__dirname, '../..');

/** A CLI run from start to exit (about 1 s on an idle machine). */
export const SCRIPT_MS = 60_000;
/** The API process from spawn to a healthy `/health` (about 2 s idle). */
export const APP_START_MS = 60_000;
/** SIGTERM (or another signal) to exit, then the same again after SIGKILL. */
export const STOP_MS = 20_000;
/** Preloaded into every test child, so that it never outlives the test process. */
export const EXIT_WITH_PARENT = ['-r', './tools/exit-with-parent.cjs'];

const running = new Set<ChildProcess>();

/**
 * Starts `node <args>` in the repository root (args as in package.json's scripts); the child ends
 * by itself if this test process dies, and is tracked until it exits, so that `stopAllProcesses`
 * can end whatever a failed test left behind.
 */
export function startNodeScript(
  args: string[],
  env: Record<string, string> = {},
  stdio: StdioOptions = ['ignore', 'pipe', 'pipe'],
): ChildProcess {
  const child = spawn(process.execPath, [...EXIT_WITH_PARENT, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/**
 * Sends `signal` and waits for the exit; after `STOP_MS / 2` without one, SIGKILLs and waits again.
 * Throws only if the process outlives SIGKILL too.
 */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (await signalAndWait(child, signal, STOP_MS / 2)) return;
  if (await signalAndWait(child, 'SIGKILL', STOP_MS / 2)) return;
  throw new Error(`Process ${child.pid} did not exit after ${signal} and SIGKILL`);
}

/** Stops every tracked child still running; for `afterEach`/`afterAll`, whatever the test did. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child, 'SIGKILL')));
}

function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolveExit(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolveExit(true);
    };
    child.once('exit', onExit);
    child.kill(signal);
  });
}
