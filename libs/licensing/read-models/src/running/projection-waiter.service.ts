import { Inject, Injectable } from '@nestjs/common';
import { PROJECTION_NAMES, READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';

const POLL_MS = 5;

/**
 * Lets a caller wait until every projection has applied a given global position, so that a
 * client that just wrote reads its own write. Polls the stored checkpoints, which works whether
 * the projections run in this process or in a separate projector.
 */
@Injectable()
export class ProjectionWaiter {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  /** The position every projection has applied: the lowest checkpoint. */
  async reached(): Promise<number> {
    const checkpoints = await Promise.all(PROJECTION_NAMES.map((name) => this.readModels.checkpoint(name)));
    return Math.min(...checkpoints);
  }

  /** True once every projection reached `position`; false if `timeoutMs` passed first. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.reached()) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
