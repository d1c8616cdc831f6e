import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../test/support/app-process';
import { APP_START_MS, startNodeScript, stopProcess } from '../../test/support/child-processes';
import { waitUntil } from '../../test/support/waiting';

/** A server the benchmark started, its address, and what it printed (for errors). */
export interface BenchProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** From spawning the process to the first 200 on the ready path. */
  readonly readyAfterMs: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` with PORT set to a free loopback port and waits (at most `startTimeoutMs`,
 * APP_START_MS unless given) until `readyPath` answers 200; stops the process before throwing if
 * it never does.
 */
export async function startServerProcess(
  args: string[],
  env: Record<string, string>,
  readyPath = '/health',
  startTimeoutMs = APP_START_MS,
): Promise<BenchProcess> {
  const port = await freePort();
  const spawned = performance.now();
  const child = startNodeScript(args, { HOST: '127.0.0.1', PORT: String(port), ...env });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${args.join(' ')} exited with ${child.exitCode}: ${output}`);
        try {
          return (await fetch(`${baseUrl}${readyPath}`)).ok;
        } catch {
          return false; // not listening yet
        }
      },
      `${args[args.length - 1] ?? 'the server'} answers ${readyPath}`,
      startTimeoutMs,
      100,
    );
  } catch (error) {
    await stopProcess(child, 'SIGKILL');
    throw error;
  }
  const readyAfterMs = performance.now() - spawned;
  return { child, baseUrl, readyAfterMs, output: () => output, stop: () => stopProcess(child) };
}
