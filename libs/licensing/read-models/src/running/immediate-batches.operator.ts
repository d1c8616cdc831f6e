import { Observable } from 'rxjs';
import type { OperatorFunction } from 'rxjs';

/**
 * Groups the values that arrive together into arrays of at most `max`: a group is sent when it is
 * full, or in the next turn of the event loop (setImmediate) after its first value. Unlike a time
 * window, values already waiting are never held back for a fixed delay, and a burst (a catch-up
 * page, delivered at once) still makes a few large groups. Whatever is gathered when the source
 * completes is sent before completing.
 */
export function immediateBatches<T>(max: number): OperatorFunction<T, T[]> {
  return (source) =>
    new Observable<T[]>((subscriber) => {
      let batch: T[] = [];
      let scheduled: NodeJS.Immediate | undefined;
      const flush = () => {
        if (scheduled !== undefined) clearImmediate(scheduled);
        scheduled = undefined;
        if (batch.length === 0) return;
        const full = batch;
        batch = [];
        subscriber.next(full);
      };
      const subscription = source.subscribe({
        next: (value) => {
          batch.push(value);
          if (batch.length >= max) flush();
          else scheduled ??= setImmediate(flush);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        if (scheduled !== undefined) clearImmediate(scheduled);
        subscription.unsubscribe();
      };
    });
}
