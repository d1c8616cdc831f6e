import { performance } from 'node:perf_hooks';

/** One `/health` answer: when it was asked (ms since the poller started), how long it took, its status (0: none). */
export interface HealthSample {
  readonly at: number;
  readonly ms: number;
  readonly status: number;
}

/**
 * Asks `/health` again as soon as the last answer came (after `pauseMs`), so that any stretch in
 * which the server does not answer shows up as one long sample. `stop` ends the polling and
 * answers every sample.
 */
export function pollHealth(baseUrl: string, pauseMs = 10): { stop(): Promise<HealthSample[]> } {
  const samples: HealthSample[] = [];
  const start = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const asked = performance.now();
      let status = 0;
      try {
        const response = await fetch(`${baseUrl}/health`);
        await response.arrayBuffer();
        status = response.status;
      } catch {
        // No answer at all (the server is gone): a failed sample, for the caller to see.
      }
      samples.push({ at: asked - start, ms: performance.now() - asked, status });
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** The q-quantile (0..1) of the latencies, nearest rank. */
export function quantile(samples: readonly HealthSample[], q: number): number {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}
