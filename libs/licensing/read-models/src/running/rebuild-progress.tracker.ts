import type { ProjectionName } from '../read-model-store.port';

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

/** The progress of one projection's rebuild as it moves, handed to `publish` at every step after the first. */
export class RebuildProgressTracker {
  private current: RebuildProgress;

  constructor(
    projection: ProjectionName,
    readOrder: RebuildProgress['readOrder'],
    private readonly startedMs: number,
    private readonly publish: (progress: RebuildProgress) => void,
  ) {
    this.current = {
      projection,
      state: 'rebuilding',
      readOrder,
      eventsDone: 0,
      targetPosition: 0,
      position: 0,
      fractionDone: 0,
      eventsPerSecond: 0,
      secondsLeft: null,
      startedAt: new Date(startedMs).toISOString(),
    };
  }

  get progress(): RebuildProgress {
    return this.current;
  }

  target(targetPosition: number): void {
    this.set({ ...this.current, targetPosition });
  }

  /** After `count` more events, the rebuild's checkpoint now at `position`. */
  advance(count: number, position: number): void {
    const { targetPosition, readOrder } = this.current;
    const eventsDone = this.current.eventsDone + count;
    const seconds = Math.max((Date.now() - this.startedMs) / 1000, 0.001);
    const eventsPerSecond = Math.round(eventsDone / seconds);
    const done =
      readOrder === 'by-stream' && position < targetPosition
        ? Math.min(eventsDone, targetPosition)
        : Math.min(position, targetPosition);
    const left = Math.max(0, targetPosition - done);
    this.set({
      ...this.current,
      eventsDone,
      position,
      fractionDone: targetPosition > 0 ? done / targetPosition : 1,
      eventsPerSecond,
      secondsLeft: eventsPerSecond ? left / eventsPerSecond : null,
    });
  }

  complete(position: number): void {
    this.set({
      ...this.current,
      state: 'completed',
      position,
      fractionDone: 1,
      secondsLeft: 0,
      finishedAt: new Date().toISOString(),
    });
  }

  fail(error: unknown): void {
    this.set({
      ...this.current,
      state: 'failed',
      error: String(error),
      finishedAt: new Date().toISOString(),
    });
  }

  private set(next: RebuildProgress): void {
    this.current = next;
    this.publish(next);
  }
}
