import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, sealOf, WrongExpectedRevisionError } from '@licences/event-store';
import type { RecordedEvent } from '@licences/event-store';
import { newEvent, newEvents, newStreamId } from '@licences/event-store-conformance';
import { verifyIntegrity } from '@licences/licensing-application';
import { SqliteEventStore } from './sqlite-event-store.adapter';
import { MIGRATIONS } from './sqlite-event-store.schema';

/** Recomputes both chains over `events` (the whole store, in order) and compares with the stored seals. */
function expectSealedChains(events: readonly RecordedEvent[]): void {
  let chain = GENESIS_HASH;
  const streams = new Map<string, string>();
  for (const event of events) {
    const expected = sealOf(event, streams.get(event.streamId) ?? GENESIS_HASH, chain);
    expect(event.seal).toEqual(expected);
    chain = expected.chainHash;
    streams.set(event.streamId, expected.streamHash);
  }
}

describe('SqliteEventStore seals', () => {
  let dir: string;
  let file: string;
  const opened: { close(): unknown }[] = [];
  const open = () => {
    const store = SqliteEventStore.open({ file });
    opened.push(store);
    return store;
  };
  const raw = () => {
    const db = new Database(file);
    opened.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'event-store-seal-'));
    file = join(dir, 'events.sqlite');
  });

  afterEach(async () => {
    for (const resource of opened.splice(0).reverse()) await resource.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('seals every appended event into its stream chain and the global chain', async () => {
    const store = open();
    const [a, b] = [newStreamId(), newStreamId()];
    await store.append(a, newEvents(2), 'no-stream');
    await store.append(b, [newEvent({ data: { nested: { z: 1, a: [1, 'two', null] } } })], 'no-stream');
    await store.append(a, newEvents(3), 1);

    const all = await store.readAll();

    expect(all).toHaveLength(6);
    expectSealedChains(all);
    expect((await store.readStream(a)).map((event) => event.seal)).toEqual(
      all.filter((event) => event.streamId === a).map((event) => event.seal),
    );
  });

  it('seals appends written together in groups exactly as npm run verify recomputes them', async () => {
    const store = open();
    const streams = Array.from({ length: 12 }, () => newStreamId());
    const revisions = new Map<string, number>();
    // Payloads whose stored JSON differs from the object written: key order, -0, a large number,
    // undefined members and array holes, escapes, non-ASCII and a lone surrogate.
    const awkward = [
      { z: 1, a: { y: [3, undefined, 'é'], b: -0 }, big: 1e21, small: 1.5e-7, gone: undefined },
      { text: 'line\nbreak "quoted" \\ tab\t \u0001', emoji: '🛂', lone: '\ud800', nested: [[], {}] },
    ];
    for (let round = 0; round < 5; round++) {
      const appends = streams.map((streamId, i) => {
        const events = newEvents(1 + ((round + i) % 3), { data: awkward[(round + i) % 2] });
        return store.append(streamId, events, revisions.get(streamId) ?? 'no-stream');
      });
      // A stale append in the middle of each group, rolled back alone inside its transaction.
      const stale = store.append(streams[0]!, [newEvent()], round === 0 ? 5 : 'no-stream');
      appends.push(...streams.map((streamId) => store.append(streamId, [newEvent()], 'any')));
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const outcomes = await Promise.all(appends);
      outcomes
        .slice(streams.length)
        .forEach((outcome, i) => revisions.set(streams[i]!, outcome.nextRevision));
    }

    const all = await store.readAll();
    expectSealedChains(all);
    const report = await verifyIntegrity(store, { pageSize: 50 });
    expect(report).toMatchObject({ intact: true, sealed: true, eventsChecked: all.length });
    expect(report.headHash).toBe(all.at(-1)!.seal!.chainHash);

    // A new process chains on from the head this one left.
    await store.close();
    const reopened = open();
    await reopened.append(streams[1]!, [newEvent()], revisions.get(streams[1]!)!);
    expect(await verifyIntegrity(reopened)).toMatchObject({ intact: true, eventsChecked: all.length + 1 });
  });

  it('seals the events of an older file in position order when migrating it', async () => {
    const legacy = raw();
    legacy.exec(`CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY,
      description TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    for (const statement of MIGRATIONS[0]!.statements) legacy.exec(statement);
    legacy.prepare("INSERT INTO schema_migrations VALUES (1, 'events table', '2024-01-01T00:00:00Z')").run();
    const insert = legacy.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, occurred_at, recorded_at)
       VALUES (?, ?, ?, 'Old', 1, ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z')`,
    );
    const streams = [newStreamId(), newStreamId()];
    for (let i = 0; i < 2500; i++) {
      const event = newEvent();
      insert.run(
        event.id,
        streams[i % 2],
        Math.floor(i / 2),
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
    }
    legacy.close();

    const store = open();
    await store.append(streams[0]!, [newEvent()], 1249);

    const all = await store.readAll();
    expect(all).toHaveLength(2501);
    expectSealedChains(all);
  });

  it('seals rows a process of an older version appended, but never seals over an altered row', async () => {
    const store = open();
    const streamId = newStreamId();
    await store.append(streamId, newEvents(3), 'no-stream');
    const db = raw();
    // As an older process sharing the file would: a row without a seal at the end.
    const old = newEvent();
    db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, occurred_at, recorded_at)
       SELECT ?, stream_id, 3, type, schema_version, data, metadata, occurred_at, recorded_at FROM events WHERE revision = 2`,
    ).run(old.id);

    await store.append(streamId, [newEvent()], 3);
    expectSealedChains(await store.readAll());

    db.prepare('UPDATE events SET stream_hash = NULL, chain_hash = NULL WHERE position = 2').run();
    await store.append(newStreamId(), [newEvent()], 'no-stream');
    const all = await store.readAll();
    expect(all[1]?.seal).toBeUndefined();
    expect(all.at(-1)?.seal).toEqual(sealOf(all.at(-1)!, GENESIS_HASH, all.at(-2)!.seal!.chainHash));
  });
});
