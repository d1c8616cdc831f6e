import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RecordedEvent } from '@licences/event-store';
import { verifyIntegrity } from '@licences/licensing-application';
import { SqliteEventStore } from './sqlite-event-store.adapter';
import { CRASH_WRITER_SCRIPTS, CrashWriterProcess } from './testing/crash-writer.process';

const REPO_ROOT = resolve(__dirname, '../../../../..');
const APPENDERS = 16;
/** Enough acknowledged events that many groups committed, some with several appends. */
const ACKNOWLEDGED_BEFORE_KILL = 400;
/** From spawn to 400 acknowledged events (a few seconds on an idle machine). */
const WRITER_MS = 90_000;
/** The killed writer's exit and the checks after it, with room to spare. */
const REST_MS = 30_000;

describe('SqliteEventStore killed under group-commit load', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'event-store-crash-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    `keeps every event acknowledged to ${APPENDERS} concurrent appenders when the process is killed with SIGKILL`,
    async () => {
      const file = join(dir, 'events.sqlite');
      const writer = new CrashWriterProcess(REPO_ROOT, CRASH_WRITER_SCRIPTS.concurrent, [
        file,
        String(APPENDERS),
      ]);
      try {
        await writer.waitForAcknowledged(ACKNOWLEDGED_BEFORE_KILL, WRITER_MS);
      } finally {
        writer.kill();
        await writer.closed;
      }
      expect((await writer.closed).signal).toBe('SIGKILL');

      const store = SqliteEventStore.open({ file });
      try {
        const all = await store.readAll();
        const byId = new Map(all.map((event) => [event.id, event]));
        expect(byId.size).toBe(all.length);
        expect(writer.acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
        for (const ack of writer.acknowledged) {
          expect({ id: ack.eventId, stored: byId.get(ack.eventId) }).toMatchObject({
            id: ack.eventId,
            stored: { streamId: ack.streamId, revision: ack.revision, position: ack.position },
          });
        }
        // Strictly increasing (the port's promise); no append fails after inserting, and a
        // savepoint rolled back hands its positions out again, so there are no gaps either.
        expect(all.map((event) => event.position)).toEqual(all.map((_, i) => i + 1));
        const streams = new Map<string, RecordedEvent[]>();
        for (const event of all) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
        for (const events of streams.values()) {
          expect(events.map((event) => event.revision)).toEqual(events.map((_, i) => i));
        }
        expect(await verifyIntegrity(store)).toMatchObject({
          intact: true,
          eventsChecked: all.length,
        });
      } finally {
        await store.close();
      }
    },
    WRITER_MS + REST_MS,
  );
});
