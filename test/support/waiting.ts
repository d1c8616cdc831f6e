/** Room for the in-process work between a test's bounded waits (HTTP calls, files, assertions). */
const MARGIN_MS = 30_000;

/**
 * A Jest timeout above the sum of the bounded waits a test (or hook) makes, so that a slow step
 * fails with its own message, and the test's `finally` and `afterEach` still run after it.
 */
export function timeoutAbove(...waitsMs: number[]): number {
  return waitsMs.reduce((sum, ms) => sum + ms, MARGIN_MS);
}

/**
 * Polls `condition` every `pollMs` until it holds, or throws after `timeoutMs` naming `what`:
 * a test waits for the state itself, never for a time that usually suffices.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
  pollMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolveDelay) => setTimeout(resolveDelay, pollMs));
  }
}
