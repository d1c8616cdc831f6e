import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { EventIdConflictError } from '@licences/event-store';
import type { RecordedEvent } from '@licences/event-store';
import {
  EventRecorder,
  delay,
  idsOf,
  newEvent,
  newEvents,
  newStreamId,
  rejectionOf,
  runEventStoreConformance,
} from '@licences/event-store-conformance';
import type { EventStoreHarness } from '@licences/event-store-conformance';
import { SqliteEventStore } from './sqlite-event-store.adapter';
import { openEventStoreDatabase } from './sqlite-event-store.connection';
import { LATEST_SCHEMA_VERSION } from './sqlite-event-store.schema';
import { CRASH_WRITER_SCRIPTS, CrashWriterProcess } from './testing/crash-writer.process';

const REPO_ROOT = resolve(__dirname, '../../../../..');
/** Short, so that cross-process tests stay fast; the default is for production. */
const TEST_POLL_INTERVAL_MS = 20;
/** Two writer processes from spawn to 60 acknowledged appends each (about 2 s on an idle machine). */
const CRASH_WRITERS_MS = 60_000;
/** A SIGKILLed writer's exit and the checks after it, with room to spare. */
const CRASH_TEST_REST_MS = 30_000;

async function tempDatabaseFile(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'event-store-sqlite-'));
  return { file: join(dir, 'events.sqlite'), remove: () => rm(dir, { recursive: true, force: true }) };
}

runEventStoreConformance(
  'sqlite',
  async (): Promise<EventStoreHarness> => {
    const { file, remove } = await tempDatabaseFile();
    const open = (): SqliteEventStore =>
      SqliteEventStore.open({ file, pollIntervalMs: TEST_POLL_INTERVAL_MS });
    let store = open();
    return {
      get store() {
        return store;
      },
      async reopen() {
        await store.close();
        store = open();
        return store;
      },
      async dispose() {
        await store.close();
        await remove();
      },
    };
  },
  { readAllByStream: true },
);

describe('SqliteEventStore specifics', () => {
  let file: string;
  let remove: () => Promise<void>;
  /** Run after each test, newest first, so nothing a test opened outlives it. */
  const cleanups: (() => unknown)[] = [];

  function openStore(options: { clock?: () => Date; pollIntervalMs?: number } = {}): SqliteEventStore {
    const store = SqliteEventStore.open({ file, pollIntervalMs: TEST_POLL_INTERVAL_MS, ...options });
    cleanups.push(() => store.close());
    return store;
  }
  function openReader(): Database.Database {
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    cleanups.push(() => reader.close());
    return reader;
  }
  function record(store: SqliteEventStore): EventRecorder {
    const recorder = new EventRecorder(store.subscribeToAll());
    cleanups.push(() => recorder.stop());
    return recorder;
  }
  function startCrashWriter(sharedStreamId: string): CrashWriterProcess {
    const writer = new CrashWriterProcess(REPO_ROOT, CRASH_WRITER_SCRIPTS.processes, [file, sharedStreamId]);
    cleanups.push(() => {
      writer.kill();
      return writer.closed;
    });
    return writer;
  }

  // Ids are checked inside the write transaction, so another connection to the file (another
  // process) is held to the ids the first one committed.
  it('refuses through another connection an id stored in another stream, storing nothing of the batch', async () => {
    const writer = openStore();
    const other = openStore();
    const first = newStreamId();
    const second = newStreamId();
    const shared = newEvent();
    await writer.append(first, [shared], 'no-stream');
    const fresh = newEvent();

    const error = await rejectionOf(other.append(second, [fresh, shared], 'no-stream'));

    expect(error).toBeInstanceOf(EventIdConflictError);
    expect(error).toMatchObject({ streamId: second, existingStreamId: first, kind: 'other-stream' });
    expect(await other.streamRevision(second)).toBeUndefined();
    expect(idsOf(await writer.readAll())).toEqual([shared.id]);
  });

  // The one prefix without an upper bound for the index range is read another way.
  it('reads the streams of a prefix ending in the highest code point', async () => {
    const store = openStore();
    const top = '\u{10ffff}';
    const streams = [`${top}-1`, `${top}`, 'plain-1', `${top}${top}`];
    for (const streamId of streams) await store.append(streamId, newEvents(1), 'no-stream');

    const read = await store.readAll({ streamPrefix: top });

    expect(read.map((event) => event.streamId)).toEqual([`${top}-1`, top, `${top}${top}`]);
  });

  beforeEach(async () => {
    ({ file, remove } = await tempDatabaseFile());
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await remove();
  });

  it('puts the file in WAL mode, visible from another read-only connection', async () => {
    const store = openStore();
    await store.append(newStreamId(), [newEvent()], 'no-stream');

    const reader = openReader();

    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reader.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
  });

  it('opens connections with FULL synchronous, a busy timeout and foreign keys on', () => {
    openStore();

    const db = openEventStoreDatabase(file);
    cleanups.push(() => db.close());

    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('creates the schema on a new file and migrates it only once across reopenings', async () => {
    await openStore().close();
    await openStore().close();

    const reader = openReader();

    expect(reader.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
    );
  });

  it('refuses to open a file whose schema is newer than the code', async () => {
    await openStore().close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(
      LATEST_SCHEMA_VERSION + 1,
      'from the future',
      new Date().toISOString(),
    );
    db.close();

    expect(() => SqliteEventStore.open({ file })).toThrow(/newer than this code knows/);
  });

  it('takes recordedAt from the injected clock, never letting it go backwards', async () => {
    const instants = ['2024-05-01T10:00:00.000Z', '2024-05-01T09:00:00.000Z', '2024-05-01T11:00:00.500Z'];
    let tick = 0;
    const store = openStore({ clock: () => new Date(instants[tick++ % instants.length]!) });

    for (let i = 0; i < 3; i++) await store.append(newStreamId(), [newEvent()], 'no-stream');

    const recorded = (await store.readAll()).map((event) => event.recordedAt);
    expect(recorded).toEqual([
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T11:00:00.500Z',
    ]);
  });

  it('gives every event of one batch the same recordedAt', async () => {
    const store = openStore({ clock: () => new Date('2024-05-01T10:00:00.000Z') });

    await store.append(newStreamId(), newEvents(3), 'no-stream');

    const recorded = new Set((await store.readAll()).map((event) => event.recordedAt));
    expect([...recorded]).toEqual(['2024-05-01T10:00:00.000Z']);
  });

  it('delivers its own appends to live subscriptions at once, without waiting for the next poll', async () => {
    const store = openStore({ pollIntervalMs: 60_000 });
    const recorder = record(store);
    await delay(50);
    expect(recorder.events).toEqual([]);
    const event = newEvent();

    await store.append(newStreamId(), [event], 'no-stream');

    expect(idsOf(await recorder.waitForCount(1, 1000))).toEqual([event.id]);
  });

  it('delivers appends made by another instance on the same file to a live subscription', async () => {
    const writer = openStore();
    const reader = openStore();
    const recorder = record(reader);
    const streamId = newStreamId();

    const events = newEvents(3);
    await writer.append(streamId, events.slice(0, 1), 'no-stream');
    await recorder.waitForCount(1);
    await writer.append(streamId, events.slice(1), 0);
    const delivered = await recorder.waitForCount(3);

    expect(idsOf(delivered)).toEqual(idsOf(events));
    expect(delivered).toEqual(await writer.readAll());
  });

  it('rejects appends from a second instance that lost the race on the same file', async () => {
    const first = openStore();
    const second = openStore();
    const streamId = newStreamId();
    await first.append(streamId, [newEvent()], 'no-stream');

    await second.append(streamId, [newEvent()], 0);

    await expect(first.append(streamId, [newEvent()], 0)).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      actual: 1,
    });
    expect(await first.streamRevision(streamId)).toBe(1);
  });

  it('completes open subscriptions and rejects further calls when closed', async () => {
    const store = SqliteEventStore.open({ file, pollIntervalMs: TEST_POLL_INTERVAL_MS });
    const recorder = new EventRecorder(store.subscribeToAll());

    await store.close();

    expect(recorder.completed).toBe(true);
    await expect(store.headPosition()).rejects.toThrow(/closed/);
    await expect(store.append(newStreamId(), [newEvent()], 'any')).rejects.toThrow(/closed/);
    await expect(store.close()).resolves.toBeUndefined();
  });

  it(
    'keeps every acknowledged event when writer processes are killed mid-append',
    async () => {
      const sharedStreamId = newStreamId('shared');
      const writers = [startCrashWriter(sharedStreamId), startCrashWriter(sharedStreamId)];

      try {
        await Promise.all(writers.map((writer) => writer.waitForAcknowledged(60, CRASH_WRITERS_MS)));
      } finally {
        for (const writer of writers) writer.kill();
      }
      await Promise.all(writers.map((writer) => writer.closed));

      const acknowledged = writers.flatMap((writer) => writer.acknowledged);
      const store = openStore();
      const all = await store.readAll();
      const byId = new Map(all.map((event) => [event.id, event]));
      expect(byId.size).toBe(all.length);
      for (const ack of acknowledged) {
        expect(byId.get(ack.eventId)).toMatchObject({
          streamId: ack.streamId,
          revision: ack.revision,
          position: ack.position,
        });
      }
      // No append ever failed after inserting, so positions have no gaps either.
      expect(all.map((event) => event.position)).toEqual(all.map((_, i) => i + 1));
      const streams = new Map<string, RecordedEvent[]>();
      for (const event of all) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
      for (const events of streams.values()) {
        expect(events.map((event) => event.revision)).toEqual(events.map((_, i) => i));
      }
      const acknowledgedShared = new Set(
        acknowledged.filter((ack) => ack.streamId === sharedStreamId).map((ack) => ack.eventId),
      );
      expect(streams.get(sharedStreamId)?.length).toBeGreaterThanOrEqual(acknowledgedShared.size);
    },
    CRASH_WRITERS_MS + CRASH_TEST_REST_MS,
  );
});
