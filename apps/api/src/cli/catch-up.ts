import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { ProjectionRunner, ProjectionWaiter } from '@licences/licensing-read-models';
import { progressBar } from './progress-bar';

/** How long the CLIs give the projections to catch up with the event store before giving up. */
const CATCH_UP_TIMEOUT_MS = 120_000;
const POLL_MS = 50;

/**
 * Runs the projections in this process until every read model includes the event store's head
 * as it was when the command started, then stops them, so that a CLI's answer does not depend on
 * whether a projector or an API happened to be running. Shows how far they got on stderr.
 * Resolves with that head position.
 */
export async function catchUpReadModels(app: INestApplicationContext): Promise<number> {
  const head = await app.get<symbol, EventStore>(EVENT_STORE).headPosition();
  const waiter = app.get(ProjectionWaiter);
  const runner = app.get(ProjectionRunner);
  const bar = progressBar('projecting [{bar}] {percentage}% | {value}/{total} events');
  // An empty store is caught up at once: cli-progress shows a total of 0 as 100%.
  bar.start(head, Math.min(await waiter.reached(), head));
  await runner.start();
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  try {
    for (;;) {
      const done = await waiter.reached();
      bar.update(Math.min(done, head));
      if (done >= head) return head;
      if (Date.now() >= deadline) {
        throw new Error(`The read models did not reach position ${head} in time; try again`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    runner.stop();
    bar.stop();
  }
}
