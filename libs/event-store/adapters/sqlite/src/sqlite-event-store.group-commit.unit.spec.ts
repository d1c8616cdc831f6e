import type { AppendResult } from '@licences/event-store';
import { GroupCommit } from './sqlite-event-store.group-commit';
import type { WriteGroup } from './sqlite-event-store.group-commit';
import type { GroupedAppend } from './sqlite-event-store.writer';

function append(streamId: string, events: number): GroupedAppend {
  return {
    streamId,
    expected: 'any',
    events: Array.from({ length: events }, (_, i) => ({
      id: `${streamId}-${i}`,
      type: 'Noted',
      schemaVersion: 1,
      data: '{}',
      metadata: '{}',
      occurredAt: '2025-01-01T00:00:00.000Z',
    })),
  };
}

/** A writer that records each group and stores every append, positions counting up. */
function recordingWriter() {
  const groups: string[][] = [];
  let position = 0;
  const write: WriteGroup = (appends) => {
    groups.push(appends.map((a) => a.streamId));
    return appends.map((a) => {
      position += a.events.length;
      return { ok: true, result: { nextRevision: a.events.length - 1, position }, appended: a.events.length };
    });
  };
  return { groups, write };
}

describe('GroupCommit', () => {
  it('writes the appends of one turn as one group, in call order, and wakes once per group', async () => {
    const { groups, write } = recordingWriter();
    const committed = jest.fn();
    const commit = new GroupCommit(write, committed, 1000);

    const results = await Promise.all(['a', 'b', 'c'].map((s) => commit.enqueue(() => append(s, 2))));

    expect(groups).toEqual([['a', 'b', 'c']]);
    expect(results.map((r) => r.position)).toEqual([2, 4, 6]);
    expect(committed).toHaveBeenCalledTimes(1);
  });

  it('bounds a group by its events without ever splitting an append', async () => {
    const { groups, write } = recordingWriter();
    const commit = new GroupCommit(write, () => undefined, 5);

    await Promise.all([
      commit.enqueue(() => append('a', 3)),
      commit.enqueue(() => append('b', 2)),
      commit.enqueue(() => append('c', 1)),
      commit.enqueue(() => append('d', 7)),
      commit.enqueue(() => append('e', 1)),
    ]);

    expect(groups).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  });

  it('settles nothing before the group is written, and rejects the whole group when its write fails', async () => {
    const failure = new Error('commit failed');
    let writes = 0;
    const commit = new GroupCommit(
      () => {
        writes += 1;
        throw failure;
      },
      () => undefined,
      1000,
    );
    const settled: string[] = [];
    const pending = ['a', 'b'].map((s) =>
      commit
        .enqueue(() => append(s, 1))
        .then(
          () => settled.push(`${s} resolved`),
          (error: unknown) => settled.push(`${s} rejected: ${(error as Error).message}`),
        ),
    );
    await Promise.resolve();
    expect({ writes, settled }).toEqual({ writes: 0, settled: [] });

    await Promise.all(pending);

    expect(writes).toBe(1);
    expect(settled).toEqual(['a rejected: commit failed', 'b rejected: commit failed']);
  });

  it('rejects an append alone when its own outcome fails, or when preparing it throws', async () => {
    const refused = new Error('wrong revision');
    const commit = new GroupCommit(
      (appends) =>
        appends.map((a): ReturnType<WriteGroup>[number] =>
          a.streamId === 'bad'
            ? { ok: false, error: refused }
            : { ok: true, result: { nextRevision: 0, position: 1 }, appended: 1 },
        ),
      () => undefined,
      1000,
    );

    const outcomes = await Promise.allSettled([
      commit.enqueue(() => append('good', 1)),
      commit.enqueue(() => append('bad', 1)),
      commit.enqueue(() => {
        throw new Error('invalid');
      }),
    ]);

    expect(outcomes).toEqual([
      { status: 'fulfilled', value: { nextRevision: 0, position: 1 } },
      { status: 'rejected', reason: refused },
      { status: 'rejected', reason: new Error('invalid') },
    ]);
  });

  it('writes everything still queued when flushed, without waiting for the next turn', async () => {
    const { groups, write } = recordingWriter();
    const commit = new GroupCommit(write, () => undefined, 2);
    const results: Promise<AppendResult>[] = ['a', 'b', 'c'].map((s) => commit.enqueue(() => append(s, 1)));

    commit.flush();

    expect(groups).toEqual([['a', 'b'], ['c']]);
    await expect(Promise.all(results)).resolves.toHaveLength(3);
  });
});
