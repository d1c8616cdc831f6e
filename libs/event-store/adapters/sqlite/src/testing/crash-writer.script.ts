// Child process for the crash test: appends until it is killed, printing one line per
// acknowledged event ("ack <streamId> <eventId> <revision> <position>") only once its append resolved.
// Usage: crash-writer.script.ts <database file> <shared stream id>
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../sqlite-event-store.adapter';
import { acknowledge, appendToShared, crashTestEvent as event } from './crash-writer.events';

const STREAMS = 3;

async function main(file: string, sharedStreamId: string): Promise<void> {
  const store = SqliteEventStore.open({ file });
  const streams = Array.from({ length: STREAMS }, (_, i) => `crash-${i}-${randomUUID()}`);
  const revisions = new Map<string, number>();
  for (let round = 0; ; round++) {
    const streamId = streams[round % STREAMS]!;
    const batch = Array.from({ length: 1 + (round % 3) }, event);
    const { nextRevision } = await store.append(streamId, batch, revisions.get(streamId) ?? 'no-stream');
    revisions.set(streamId, nextRevision);
    await acknowledge(store, streamId, batch, nextRevision);
    await appendToShared(store, sharedStreamId);
    // A pause between rounds, as between real requests, lets the other writers take the lock.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const [file, sharedStreamId] = process.argv.slice(2);
if (!file || !sharedStreamId) {
  process.stderr.write('usage: crash-writer.script.ts <database file> <shared stream id>\n');
  process.exit(2);
}
main(file, sharedStreamId).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
