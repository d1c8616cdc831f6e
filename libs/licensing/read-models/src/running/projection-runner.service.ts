import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { bufferTime, concatMap, defer, filter, retry, timer } from 'rxjs';
import type { Subscription } from 'rxjs';
import { PROJECTION_NAMES, READ_MODEL_STORE } from '../read-model-store.port';
import type { ProjectionName, ReadModelStore } from '../read-model-store.port';

/** Largest batch applied in one read-model transaction. */
const MAX_BATCH = 500;
/** How long the runner gathers live events before writing them together. */
const BATCH_WINDOW_MS = 5;

export type ProjectionState = 'stopped' | 'running' | 'failing';

/**
 * Keeps the live read models up to date: one catch-up subscription per projection, from its
 * stored checkpoint, applied in batches. A failing batch is retried with a back-off; the store's
 * checkpoint makes a retry safe.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly subscriptions = new Map<ProjectionName, Subscription>();
  private readonly states = new Map<ProjectionName, ProjectionState>();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async start(names: readonly ProjectionName[] = PROJECTION_NAMES): Promise<void> {
    for (const name of names) {
      if (this.subscriptions.has(name)) continue;
      const after = await this.readModels.checkpoint(name);
      this.states.set(name, 'running');
      const subscription = defer(() => this.events.subscribeToAll({ after }))
        .pipe(
          bufferTime(BATCH_WINDOW_MS, null, MAX_BATCH),
          filter((batch) => batch.length > 0),
          concatMap((batch) => this.readModels.project(name, batch)),
          retry({
            delay: (error: unknown, attempt) => {
              this.states.set(name, 'failing');
              this.logger.error(`Projection ${name} failed (attempt ${attempt}): ${String(error)}`);
              return timer(Math.min(30_000, 100 * 2 ** attempt));
            },
            resetOnSuccess: true,
          }),
        )
        .subscribe({ next: () => this.states.set(name, 'running') });
      this.subscriptions.set(name, subscription);
    }
  }

  stop(): void {
    for (const [name, subscription] of this.subscriptions) {
      subscription.unsubscribe();
      this.states.set(name, 'stopped');
    }
    this.subscriptions.clear();
  }

  state(name: ProjectionName): ProjectionState {
    return this.states.get(name) ?? 'stopped';
  }

  onApplicationShutdown(): void {
    this.stop();
  }
}
