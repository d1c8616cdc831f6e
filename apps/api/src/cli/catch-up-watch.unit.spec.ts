import { CatchUpStalledError, waitWhileProgressing } from './catch-up-watch';
import type { ProgressWatch } from './catch-up-watch';

/** A watch over scripted positions, on a clock that moves only when the wait pauses. */
function scripted(positions: readonly number[], pauseMs: number): ProgressWatch & { shown: number[] } {
  let at = 0;
  let clock = 0;
  const shown: number[] = [];
  return {
    shown,
    reached: () => Promise.resolve(positions[Math.min(at++, positions.length - 1)]!),
    now: () => clock,
    pause: () => {
      clock += pauseMs;
      return Promise.resolve();
    },
    onProgress: (reached) => shown.push(reached),
  };
}

describe('waitWhileProgressing', () => {
  it('waits as long as the position keeps moving, however long that takes in all', async () => {
    // 1,000 looks of 1 s each: far past the 30 s stall limit in all, but never 30 s without progress.
    const positions = Array.from({ length: 1000 }, (_, i) => i + 1);
    const watch = scripted(positions, 1000);
    await expect(waitWhileProgressing(1000, 30_000, watch)).resolves.toBe(1000);
    expect(watch.shown.at(-1)).toBe(1000);
  });

  it('fails once the position has not moved for the stall limit, naming where it stopped', async () => {
    const watch = scripted([5, 10, 10], 1000);
    const waiting = waitWhileProgressing(20, 30_000, watch);
    await expect(waiting).rejects.toThrow(CatchUpStalledError);
    await expect(waitWhileProgressing(20, 30_000, scripted([5, 10, 10], 1000))).rejects.toThrow(
      'The read models stopped at position 10 of 20: no progress for 30 s',
    );
    // The failure never follows a position at the target: the bar never showed 100%.
    expect(watch.shown.every((p) => p < 20)).toBe(true);
  });

  it('answers at once when the target is reached already', async () => {
    const watch = scripted([7], 1000);
    await expect(waitWhileProgressing(7, 30_000, watch)).resolves.toBe(7);
    expect(watch.shown).toEqual([7]);
  });
});
