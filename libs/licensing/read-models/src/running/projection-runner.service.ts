import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { bufferTime, concatMap, defer, filter, retry, throwError, timer } from 'rxjs';
import type { Subscription } from 'rxjs';
import { PROJECTION_NAMES, ProjectionFencedOffError, READ_MODEL_STORE } from '../read-model-store.port';
import type { ProjectionName, ReadModelStore } from '../read-model-store.port';
import {
  DEFAULT_PROJECTION_LEASE_OPTIONS,
  PROJECTION_LEASE_OPTIONS,
  PROJECTION_LEASES,
} from './projection-lease.port';
import type { ProjectionLeaseOptions, ProjectionLeases } from './projection-lease.port';
import { ProjectionContender } from './projection-contender';

/** Largest batch applied in one read-model transaction. */
const MAX_BATCH = 500;
/** How long the runner gathers live events before writing them together. */
const BATCH_WINDOW_MS = 5;

/** `standby`: another projector holds the projection's lease; this process waits to take over. */
export type ProjectionState = 'stopped' | 'running' | 'failing' | 'standby';

/**
 * Keeps the live read models up to date: one catch-up subscription per projection, from its
 * stored checkpoint, applied in batches. A failing batch is retried with a back-off; the store's
 * checkpoint makes a retry safe.
 *
 * With PROJECTION_LEASES bound (several projectors on one shared read store), a projection runs
 * only while this process holds its lease, and every batch carries the lease's fence, so that a
 * holder that lost its lease unawares cannot write after the next holder started.
 */
@Injectable()
export class ProjectionRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly subscriptions = new Map<ProjectionName, Subscription>();
  private readonly states = new Map<ProjectionName, ProjectionState>();
  /** The batch each projection is writing right now, so that a stop can wait for its commit. */
  private readonly inFlight = new Map<ProjectionName, Promise<unknown>>();
  private readonly contenders = new Map<ProjectionName, ProjectionContender>();
  /** Contenders told to stop whose leases may not be released yet. */
  private readonly ending: ProjectionContender[] = [];
  private readonly leaseOptions: ProjectionLeaseOptions;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(PROJECTION_LEASES) private readonly leases?: ProjectionLeases,
    @Optional() @Inject(PROJECTION_LEASE_OPTIONS) leaseOptions?: Partial<ProjectionLeaseOptions>,
  ) {
    this.leaseOptions = { ...DEFAULT_PROJECTION_LEASE_OPTIONS, ...leaseOptions };
  }

  /**
   * Starts the projections. With leases, resolves once each has been tried once: it then either
   * runs here (`held`) or waits in `standby` for the holder to go.
   */
  async start(names: readonly ProjectionName[] = PROJECTION_NAMES): Promise<void> {
    const firstTries: Promise<void>[] = [];
    for (const name of names) {
      if (this.subscriptions.has(name) || this.contenders.has(name)) continue;
      const leases = this.leases;
      if (!leases) {
        this.run(name, await this.readModels.checkpoint(name));
        continue;
      }
      const contender = new ProjectionContender(name, leases, this.leaseOptions.retryMs, this.logger, {
        claim: (fence) => this.readModels.claimFence(name, fence),
        start: async (fence, onFencedOff) =>
          this.run(name, await this.readModels.checkpoint(name), fence, onFencedOff),
        stop: () => this.halt(name),
        standby: () => this.states.set(name, 'standby'),
      });
      this.contenders.set(name, contender);
      this.states.set(name, 'standby');
      firstTries.push(contender.begin());
    }
    await Promise.all(firstTries);
  }

  /** Stops every projection at once; batches in flight still commit. `shutdown()` also waits for them. */
  stop(): void {
    for (const contender of this.contenders.values()) {
      contender.end();
      this.ending.push(contender);
    }
    this.contenders.clear();
    for (const name of [...this.subscriptions.keys()]) void this.halt(name);
  }

  /** Stops, lets the batches in flight commit (each with its checkpoint), then releases the leases. */
  async shutdown(): Promise<void> {
    this.stop();
    await Promise.all([...this.inFlight.values()].map((batch) => batch.catch(() => undefined)));
    const ending = this.ending.splice(0);
    await Promise.all(ending.map((contender) => contender.ended()));
  }

  state(name: ProjectionName): ProjectionState {
    return this.states.get(name) ?? 'stopped';
  }

  /** Whether this process holds the projection's lease, and with which fence; undefined without leases. */
  held(name: ProjectionName): { readonly fence: number } | undefined {
    const fence = this.contenders.get(name)?.fence();
    return fence === undefined ? undefined : { fence };
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.shutdown();
  }

  private run(
    name: ProjectionName,
    after: number,
    fence?: number,
    onFencedOff?: (error: unknown) => void,
  ): void {
    this.states.set(name, 'running');
    const subscription = defer(() => this.events.subscribeToAll({ after }))
      .pipe(
        bufferTime(BATCH_WINDOW_MS, null, MAX_BATCH),
        filter((batch) => batch.length > 0),
        concatMap((batch) => {
          const written = this.readModels.project(name, batch, 'live', fence);
          this.inFlight.set(name, written);
          return written.finally(() => {
            if (this.inFlight.get(name) === written) this.inFlight.delete(name);
          });
        }),
        retry({
          delay: (error: unknown, attempt) => {
            // A newer holder owns the projection: retrying would only be refused again.
            if (error instanceof ProjectionFencedOffError) return throwError(() => error);
            this.states.set(name, 'failing');
            this.logger.error(`Projection ${name} failed (attempt ${attempt}): ${String(error)}`);
            return timer(Math.min(30_000, 100 * 2 ** attempt));
          },
          resetOnSuccess: true,
        }),
      )
      .subscribe({
        next: () => this.states.set(name, 'running'),
        error: (error: unknown) => onFencedOff?.(error),
      });
    this.subscriptions.set(name, subscription);
  }

  /** Ends the projection's subscription; resolves when its batch in flight, if any, has settled. */
  private async halt(name: ProjectionName): Promise<void> {
    this.subscriptions.get(name)?.unsubscribe();
    this.subscriptions.delete(name);
    this.states.set(name, this.contenders.has(name) ? 'standby' : 'stopped');
    await this.inFlight.get(name)?.catch(() => undefined);
  }
}
