import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long import passes run in the API process: without turns given back to the event loop, a
 * 50 MiB file would hold every other request (and `/health`) until it is done. `maybeYield`
 * costs a clock read; it yields once `sliceMs` of work has passed since the last turn.
 */
export class EventLoopTurns {
  private last = performance.now();

  constructor(private readonly sliceMs = 10) {}

  async maybeYield(): Promise<void> {
    if (performance.now() - this.last < this.sliceMs) return;
    await nextTurn();
    this.last = performance.now();
  }
}
