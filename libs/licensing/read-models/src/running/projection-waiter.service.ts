import { Inject, Injectable } from '@nestjs/common';
import { PROJECTION_NAMES, READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import { ProjectionRunner } from './projection-runner.service';

/** How often the stored checkpoints are read while the projections run in another process. */
const POLL_MS = 5;
/**
 * While they run here, the runner reports each batch and the store is read only this seldom, as a
 * safety net: the checkpoints are the truth, the runner's report only the fast way to learn them.
 */
const SAFETY_POLL_MS = 100;

/**
 * Lets a caller wait until every projection has applied a given global position, so that a
 * client that just wrote reads its own write. When every projection runs in this process's
 * runner, the wait ends on the runner's report of the batch that reached the position; otherwise
 * (a separate projector) it polls the stored checkpoints.
 */
@Injectable()
export class ProjectionWaiter {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** The position every projection has applied: the lowest stored checkpoint. */
  async reached(): Promise<number> {
    const checkpoints = await Promise.all(PROJECTION_NAMES.map((name) => this.readModels.checkpoint(name)));
    return Math.min(...checkpoints);
  }

  /** True once every projection reached `position`; false if `timeoutMs` passed first. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let askStore = this.runner.reachedHere() === undefined;
    for (;;) {
      const here = this.runner.reachedHere();
      if ((here ?? -1) >= position) return true;
      if (askStore && (await this.reached()) >= position) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      if (await this.reportedHere(position, Math.min(left, here === undefined ? POLL_MS : SAFETY_POLL_MS))) {
        return true;
      }
      askStore = true;
    }
  }

  /** Resolves true as soon as the runner here reports `position` applied, false after `ms`. */
  private reportedHere(position: number, ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timeout = setTimeout(() => {
        subscription.unsubscribe();
        resolve(false);
      }, ms);
      const subscription = this.runner.progressed.subscribe(() => {
        if ((this.runner.reachedHere() ?? -1) < position) return;
        clearTimeout(timeout);
        subscription.unsubscribe();
        resolve(true);
      });
    });
  }
}
