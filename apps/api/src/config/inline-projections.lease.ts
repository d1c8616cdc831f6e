import { readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * An API that runs the projections inline says so in a file beside the read models, so that
 * `npm run projector` started on the same data folder can refuse instead of running a second set
 * of projections nobody asked for. The file is touched while the API runs; a file whose process
 * is gone, or that nobody touched for a while, is stale and ignored.
 */
export const INLINE_PROJECTIONS_LEASE = 'inline-projections.lease';
const HEARTBEAT_MS = 10_000;
const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

export interface InlineProjectionsHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

/**
 * Claims the lease for this process. Returns the release, which also runs when the process exits
 * normally; call it on shutdown too, since Nest ends the process by re-raising SIGTERM, which
 * skips exit handlers. A lease left behind by a killed process is stale once its pid is gone.
 */
export function holdInlineProjectionsLease(dataDir: string, now: () => Date = () => new Date()): () => void {
  const file = join(dataDir, INLINE_PROJECTIONS_LEASE);
  const holder: InlineProjectionsHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: now().toISOString(),
  };
  writeFileSync(file, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  const heartbeat = setInterval(() => {
    try {
      utimesSync(file, now(), now());
    } catch {
      // Removed behind our back: the next projector will not see it, which is all it costs.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    process.removeListener('exit', release);
    try {
      if (readHolder(file)?.pid === process.pid) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', release);
  return release;
}

function readHolder(file: string): InlineProjectionsHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<InlineProjectionsHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt) };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The API that projects inline into `dataDir` right now, if any. */
export function inlineProjectionsHolder(
  dataDir: string,
  now: () => Date = () => new Date(),
): InlineProjectionsHolder | undefined {
  const file = join(dataDir, INLINE_PROJECTIONS_LEASE);
  const holder = readHolder(file);
  if (!holder) return undefined;
  let touched: number;
  try {
    touched = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  if (now().getTime() - touched > STALE_AFTER_MS) return undefined;
  if (holder.host === hostname() && !isRunning(holder.pid)) return undefined;
  return holder;
}
