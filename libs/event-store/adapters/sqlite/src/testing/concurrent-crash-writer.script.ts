// Child process for the kill -9 test under load: CONCURRENCY appenders share one store in this
// process, so their appends are group-committed together, and each prints one line per event
// ("ack <streamId> <eventId> <revision> <position>") only once its append resolved. A quarter of
// them compete on one stream, so groups also hold appends that fail on their expected revision.
// Usage: concurrent-crash-writer.script.ts <database file> <concurrency>
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@licences/event-store';
import { SqliteEventStore } from '../sqlite-event-store.adapter';
import { acknowledge, appendToShared, crashTestEvent } from './crash-writer.events';

/** Appends batches of one to three events to a stream of its own, forever. */
async function ownStream(store: EventStore): Promise<never> {
  const streamId = `crash-own-${randomUUID()}`;
  let expected: number | 'no-stream' = 'no-stream';
  for (let round = 0; ; round++) {
    const batch = Array.from({ length: 1 + (round % 3) }, crashTestEvent);
    const { nextRevision } = await store.append(streamId, batch, expected);
    expected = nextRevision;
    await acknowledge(store, streamId, batch, nextRevision);
  }
}

/** Appends one event at a time to the stream shared with other appenders, forever. */
async function sharedStream(store: EventStore, streamId: string): Promise<never> {
  for (;;) await appendToShared(store, streamId);
}

async function main(file: string, concurrency: number): Promise<void> {
  const store = SqliteEventStore.open({ file });
  const shared = `crash-shared-${randomUUID()}`;
  await Promise.all(
    Array.from({ length: concurrency }, (_, i) =>
      i % 4 === 0 ? sharedStream(store, shared) : ownStream(store),
    ),
  );
}

const [file, concurrency] = process.argv.slice(2);
if (!file || !(Number(concurrency) > 0)) {
  process.stderr.write('usage: concurrent-crash-writer.script.ts <database file> <concurrency>\n');
  process.exit(2);
}
main(file, Number(concurrency)).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
