import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageFaultError, WrongExpectedRevisionError } from '@licences/event-store';
import { idsOf, newEvent, newEvents, newStreamId } from '@licences/event-store-conformance';
import { SqliteEventStore } from './sqlite-event-store.adapter';
import { failStatementsWith } from './testing/storage-fault-injection';

describe('SqliteEventStore group commit', () => {
  let dir: string;
  let store: SqliteEventStore;
  const open = () => SqliteEventStore.open({ file: join(dir, 'events.sqlite') });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'event-store-group-'));
    store = open();
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives concurrent appends positions in the order they were made', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.append(newStreamId(), newEvents(1 + (i % 2)), 'no-stream')),
    );

    const positions = results.map((result) => result.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('lets an append see the appends made before it in the same turn, retries included', async () => {
    const streamId = newStreamId();
    const [a, b] = [newEvent(), newEvent()];

    const outcomes = await Promise.allSettled([
      store.append(streamId, [a], 'no-stream'),
      store.append(streamId, [b], 0),
      store.append(streamId, [a], 'no-stream'),
      store.append(streamId, [newEvent()], 0),
    ]);

    expect(outcomes.slice(0, 3)).toEqual([
      { status: 'fulfilled', value: { nextRevision: 0, position: 1 } },
      { status: 'fulfilled', value: { nextRevision: 1, position: 2 } },
      { status: 'fulfilled', value: { nextRevision: 0, position: 1 } },
    ]);
    expect(outcomes[3]).toMatchObject({
      status: 'rejected',
      reason: expect.any(WrongExpectedRevisionError),
    });
    expect(idsOf(await store.readAll())).toEqual([a.id, b.id]);
  });

  it('acknowledges none of a group whose commit fails, and stores none of it', async () => {
    await store.append(newStreamId(), [newEvent()], 'no-stream');
    const batches = Array.from({ length: 8 }, () => ({ streamId: newStreamId(), events: newEvents(2) }));
    // As a disk failing at the fsync of the commit: every append of the group was already written.
    const restore = failStatementsWith((statement) =>
      statement.source === 'COMMIT' ? 'SQLITE_IOERR' : undefined,
    );
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await Promise.allSettled(
        batches.map(({ streamId, events }) => store.append(streamId, events, 'no-stream')),
      );
    } finally {
      restore();
    }

    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(StorageFaultError) });
    }
    expect(await store.readAll()).toHaveLength(1);
    // Nothing was left half-done: the same appends go through once the storage is mended.
    const retried = await Promise.all(
      batches.map(({ streamId, events }) => store.append(streamId, events, 'no-stream')),
    );
    expect(retried.map((result) => result.nextRevision)).toEqual(batches.map(() => 1));
    expect(await store.readAll()).toHaveLength(1 + 2 * batches.length);
  });

  it('writes the appends still queued when closed, before closing', async () => {
    const streamId = newStreamId();
    const events = newEvents(3);
    const pending = store.append(streamId, events, 'no-stream');

    await store.close();

    await expect(pending).resolves.toEqual({ nextRevision: 2, position: 3 });
    store = open();
    expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(events));
  });
});
