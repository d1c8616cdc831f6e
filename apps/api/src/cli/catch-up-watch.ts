/** What waiting for a position needs: where the work stands, the time, and a pause between looks. */
export interface ProgressWatch {
  /** The position reached so far; never expected to go back. */
  readonly reached: () => Promise<number>;
  readonly now: () => number;
  readonly pause: () => Promise<void>;
  /** Told every position read, so that a bar can follow it. */
  readonly onProgress: (reached: number) => void;
}

/** Raised when the work stopped moving: not a deadline, which a large history would outrun. */
export class CatchUpStalledError extends Error {
  constructor(target: number, reached: number, stalledMs: number) {
    super(
      `The read models stopped at position ${reached} of ${target}: no progress for ${Math.round(stalledMs / 1000)} s. ` +
        'Look for a projection error in the log (or a projector holding the read-model store), then try again',
    );
  }
}

/**
 * Waits until `reached` is at `target` for as long as it keeps moving: a history twice as long
 * takes twice as long, and only `stallMs` without any progress fails. Resolves with the position.
 * @throws CatchUpStalledError after `stallMs` without progress.
 */
export async function waitWhileProgressing(
  target: number,
  stallMs: number,
  watch: ProgressWatch,
): Promise<number> {
  let best = -Infinity;
  let movedAt = watch.now();
  for (;;) {
    const reached = await watch.reached();
    watch.onProgress(reached);
    if (reached >= target) return reached;
    const now = watch.now();
    if (reached > best) {
      best = reached;
      movedAt = now;
    } else if (now - movedAt >= stallMs) {
      throw new CatchUpStalledError(target, reached, now - movedAt);
    }
    await watch.pause();
  }
}
