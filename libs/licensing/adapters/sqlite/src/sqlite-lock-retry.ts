/** Pauses between attempts while the file is locked: short at first, so a brief lock costs little. */
const BACKOFF_MS = [1, 2, 5, 10, 20, 40, 80, 100] as const;

/**
 * SQLITE_BUSY or SQLITE_LOCKED (and their extended codes): another connection holds the lock.
 * Told by its code, not by `instanceof`: the native addon keeps the error class of the first copy
 * of better-sqlite3 loaded in the process, which a test runner's fresh module registry is not.
 */
export function isLockError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/**
 * Runs a synchronous statement of a connection opened with busy_timeout 0, so that SQLite never
 * waits for a lock inside it, and tries again after short asynchronous pauses while another
 * connection holds the lock: the event loop keeps serving in between. Gives up after `budgetMs`.
 * @throws the lock error once the budget is spent, any other error at once.
 */
export async function retryWhileLocked<T>(operation: () => T, budgetMs: number): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return operation();
    } catch (error) {
      const pause = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] as number;
      if (!isLockError(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
