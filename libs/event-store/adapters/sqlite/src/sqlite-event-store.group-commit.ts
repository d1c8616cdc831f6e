import type { AppendResult } from '@licences/event-store';
import type { AppendOutcome, GroupedAppend } from './sqlite-event-store.writer';

/** An append waiting for its group's commit, with the promise to settle once it is known. */
interface QueuedAppend extends GroupedAppend {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Writes a group in one transaction; throws when the transaction as a whole failed. */
export type WriteGroup = (appends: readonly GroupedAppend[]) => AppendOutcome[];

/**
 * Group commit: appends made in the same turn of the event loop (concurrent requests handled
 * together, or queued while the previous group was being written) are written in ONE durable
 * transaction, so that they share its fsync. The group is written from a `setImmediate`, that is
 * once the current turn's callbacks and their promise continuations have run.
 *
 * Every promise settles only after its group's commit returned: an append is acknowledged only
 * once durable, and when the commit fails every append of the group is rejected (none of it is
 * stored). Appends keep their arrival order inside and across groups.
 */
export class GroupCommit {
  private queue: QueuedAppend[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly writeGroup: WriteGroup,
    /** Called once per committed group that stored at least one event (wakes the feeds). */
    private readonly onCommitted: () => void,
    /** Bounds a group (memory, the write lock's hold, latency); an append is never split. */
    private readonly maxEventsPerGroup: number,
  ) {}

  /**
   * Queues the append that `prepare` checks and serialises, synchronously, so that arrival order is
   * call order; a throw of `prepare` rejects this append alone.
   */
  enqueue(prepare: () => GroupedAppend): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...prepare(), resolve, reject });
      this.scheduled ??= setImmediate(() => this.writeNextGroup());
    });
  }

  /** Writes everything queued now, group by group (used by `close`, so that nothing is dropped). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.queue.length > 0) this.commit(this.takeGroup());
  }

  /** One group per turn, so that a long queue lets the answers of the previous one go out. */
  private writeNextGroup(): void {
    this.scheduled = undefined;
    if (this.queue.length === 0) return;
    this.commit(this.takeGroup());
    if (this.queue.length > 0) this.scheduled = setImmediate(() => this.writeNextGroup());
  }

  private takeGroup(): QueuedAppend[] {
    let events = 0;
    let count = 0;
    for (const append of this.queue) {
      if (count > 0 && events + append.events.length > this.maxEventsPerGroup) break;
      events += append.events.length;
      count += 1;
    }
    const group = this.queue.slice(0, count);
    this.queue = this.queue.slice(count);
    return group;
  }

  private commit(group: readonly QueuedAppend[]): void {
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.writeGroup(group);
    } catch (error) {
      for (const append of group) append.reject(error);
      return;
    }
    let appended = 0;
    group.forEach((append, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) {
        appended += outcome.appended;
        append.resolve(outcome.result);
      } else {
        append.reject(outcome.error);
      }
    });
    if (appended > 0) this.onCommitted();
  }
}
