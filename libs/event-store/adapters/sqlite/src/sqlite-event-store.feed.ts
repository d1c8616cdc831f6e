import type { Subscriber } from 'rxjs';
import type { RecordedEvent } from '@licences/event-store';

/** Reads up to `limit` events after the exclusive `position`, in global order. */
export type ReadAfter = (position: number, limit: number) => RecordedEvent[];

/**
 * One catch-up subscription. It never trusts a notification's content: every wake-up reads
 * the database after the last delivered position, so a missed or duplicated wake-up cannot
 * cause a gap or a repeat. SQLite has a single writer and positions are assigned under its
 * lock, so no event can later appear below a position already delivered.
 */
export class CatchUpFeed {
  private lastPosition: number;
  private pending: NodeJS.Immediate | undefined;
  private stopped = false;

  constructor(
    private readonly subscriber: Subscriber<RecordedEvent>,
    after: number,
    private readonly readAfter: ReadAfter,
    private readonly batchSize: number,
  ) {
    this.lastPosition = after;
  }

  /**
   * Schedules a read. Deferred to the event loop so that an append never delivers inside the
   * caller's stack, and so that a long catch-up yields between batches.
   */
  wake(): void {
    if (this.stopped || this.pending) return;
    this.pending = setImmediate(() => this.drain());
  }

  stop(): void {
    this.stopped = true;
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
  }

  complete(): void {
    this.stop();
    this.subscriber.complete();
  }

  private drain(): void {
    this.pending = undefined;
    if (this.stopped) return;
    let events: RecordedEvent[];
    try {
      events = this.readAfter(this.lastPosition, this.batchSize);
    } catch (error) {
      this.stop();
      this.subscriber.error(error);
      return;
    }
    for (const event of events) {
      if (this.stopped || this.subscriber.closed) return;
      this.lastPosition = event.position;
      this.subscriber.next(event);
    }
    if (events.length === this.batchSize) this.wake();
  }
}
