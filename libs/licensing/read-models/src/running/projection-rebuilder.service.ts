import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore, RecordedEvent, StreamCursor } from '@licences/event-store';
import { READ_MODEL_STORE, RebuildRunningError, STREAM_LOCAL_PROJECTIONS } from '../read-model-store.port';
import type { ProjectionName, ReadModelStore } from '../read-model-store.port';
import { RebuildProgressTracker } from './rebuild-progress.tracker';
import type { RebuildProgress } from './rebuild-progress.tracker';

export type { RebuildProgress } from './rebuild-progress.tracker';

/** Events read, and applied in one transaction, per page of a rebuild: memory stays flat whatever the history. */
const READ_BATCH = 5000;

/**
 * Events read, and applied in one transaction per projection, per page of the stream-by-stream
 * pass. Fewer than READ_BATCH: a page of the pass is one synchronous stretch of an embedded store,
 * and pages of 5,000 held the event loop for 0.6–2.0 s each at 100k licences.
 */
const STREAM_PASS_PAGE = 1000;

/**
 * Lets timers and I/O run between pages. An embedded store reads and writes synchronously behind
 * its promises, so a rebuild that only awaited them would run from its first page to its last as
 * one turn of the event loop: for a minute and more at 100k licences no probe, metric, progress
 * bar or (in the API) request would be answered, and a liveness probe would have the process
 * killed mid-build.
 */
export function eventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Below this many stored events, `buildEmpty` leaves an empty read model to the runner's catch-up
 * in global order: seconds either way, and a catch-up keeps each batch if the process stops,
 * where a build stopped half-way starts over.
 */
export const INITIAL_BUILD_MIN_EVENTS = 10_000;

/** Injection token of a process's own INITIAL_BUILD_MIN_EVENTS. */
export const INITIAL_BUILD_MIN_EVENTS_SETTING = Symbol.for('licences.InitialBuildMinEvents');

/**
 * Rebuilds a projection from the first event into fresh tables; the live tables are replaced
 * only when the rebuild has caught up, so queries never see a half-built model.
 */
@Injectable()
export class ProjectionRebuilder {
  private readonly progress = new Map<ProjectionName, RebuildProgress>();

  private readonly initialBuildMinEvents: number;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    /** Overrides INITIAL_BUILD_MIN_EVENTS (tests build small histories). */
    @Optional() @Inject(INITIAL_BUILD_MIN_EVENTS_SETTING) initialBuildMinEvents?: number,
  ) {
    this.initialBuildMinEvents = initialBuildMinEvents ?? INITIAL_BUILD_MIN_EVENTS;
  }

  /** The latest rebuild of each projection started by this process. */
  latest(name: ProjectionName): RebuildProgress | undefined {
    return this.progress.get(name);
  }

  isRunning(name: ProjectionName): boolean {
    return this.progress.get(name)?.state === 'rebuilding';
  }

  /**
   * Builds each of `names` (of the STREAM_LOCAL_PROJECTIONS) whose live tables hold nothing yet
   * (checkpoint 0) as a rebuild does, all of them from one stream-ordered read of the history into
   * fresh tables, each swapped in once complete: each case is written once rather than once per
   * batch that touches it. Only where the event store reads by stream and holds at least
   * INITIAL_BUILD_MIN_EVENTS; for a process that writes these projections alone, before its runner
   * starts. Resolves with the projections built.
   */
  async buildEmpty(
    names: readonly ProjectionName[],
    onStart?: (name: ProjectionName, targetPosition: number) => void,
  ): Promise<ProjectionName[]> {
    if (!this.events.readAllByStream) return [];
    const local = names.filter((name) => STREAM_LOCAL_PROJECTIONS.has(name));
    const head = await this.events.headPosition();
    if (head < this.initialBuildMinEvents) return [];
    const empty: ProjectionName[] = [];
    for (const name of local) if ((await this.readModels.checkpoint(name)) === 0) empty.push(name);
    if (empty.length === 0) return [];
    const announced = new Set<ProjectionName>();
    const { finished } = await this.beginAll(empty, (progress) => {
      if (announced.has(progress.projection) || progress.targetPosition === 0) return;
      announced.add(progress.projection);
      onStart?.(progress.projection, progress.targetPosition);
    });
    await finished;
    return empty;
  }

  /** Rebuilds `name` and resolves with the completed progress (rejects as `begin` and the rebuild do). */
  async rebuild(
    name: ProjectionName,
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<RebuildProgress> {
    const { finished } = await this.begin(name, onProgress);
    return await finished;
  }

  /**
   * Starts a rebuild of `name`: resolves once its fresh tables exist, with `finished`, which settles
   * when the rebuild completes or fails.
   * @throws RebuildRunningError when this or another process rebuilds `name` already (nothing changed).
   */
  async begin(
    name: ProjectionName,
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<{ finished: Promise<RebuildProgress> }> {
    const { finished } = await this.beginAll([name], onProgress);
    return { finished: finished.then(([done]) => done!) };
  }

  /**
   * `begin` for several projections at once, up to one target: the ones read stream by stream
   * share each page read; each is swapped in once its own catch-up to the target is done.
   */
  private async beginAll(
    names: readonly ProjectionName[],
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<{ finished: Promise<RebuildProgress[]> }> {
    const running = names.find((name) => this.isRunning(name));
    if (running) throw new RebuildRunningError(running);
    const started = Date.now();
    // Registered before the first await, so that a second request sees these rebuilds running.
    const runs = names.map((name) => {
      const byStream = STREAM_LOCAL_PROJECTIONS.has(name) && this.events.readAllByStream !== undefined;
      const run = new RebuildProgressTracker(name, byStream ? 'by-stream' : 'global', started, (progress) => {
        this.progress.set(name, progress);
        onProgress?.(progress);
      });
      this.progress.set(name, run.progress);
      return run;
    });
    const begun: RebuildProgressTracker[] = [];
    try {
      const targetPosition = await this.events.headPosition();
      for (const run of runs) {
        run.target(targetPosition);
        await this.readModels.startRebuild(run.progress.projection);
        begun.push(run);
      }
    } catch (error) {
      // Those not begun have nothing to abort; another process's rebuild tables stay untouched.
      await this.abort(begun, error);
      runs.filter((run) => !begun.includes(run)).forEach((run) => run.fail(error));
      throw error;
    }
    const finished = (async () => {
      try {
        await this.passByStream(runs.filter((run) => run.progress.readOrder === 'by-stream'));
        for (const run of runs) {
          const { projection } = run.progress;
          // In global order, or after the pass: nothing is left to read below the target then.
          while (run.progress.position < run.progress.targetPosition) {
            const batch = await this.events.readAll({ after: run.progress.position, maxCount: READ_BATCH });
            if (batch.length === 0) break;
            run.advance(batch.length, await this.readModels.project(projection, batch, 'rebuild'));
            await eventLoopTurn();
          }
          run.complete(
            await this.readModels.completeRebuild(projection, (after, upTo) => this.readRange(after, upTo)),
          );
        }
      } catch (error) {
        await this.abort(
          runs.filter((run) => run.progress.state === 'rebuilding'),
          error,
        );
        throw error;
      }
      return runs.map((run) => run.progress);
    })();
    return { finished };
  }

  /** Reads the events up to the target once, stream by stream, and applies each page to every run. */
  private async passByStream(runs: readonly RebuildProgressTracker[]): Promise<void> {
    const [first] = runs;
    if (first === undefined || !this.events.readAllByStream) return;
    const upTo = first.progress.targetPosition;
    let after: StreamCursor | undefined;
    for (;;) {
      const page = await this.events.readAllByStream({ upTo, after, maxCount: STREAM_PASS_PAGE });
      const last = page.at(-1);
      const passOver = page.length < STREAM_PASS_PAGE;
      for (const run of runs) {
        await this.readModels.projectStreams(run.progress.projection, page, passOver ? upTo : undefined);
        run.advance(page.length, passOver ? upTo : 0);
        await eventLoopTurn();
      }
      if (passOver || last === undefined) return;
      after = { streamId: last.streamId, revision: last.revision };
    }
  }

  /** Drops the rebuild tables of `runs` and marks them failed with `error`. */
  private async abort(runs: readonly RebuildProgressTracker[], error: unknown): Promise<void> {
    for (const run of runs) {
      await this.readModels.abortRebuild(run.progress.projection).catch(() => undefined);
      run.fail(error);
    }
  }

  private async readRange(after: number, upTo: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    let position = after;
    while (position < upTo) {
      const batch = await this.events.readAll({ after: position, maxCount: READ_BATCH });
      const inRange = batch.filter((e) => e.position <= upTo);
      out.push(...inRange);
      if (inRange.length < batch.length || batch.length === 0) break;
      position = batch[batch.length - 1]!.position;
    }
    return out;
  }
}
