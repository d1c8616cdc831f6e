import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const SCRIPT = resolve(__dirname, 'crash-writer.script.ts');
const ACK = /^ack (\S+) (\S+) (\d+) (\d+)$/;

export interface Acknowledged {
  readonly streamId: string;
  readonly eventId: string;
  readonly revision: number;
  readonly position: number;
}

/** A `crash-writer.script.ts` child process and the appends it acknowledged on stdout. */
export class CrashWriterProcess {
  readonly acknowledged: Acknowledged[] = [];
  /** Resolves once the process exited and its output was fully read. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = '';
  private exited = false;
  private readonly child: ChildProcess;

  /**
   * `repoRoot` is where `tools/register.cjs` lives; the script runs from there, preloading
   * `tools/exit-with-parent.cjs` so that it never outlives the test process.
   */
  constructor(repoRoot: string, file: string, sharedStreamId: string) {
    const preloads = ['-r', './tools/register.cjs', '-r', './tools/exit-with-parent.cjs'];
    this.child = spawn(process.execPath, [...preloads, SCRIPT, file, sharedStreamId], {
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
      }
    });
    this.closed = new Promise((resolveClosed) => {
      this.child.on('close', (code, signal) => {
        this.exited = true;
        resolveClosed({ code, signal });
      });
    });
  }

  async waitForAcknowledged(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.acknowledged.length < count) {
      if (this.exited) throw new Error(`The crash writer exited early: ${this.stderr}`);
      if (Date.now() > deadline) {
        throw new Error(
          `The crash writer acknowledged ${this.acknowledged.length} of ${count}: ${this.stderr}`,
        );
      }
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 10));
    }
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
