import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { concatMap, defer, retry, Subject, throwError, timer } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import type { RecordedEvent } from '@licences/event-store';
import { PROJECTION_NAMES, ProjectionFencedOffError, READ_MODEL_STORE } from '../read-model-store.port';
import type { ProjectionName, ReadModelStore } from '../read-model-store.port';
import {
  DEFAULT_PROJECTION_LEASE_OPTIONS,
  PROJECTION_LEASE_OPTIONS,
  PROJECTION_LEASES,
} from './projection-lease.port';
import type { ProjectionLeaseOptions, ProjectionLeases } from './projection-lease.port';
import { ProjectionContender } from './projection-contender';
import { immediateBatches } from './immediate-batches.operator';

/**
 * Largest batch applied in one read-model transaction, unless the process provides
 * PROJECTION_BATCH_LIMIT. Each batch holds the event loop while it is written (better-sqlite3 is
 * synchronous), so a process that also answers HTTP keeps it small; a dedicated projector may take
 * more, which writes each case's rows fewer times and commits less often.
 */
export const DEFAULT_PROJECTION_BATCH_LIMIT = 1000;

/** The largest batch this process applies in one read-model transaction (a number of events). */
export const PROJECTION_BATCH_LIMIT = Symbol.for('licences.ProjectionBatchLimit');

/** `standby`: another projector holds the projection's lease; this process waits to take over. */
export type ProjectionState = 'stopped' | 'running' | 'failing' | 'standby';

/**
 * Keeps the live read models up to date from catch-up subscriptions, applied in batches of the
 * events waiting (no fixed delay). A failing batch is retried with a back-off; the store's
 * checkpoints make a retry safe.
 *
 * Without leases (one projector writes every projection it runs), the projections started
 * together share ONE subscription, from the lowest of their checkpoints: each batch is read and
 * parsed once and applied to all of them in one read-model transaction (`projectAll`), where each
 * projection still skips what its own checkpoint already covers, so one that is behind catches up
 * while the others skip.
 *
 * With PROJECTION_LEASES bound (several projectors on one shared read store), a projection runs
 * only while this process holds its lease, on a subscription of its own, and every batch carries
 * the lease's fence, so that a holder that lost its lease unawares cannot write after the next
 * holder started.
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
  private readonly batchLimit: number;
  /** Checkpoints of the projections running here without leases, as their last batch left them. */
  private readonly applied = new Map<ProjectionName, number>();
  private readonly progress = new Subject<void>();

  /** Emits after each batch this runner committed (and when projections start or stop here). */
  readonly progressed: Observable<void> = this.progress.asObservable();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(PROJECTION_LEASES) private readonly leases?: ProjectionLeases,
    @Optional() @Inject(PROJECTION_LEASE_OPTIONS) leaseOptions?: Partial<ProjectionLeaseOptions>,
    @Optional() @Inject(PROJECTION_BATCH_LIMIT) batchLimit?: number,
  ) {
    this.leaseOptions = { ...DEFAULT_PROJECTION_LEASE_OPTIONS, ...leaseOptions };
    if (batchLimit !== undefined && !(Number.isInteger(batchLimit) && batchLimit > 0)) {
      throw new RangeError(`A projection batch limit must be a whole number above 0, not ${batchLimit}`);
    }
    this.batchLimit = batchLimit ?? DEFAULT_PROJECTION_BATCH_LIMIT;
  }

  /**
   * Starts the projections. With leases, resolves once each has been tried once: it then either
   * runs here (`held`) or waits in `standby` for the holder to go.
   */
  async start(names: readonly ProjectionName[] = PROJECTION_NAMES): Promise<void> {
    const leases = this.leases;
    if (!leases) {
      const fresh = names.filter((name) => !this.subscriptions.has(name));
      const checkpoints = await Promise.all(fresh.map((name) => this.readModels.checkpoint(name)));
      if (fresh.length > 0) this.runTogether(fresh, Math.min(...checkpoints));
      fresh.forEach((name, i) => this.applied.set(name, checkpoints[i] ?? 0));
      this.progress.next();
      return;
    }
    const firstTries: Promise<void>[] = [];
    for (const name of names) {
      if (this.subscriptions.has(name) || this.contenders.has(name)) continue;
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

  /**
   * The position every projection has applied, as this runner knows without asking the store:
   * only when all of them run here without leases; undefined otherwise (then only the stored
   * checkpoints tell). `progressed` emits whenever it may have moved.
   */
  reachedHere(): number | undefined {
    let reached = Number.POSITIVE_INFINITY;
    for (const name of PROJECTION_NAMES) {
      const position = this.applied.get(name);
      if (position === undefined) return undefined;
      reached = Math.min(reached, position);
    }
    return reached;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.shutdown();
  }

  /** One subscription for `names`, each batch applied to all of them in one transaction. */
  private runTogether(names: readonly ProjectionName[], after: number): void {
    for (const name of names) this.states.set(name, 'running');
    const subscription = this.subscribe(
      after,
      (batch) => {
        const written = this.readModels.projectAll(names, batch).then((checkpoints) => {
          for (const [name, position] of checkpoints) {
            if (this.subscriptions.get(name) === subscription) this.applied.set(name, position);
          }
          this.progress.next();
        });
        for (const name of names) this.inFlight.set(name, written);
        return written.finally(() => {
          for (const name of names) if (this.inFlight.get(name) === written) this.inFlight.delete(name);
        });
      },
      () => {
        for (const name of names)
          if (this.subscriptions.get(name) === subscription) this.states.set(name, 'failing');
      },
    ).subscribe({
      next: () => {
        for (const name of names)
          if (this.subscriptions.get(name) === subscription) this.states.set(name, 'running');
      },
    });
    for (const name of names) this.subscriptions.set(name, subscription);
  }

  /**
   * The events after `after` in batches, each written by `write` before the next; a failed write
   * is retried with a back-off, unless the store fenced the writer off.
   */
  private subscribe(
    after: number,
    write: (batch: readonly RecordedEvent[]) => Promise<unknown>,
    onFailing: () => void = () => undefined,
    label = 'Projections',
  ): Observable<unknown> {
    return defer(() => this.events.subscribeToAll({ after })).pipe(
      immediateBatches(this.batchLimit),
      concatMap(write),
      retry({
        delay: (error: unknown, attempt) => {
          // A newer holder owns the projection: retrying would only be refused again.
          if (error instanceof ProjectionFencedOffError) return throwError(() => error);
          onFailing();
          this.logger.error(`${label} failed (attempt ${attempt}): ${String(error)}`);
          return timer(Math.min(30_000, 100 * 2 ** attempt));
        },
        resetOnSuccess: true,
      }),
    );
  }

  private run(
    name: ProjectionName,
    after: number,
    fence?: number,
    onFencedOff?: (error: unknown) => void,
  ): void {
    this.states.set(name, 'running');
    const subscription = this.subscribe(
      after,
      (batch) => {
        const written = this.readModels.project(name, batch, 'live', fence);
        this.inFlight.set(name, written);
        return written.finally(() => {
          if (this.inFlight.get(name) === written) this.inFlight.delete(name);
        });
      },
      () => this.states.set(name, 'failing'),
      `Projection ${name}`,
    ).subscribe({
      next: () => this.states.set(name, 'running'),
      error: (error: unknown) => onFencedOff?.(error),
    });
    this.subscriptions.set(name, subscription);
  }

  /**
   * Ends the projection's subscription; resolves when its batch in flight, if any, has settled.
   * Projections started together share theirs: halting one halts them all (only `stop` does so).
   */
  private async halt(name: ProjectionName): Promise<void> {
    this.subscriptions.get(name)?.unsubscribe();
    this.subscriptions.delete(name);
    this.applied.delete(name);
    this.progress.next();
    this.states.set(name, this.contenders.has(name) ? 'standby' : 'stopped');
    await this.inFlight.get(name)?.catch(() => undefined);
  }
}
