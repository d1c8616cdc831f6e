import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore, RecordedEvent, StreamCursor } from '@licences/event-store';
import { READ_MODEL_STORE, RebuildRunningError, STREAM_LOCAL_PROJECTIONS } from '../read-model-store.port';
import type { ProjectionName, ReadModelStore } from '../read-model-store.port';

/** Events read, and applied in one transaction, per page of a rebuild: memory stays flat whatever the history. */
const READ_BATCH = 5000;

/**
 * Below this many stored events, `buildEmpty` leaves an empty read model to the runner's catch-up
 * in global order: seconds either way, and a catch-up keeps each batch if the process stops,
 * where a build stopped half-way starts over.
 */
export const INITIAL_BUILD_MIN_EVENTS = 10_000;

/** Injection token of a process's own INITIAL_BUILD_MIN_EVENTS. */
export const INITIAL_BUILD_MIN_EVENTS_SETTING = Symbol.for('licences.InitialBuildMinEvents');

export interface RebuildProgress {
  readonly projection: ProjectionName;
  readonly state: 'rebuilding' | 'completed' | 'failed';
  /**
   * How the events up to the target are read: stream by stream where the event store can
   * (`readAllByStream`), each case then written once; otherwise in global order.
   */
  readonly readOrder: 'by-stream' | 'global';
  readonly eventsDone: number;
  /** Global position the rebuild reads up to before it swaps (the head when it started). */
  readonly targetPosition: number;
  /** The rebuild's checkpoint: 0 during a stream-ordered pass, the target once the pass is over. */
  readonly position: number;
  /**
   * Share of the work done, 0 to 1. In global order, the position's share of the target; in
   * stream order, the events' share, an estimate that is exact where positions number the events
   * one by one (SQLite).
   */
  readonly fractionDone: number;
  readonly eventsPerSecond: number;
  /** Estimated seconds left, from the rate so far; null until there is a rate. */
  readonly secondsLeft: number | null;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly error?: string;
}

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
   * (checkpoint 0), one after another, as a rebuild does: stream by stream into fresh tables,
   * swapped in once complete, so that each case is written once rather than once per batch that
   * touches it. Only where the event store reads
   * by stream and holds at least INITIAL_BUILD_MIN_EVENTS; for a process that writes these
   * projections alone, before its runner starts. Resolves with the projections built.
   */
  async buildEmpty(
    names: readonly ProjectionName[],
    onStart?: (name: ProjectionName, targetPosition: number) => void,
  ): Promise<ProjectionName[]> {
    if (!this.events.readAllByStream) return [];
    const local = names.filter((name) => STREAM_LOCAL_PROJECTIONS.has(name));
    const head = await this.events.headPosition();
    if (head < this.initialBuildMinEvents) return [];
    const built: ProjectionName[] = [];
    for (const name of local) {
      if ((await this.readModels.checkpoint(name)) !== 0) continue;
      let announced = false;
      await this.rebuild(name, (progress) => {
        if (announced || progress.targetPosition === 0) return;
        announced = true;
        onStart?.(name, progress.targetPosition);
      });
      built.push(name);
    }
    return built;
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
    if (this.isRunning(name)) throw new RebuildRunningError(name);
    const started = Date.now();
    const readByStream = STREAM_LOCAL_PROJECTIONS.has(name)
      ? this.events.readAllByStream?.bind(this.events)
      : undefined;
    // Registered before the first await, so that a second request sees this rebuild running.
    let report: RebuildProgress = {
      projection: name,
      state: 'rebuilding',
      readOrder: readByStream ? 'by-stream' : 'global',
      eventsDone: 0,
      targetPosition: 0,
      position: 0,
      fractionDone: 0,
      eventsPerSecond: 0,
      secondsLeft: null,
      startedAt: new Date(started).toISOString(),
    };
    this.progress.set(name, report);
    const publish = (next: RebuildProgress) => {
      report = next;
      this.progress.set(name, next);
      onProgress?.(next);
    };
    const fail = (error: unknown) =>
      publish({ ...report, state: 'failed', error: String(error), finishedAt: new Date().toISOString() });
    try {
      const targetPosition = await this.events.headPosition();
      publish({ ...report, targetPosition });
      await this.readModels.startRebuild(name);
    } catch (error) {
      // Nothing of this rebuild exists to abort; another process's rebuild tables stay untouched.
      fail(error);
      throw error;
    }
    /** Progress after `count` more events, the rebuild's checkpoint now at `position`. */
    const advance = (count: number, position: number) => {
      const { targetPosition } = report;
      const eventsDone = report.eventsDone + count;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const eventsPerSecond = Math.round(eventsDone / seconds);
      const done =
        report.readOrder === 'by-stream' && position < targetPosition
          ? Math.min(eventsDone, targetPosition)
          : Math.min(position, targetPosition);
      const left = Math.max(0, targetPosition - done);
      publish({
        ...report,
        eventsDone,
        position,
        fractionDone: targetPosition > 0 ? done / targetPosition : 1,
        eventsPerSecond,
        secondsLeft: eventsPerSecond ? left / eventsPerSecond : null,
      });
    };
    const finished = (async () => {
      try {
        if (readByStream) {
          // Stream by stream up to the target; the global-order loop below then has nothing left.
          let after: StreamCursor | undefined;
          for (;;) {
            const page = await readByStream({ upTo: report.targetPosition, after, maxCount: READ_BATCH });
            const last = page.at(-1);
            const passOver = page.length < READ_BATCH;
            await this.readModels.projectStreams(name, page, passOver ? report.targetPosition : undefined);
            advance(page.length, passOver ? report.targetPosition : 0);
            if (passOver || last === undefined) break;
            after = { streamId: last.streamId, revision: last.revision };
          }
        }
        while (report.position < report.targetPosition) {
          const batch = await this.events.readAll({ after: report.position, maxCount: READ_BATCH });
          if (batch.length === 0) break;
          advance(batch.length, await this.readModels.project(name, batch, 'rebuild'));
        }
        const position = await this.readModels.completeRebuild(name, (after, upTo) =>
          this.readRange(after, upTo),
        );
        publish({
          ...report,
          state: 'completed',
          position,
          fractionDone: 1,
          secondsLeft: 0,
          finishedAt: new Date().toISOString(),
        });
      } catch (error) {
        await this.readModels.abortRebuild(name).catch(() => undefined);
        fail(error);
        throw error;
      }
      return report;
    })();
    return { finished };
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
