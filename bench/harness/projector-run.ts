import { performance } from 'node:perf_hooks';
import { freePort } from '../../test/support/app-process';
import { startNodeScript, stopProcess } from '../../test/support/child-processes';
import { peakRssOf, profileFlags, tsScript } from './node-cli';

/** A projector's catch-up from wherever its read store stands to the event store's head. */
export interface CatchUp {
  /** From spawning `npm run projector` to every projection's lag reading 0 (start-up included). */
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly projections: number;
}

const POLL_MS = 100;

/** Each projection's lag from a Prometheus scrape: `licences_projection_lag_events{projection="x"} n`. */
function lagsOf(scrape: string): Map<string, number> {
  const lags = new Map<string, number>();
  for (const match of scrape.matchAll(/^licences_projection_lag_events\{projection="([^"]+)"\} (\d+)/gm)) {
    lags.set(match[1] as string, Number(match[2]));
  }
  return lags;
}

/**
 * Starts the projector CLI (apps/api/src/cli/projector.cli.ts, as `npm run projector`) on a data
 * folder, polls its metrics until no projection lags behind the event store's head, then stops it.
 * `deadlineMs` bounds a projector that never catches up.
 */
export async function projectorCatchUp(
  env: Readonly<Record<string, string>>,
  deadlineMs: number,
  profileDir?: string,
): Promise<CatchUp> {
  const port = await freePort();
  const started = performance.now();
  const child = startNodeScript(
    [...profileFlags(profileDir), ...tsScript('apps/api/src/cli/projector.cli.ts')],
    { HOST: '127.0.0.1', LICENCES_METRICS_PORT: String(port), ...env },
  );
  let output = '';
  const keep = (chunk: string) => (output = (output + chunk).slice(-10_000));
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the projector exited with ${child.exitCode}: ${output}`);
      if (performance.now() - started > deadlineMs) {
        throw new Error(
          `the projector did not catch up within ${deadlineMs / 1000} s: ${output.slice(-2000)}`,
        );
      }
      let lags = new Map<string, number>();
      try {
        const response = await fetch(`http://127.0.0.1:${port}/metrics`);
        if (response.ok) lags = lagsOf(await response.text());
      } catch {
        // Not listening yet.
      }
      if (lags.size > 0 && [...lags.values()].every((lag) => lag === 0)) {
        const wallMs = performance.now() - started;
        return { wallMs, peakRssMiB: peakRssOf(child.pid as number), projections: lags.size };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    // SIGTERM lets it store its checkpoints and write its CPU profile on the way out.
    await stopProcess(child);
  }
}
