import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '@licences/event-store';
import type { EventStore, NewEvent } from '@licences/event-store';

/** An event of the crash tests' writer processes. */
export function crashTestEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'CrashTestEventAppended',
    schemaVersion: 1,
    data: { payload: 'x'.repeat(200) },
    metadata: {
      occurredAt: new Date().toISOString(),
      actor: { sub: 'crash-writer', role: 'test' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

/**
 * Prints the stored form of `batch` ("ack <streamId> <eventId> <revision> <position>" per event),
 * to be called only once its append resolved. A pipe write is synchronous on Linux, so a printed
 * line is received even if the process is killed right after.
 */
export async function acknowledge(
  store: EventStore,
  streamId: string,
  batch: readonly NewEvent[],
  lastRevision: number,
): Promise<void> {
  // Only this batch: later events of the stream may be another writer's, acknowledged by it.
  const stored = await store.readStream(streamId, {
    fromRevision: lastRevision - batch.length + 1,
    maxCount: batch.length,
  });
  process.stdout.write(stored.map((e) => `ack ${streamId} ${e.id} ${e.revision} ${e.position}\n`).join(''));
}

/**
 * Appends one event to a stream other writers compete on, retrying lost races (so revision
 * conflicts happen, between processes or inside a group), and acknowledges it once stored.
 */
export async function appendToShared(store: EventStore, sharedStreamId: string): Promise<void> {
  const batch = [crashTestEvent()];
  for (;;) {
    const expected = (await store.streamRevision(sharedStreamId)) ?? 'no-stream';
    try {
      const { nextRevision } = await store.append(sharedStreamId, batch, expected);
      return acknowledge(store, sharedStreamId, batch, nextRevision);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
