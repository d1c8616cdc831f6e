import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The writer scripts beside this file, each printing `ack` lines as `crash-writer.events.ts` does. */
export const CRASH_WRITER_SCRIPTS = {
  /** Several such processes compete on one file: `<file> <shared stream id>`. */
  processes: resolve(__dirname, 'crash-writer.script.ts'),
  /** Many appenders in one process, group-committed together: `<file> <concurrency>`. */
  concurrent: resolve(__dirname, 'concurrent-crash-writer.script.ts'),
} as const;

const ACK = /^ack (\S+) (\S+) (\d+) (\d+)$/;

export interface Acknowledged {
  readonly streamId: string;
  readonly eventId: string;
  readonly revision: number;
  readonly position: number;
}

/** A crash writer child process and the appends it acknowledged on stdout. */
export class CrashWriterProcess {
  readonly acknowledged: Acknowledged[] = [];
  /** Resolves once the process exited and its output was fully read. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = '';
  private exited = false;
  private readonly child: ChildProcess;
  /** Checked on every acknowledged line and on exit: the waits are driven by the child's output. */
  private readonly waiters = new Set<() => void>();

  /**
   * `repoRoot` is where `tools/register.cjs` lives; the script runs from there, preloading
   * `tools/exit-with-parent.cjs` so that it never outlives the test process.
   */
  constructor(repoRoot: string, script: string, args: readonly string[]) {
    const preloads = ['-r', './tools/register.cjs', '-r', './tools/exit-with-parent.cjs'];
    this.child = spawn(process.execPath, [...preloads, script, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    // A line cut by the kill is dropped by the pattern: it only makes the check weaker, never wrong.
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const match = ACK.exec(line);
      if (match) {
        this.acknowledged.push({
          streamId: match[1]!,
          eventId: match[2]!,
          revision: Number(match[3]),
          position: Number(match[4]),
        });
        this.notify();
      }
    });
    this.closed = new Promise((resolveClosed) => {
      this.child.on('close', (code, signal) => {
        this.exited = true;
        this.notify();
        resolveClosed({ code, signal });
      });
    });
  }

  /** Resolves once `count` events are acknowledged; rejects if the process exits first or after `timeoutMs`. */
  waitForAcknowledged(count: number, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolveWait, rejectWait) => {
      const check = () => {
        if (this.acknowledged.length >= count) finish();
        else if (this.exited) finish(new Error(`The crash writer exited early: ${this.stderr}`));
      };
      const timer = setTimeout(
        () =>
          finish(
            new Error(
              `The crash writer acknowledged ${this.acknowledged.length} of ${count}: ${this.stderr}`,
            ),
          ),
        timeoutMs,
      );
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) rejectWait(error);
        else resolveWait();
      };
      this.waiters.add(check);
      check();
    });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
