import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { ProjectionRunner, ProjectionWaiter } from '@licences/licensing-read-models';
import { waitWhileProgressing } from './catch-up-watch';
import { progressBar } from './progress-bar';

/**
 * How long the projections may make no progress at all before the CLIs give up. Not a limit on
 * the whole catch-up, which grows with history (a fresh 100k import needs minutes).
 */
const STALL_MS = 30_000;
const POLL_MS = 50;

/**
 * Runs the projections in this process until every read model includes the event store's head
 * as it was when the command started, then stops them, so that a CLI's answer does not depend on
 * whether a projector or an API happened to be running. Shows how far they got on stderr.
 * Resolves with that head position.
 * @throws CatchUpStalledError when the projections make no progress for STALL_MS.
 */
export async function catchUpReadModels(app: INestApplicationContext): Promise<number> {
  const head = await app.get<symbol, EventStore>(EVENT_STORE).headPosition();
  const waiter = app.get(ProjectionWaiter);
  const runner = app.get(ProjectionRunner);
  const bar = progressBar('projecting [{bar}] {percentage}% | {value}/{total} events');
  // An empty store is caught up at once: cli-progress shows a total of 0 as 100%.
  bar.start(head, Math.min(await waiter.reached(), head));
  await runner.start();
  try {
    await waitWhileProgressing(head, STALL_MS, {
      reached: () => waiter.reached(),
      now: () => Date.now(),
      pause: () => new Promise((resolve) => setTimeout(resolve, POLL_MS)),
      onProgress: (done) => bar.update(Math.min(done, head)),
    });
    return head;
  } finally {
    runner.stop();
    bar.stop();
  }
}
