import type { EventStore, ReadAllByStreamOptions, RecordedEvent } from '@licences/event-store';
import type { ReadModelStore } from '../read-model-store.port';
import { ProjectionRebuilder } from './projection-rebuilder.service';

/** 12,000 events of 4,000 streams, three each: several pages of the stream-ordered read. */
const EVENTS: RecordedEvent[] = Array.from({ length: 12_000 }, (_, i) => ({
  streamId: `case-${String(i % 4000).padStart(4, '0')}`,
  revision: Math.floor(i / 4000),
  position: i + 1,
  recordedAt: '2024-01-01T00:00:00.000Z',
  type: 'Noted',
  data: {},
  eventId: `event-${i}`,
  metadata: {},
})) as unknown as RecordedEvent[];

const BY_STREAM = [...EVENTS].sort((a, b) =>
  a.streamId === b.streamId ? a.revision - b.revision : a.streamId < b.streamId ? -1 : 1,
);

function eventStore(): EventStore {
  const store: Partial<EventStore> = {
    headPosition: () => Promise.resolve(EVENTS.length),
    readAll: ({ after = 0, maxCount = Infinity } = {}) =>
      Promise.resolve(EVENTS.filter((e) => e.position > after).slice(0, maxCount)),
    readAllByStream: ({ upTo, after, maxCount = Infinity }: ReadAllByStreamOptions) => {
      const start = after
        ? BY_STREAM.findIndex((e) => e.streamId === after.streamId && e.revision === after.revision) + 1
        : 0;
      return Promise.resolve(
        BY_STREAM.slice(start)
          .filter((e) => e.position <= upTo)
          .slice(0, maxCount),
      );
    },
  };
  return store as EventStore;
}

describe('ProjectionRebuilder', () => {
  it('gives timers and I/O their turn between the pages of a build, so probes answer during it', async () => {
    const pages: boolean[] = [];
    let timerFired = false;
    const readModels: Partial<ReadModelStore> = {
      checkpoint: () => Promise.resolve(0),
      startRebuild: () => Promise.resolve(),
      // Like an embedded store: the work is done synchronously behind the promise.
      projectStreams: () => {
        pages.push(timerFired);
        return Promise.resolve();
      },
      project: () => Promise.resolve(EVENTS.length),
      completeRebuild: () => Promise.resolve(EVENTS.length),
      abortRebuild: () => Promise.resolve(),
    };
    const rebuilder = new ProjectionRebuilder(eventStore(), readModels as ReadModelStore, 1000);
    setTimeout(() => (timerFired = true), 0);

    const built = await rebuilder.buildEmpty(['licence-validity']);

    expect(built).toEqual(['licence-validity']);
    expect(pages.length).toBeGreaterThan(2);
    // A timer due at once fired before the last page: the build did not hold the event loop throughout.
    expect(pages.at(-1)).toBe(true);
  });

  it('applies the stream-ordered pass in transactions of at most 1,000 events, each event once', async () => {
    // A page is one synchronous stretch of an embedded store: 5,000 events held it for up to 2 s at 100k licences.
    const pages: { events: readonly RecordedEvent[]; upTo: number | undefined }[] = [];
    const readModels: Partial<ReadModelStore> = {
      checkpoint: () => Promise.resolve(0),
      startRebuild: () => Promise.resolve(),
      projectStreams: (_name, events, upTo) => {
        pages.push({ events, upTo });
        return Promise.resolve();
      },
      project: () => Promise.resolve(EVENTS.length),
      completeRebuild: () => Promise.resolve(EVENTS.length),
      abortRebuild: () => Promise.resolve(),
    };
    const rebuilder = new ProjectionRebuilder(eventStore(), readModels as ReadModelStore, 1000);

    await rebuilder.buildEmpty(['licence-validity']);

    expect(Math.max(...pages.map((page) => page.events.length))).toBeLessThanOrEqual(1000);
    expect(pages.flatMap((page) => page.events)).toEqual(BY_STREAM);
    // Only the page that ends the pass moves the checkpoint, to the target.
    expect(pages.map((page) => page.upTo).filter((upTo) => upTo !== undefined)).toEqual([EVENTS.length]);
    expect(pages.at(-1)?.upTo).toBe(EVENTS.length);
  });
});
