import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXIT_WITH_PARENT, REPO_ROOT } from '../../test/support/child-processes';

/** What a CLI run to its end took: wall time, peak resident memory and what it printed. */
export interface CliRun {
  readonly wallMs: number;
  /** The process's maximum resident set size (getrusage, via /usr/bin/time), in MiB. */
  readonly peakRssMiB: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** When set, the process writes a `node --cpu-prof` profile into this folder. */
  readonly profileDir?: string;
  /** Fails the run unless the process exits with this code (default 0); undefined accepts any. */
  readonly expectExit?: number | undefined;
}

/** The node flags that make a process write its CPU profile into `dir` (none without a dir). */
export function profileFlags(dir: string | undefined): string[] {
  if (dir === undefined) return [];
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/**
 * Runs `node <args>` in the repository root to its end under /usr/bin/time, which reports the
 * peak RSS exactly (polling /proc would miss a short peak before the exit).
 */
export async function runNodeCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'licences-bench-time-'));
  const timeFile = join(scratch, 'rss');
  try {
    const started = performance.now();
    const child = spawn(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        '-o',
        timeFile,
        process.execPath,
        ...EXIT_WITH_PARENT,
        ...profileFlags(options.profileDir),
        ...args,
      ],
      { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr
      .setEncoding('utf8')
      .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-50_000)));
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code ?? -1));
    });
    const wallMs = performance.now() - started;
    const expected = 'expectExit' in options ? options.expectExit : 0;
    if (expected !== undefined && exitCode !== expected) {
      throw new Error(`node ${args.join(' ')} exited with ${exitCode}:\n${stderr.slice(-3000)}`);
    }
    const peakKiB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
    return { wallMs, peakRssMiB: peakKiB / 1024, exitCode, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** VmHWM (the peak resident set so far) of a running process, in MiB, from Linux's /proc. */
export function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

/** `node -r ./tools/register.cjs <script>`: how package.json's scripts run a TypeScript CLI. */
export function tsScript(script: string, ...args: string[]): string[] {
  return ['-r', './tools/register.cjs', script, ...args];
}

export { REPO_ROOT };
