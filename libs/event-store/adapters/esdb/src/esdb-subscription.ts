import type { AllStreamSubscription, Position } from '@eventstore/db-client';
import type { RecordedEvent } from '@licences/event-store';
import { Observable } from 'rxjs';
import { isHiddenEvent, toOurPosition, toRecordedEvent } from './esdb-event.mapper';

/**
 * A catch-up subscription to `$all` that survives dropped connections: after an error it
 * subscribes again from the last event it delivered, and it never delivers an event twice.
 */
export function subscribeToAllWithResume(
  open: (after: number, onCheckpoint: (position: Position) => void) => AllStreamSubscription,
  after: number,
  resubscribeDelayMs: number,
): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    let last = after;
    let current: AllStreamSubscription | undefined;
    let timer: NodeJS.Timeout | undefined;
    let closed = false;

    const start = () => {
      if (closed) return;
      // The server's checkpoints say how far its filter has scanned past system events: resuming
      // from there saves scanning them again. One position back, so no event of ours is ever lost.
      const subscription = open(last, (position) => {
        last = Math.max(last, toOurPosition(position.commit) - 1);
      });
      current = subscription;
      subscription.on('data', (resolved) => {
        if (isHiddenEvent(resolved)) return;
        const event = toRecordedEvent(resolved);
        if (event.position <= last) return;
        last = event.position;
        subscriber.next(event);
      });
      // A catch-up subscription never ends by itself: an error or an end means the connection
      // was lost, so subscribe again from the last event delivered.
      const resume = () => {
        if (closed || current !== subscription) return;
        current = undefined;
        void subscription.unsubscribe().catch(() => undefined);
        timer = setTimeout(start, resubscribeDelayMs);
      };
      subscription.on('error', resume);
      subscription.on('end', resume);
    };

    start();
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      void current?.unsubscribe().catch(() => undefined);
    };
  });
}
