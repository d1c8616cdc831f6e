import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { ProjectionRebuilder, ProjectionRunner, ProjectionWaiter } from '@licences/licensing-read-models';
import type { ProjectionName } from '@licences/licensing-read-models';
import { buildEmptyReadModels } from './build-empty';
import { waitWhileProgressing } from './catch-up-watch';
import { progressBar } from './progress-bar';

/**
 * How long the projections may make no progress at all before the CLIs give up. Not a limit on
 * the whole catch-up, which grows with history (a fresh 100k import needs minutes).
 */
const STALL_MS = 30_000;
const POLL_MS = 50;
const BUILD_POLL_MS = 250;

export interface CatchUpOptions {
  /**
   * Build empty read models stream by stream first (see buildEmptyReadModels): for SQLite read
   * models. With PostgreSQL the projectors' leases decide who writes; a CLI catches up only.
   */
  readonly buildEmpty: boolean;
}

/** The build of the empty read models, with a bar of its own: their checkpoints stay 0 meanwhile. */
async function buildWithProgress(rebuilder: ProjectionRebuilder): Promise<void> {
  const building = new Set<ProjectionName>();
  const bar = progressBar('building [{bar}] {percentage}% | {names}');
  const update = () => {
    const done = [...building].map((name) => rebuilder.latest(name)?.fractionDone ?? 0);
    bar.update(Math.floor(1000 * Math.min(...done)), { names: [...building].join(', ') });
  };
  const ticker = setInterval(update, BUILD_POLL_MS);
  try {
    await buildEmptyReadModels(rebuilder, {
      started: (name) => {
        if (building.size === 0) bar.start(1000, 0, { names: name });
        building.add(name);
      },
      yielded: (error) =>
        process.stderr.write(`${error.message} in another process: catching up in global order instead\n`),
    });
  } finally {
    clearInterval(ticker);
    if (building.size > 0) {
      update();
      bar.stop();
    }
  }
}

/**
 * Runs the projections in this process until every read model includes the event store's head
 * as it was when the command started, then stops them, so that a CLI's answer does not depend on
 * whether a projector or an API happened to be running. Shows how far they got on stderr.
 * Resolves with that head position.
 * @throws CatchUpStalledError when the projections make no progress for STALL_MS.
 */
export async function catchUpReadModels(
  app: INestApplicationContext,
  { buildEmpty }: CatchUpOptions,
): Promise<number> {
  const head = await app.get<symbol, EventStore>(EVENT_STORE).headPosition();
  const waiter = app.get(ProjectionWaiter);
  const runner = app.get(ProjectionRunner);
  if (buildEmpty) await buildWithProgress(app.get(ProjectionRebuilder));
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
