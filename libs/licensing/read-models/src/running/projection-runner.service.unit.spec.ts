import { Subject } from 'rxjs';
import type { EventStore, RecordedEvent } from '@licences/event-store';
import { PROJECTION_NAMES, ProjectionFencedOffError } from '../read-model-store.port';
import type { ProjectionName, ReadModelStore } from '../read-model-store.port';
import type { ProjectionLease, ProjectionLeaseLoss, ProjectionLeases } from './projection-lease.port';
import { ProjectionRunner } from './projection-runner.service';
import { ProjectionWaiter } from './projection-waiter.service';

const event = (position: number): RecordedEvent => ({ position }) as unknown as RecordedEvent;

/** Polls until `condition` holds; the test's own timeout bounds the wait. */
async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

class FakeLease implements ProjectionLease {
  held = true;
  released = false;
  readonly lost: Promise<ProjectionLeaseLoss>;
  lose: (reason: string) => void = () => undefined;

  constructor(
    readonly name: ProjectionName,
    readonly fence: number,
  ) {
    this.lost = new Promise((resolve) => {
      this.lose = (reason) => {
        this.held = false;
        resolve({ name, fence, reason });
      };
    });
  }

  isHeld(): boolean {
    return this.held;
  }

  release(): Promise<void> {
    this.held = false;
    this.released = true;
    return Promise.resolve();
  }
}

/** Leases handed out only for the names `free` lists, with a fence counting up per name. */
class FakeLeases implements ProjectionLeases {
  readonly holder = 'test';
  readonly free = new Set<ProjectionName>();
  readonly given: FakeLease[] = [];
  private readonly fences = new Map<ProjectionName, number>();

  tryAcquire(name: ProjectionName): Promise<ProjectionLease | undefined> {
    if (!this.free.has(name) || this.given.some((lease) => lease.name === name && lease.held)) {
      return Promise.resolve(undefined);
    }
    const fence = (this.fences.get(name) ?? 0) + 1;
    this.fences.set(name, fence);
    const lease = new FakeLease(name, fence);
    this.given.push(lease);
    return Promise.resolve(lease);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('ProjectionRunner', () => {
  let feed: Subject<RecordedEvent>;
  let writes: { name: ProjectionName; positions: number[]; fence: number | undefined }[];
  let together: { names: ProjectionName[]; positions: number[] }[];
  let claims: { name: ProjectionName; fence: number }[];
  let refuseClaims: boolean;
  let project: (name: ProjectionName, events: readonly RecordedEvent[], fence?: number) => Promise<number>;
  let runner: ProjectionRunner | undefined;

  const events = { subscribeToAll: () => feed } as unknown as EventStore;
  const store = {
    checkpoint: () => Promise.resolve(0),
    project: (name: ProjectionName, batch: readonly RecordedEvent[], _target?: string, fence?: number) =>
      project(name, batch, fence),
    projectAll: async (names: readonly ProjectionName[], batch: readonly RecordedEvent[]) => {
      together.push({ names: [...names], positions: batch.map((e) => e.position) });
      const checkpoints = new Map<ProjectionName, number>();
      for (const name of names) checkpoints.set(name, await project(name, batch));
      return checkpoints;
    },
    claimFence: (name: ProjectionName, fence: number) => {
      claims.push({ name, fence });
      return Promise.resolve(!refuseClaims);
    },
  } as unknown as ReadModelStore;

  beforeEach(() => {
    feed = new Subject();
    writes = [];
    together = [];
    claims = [];
    refuseClaims = false;
    project = (name, batch, fence) => {
      writes.push({ name, positions: batch.map((e) => e.position), fence });
      return Promise.resolve(batch[batch.length - 1]!.position);
    };
  });
  afterEach(async () => {
    await runner?.shutdown();
    runner = undefined;
  });

  it('projects everything without fences when no leases are bound', async () => {
    runner = new ProjectionRunner(events, store);
    await runner.start(['statistics']);
    expect(runner.state('statistics')).toBe('running');
    feed.next(event(1));
    await eventually(() => writes.length === 1);
    expect(writes).toEqual([{ name: 'statistics', positions: [1], fence: undefined }]);
    expect(runner.held('statistics')).toBeUndefined();
  });

  it('without leases, reads the events once for all projections and writes each batch to all in one call', async () => {
    runner = new ProjectionRunner(events, store);
    await runner.start();
    expect(feed.observed).toBe(true);
    expect(runner.reachedHere()).toBe(0);
    feed.next(event(1));
    feed.next(event(2));
    await eventually(() => together.length === 1);
    expect(together).toEqual([{ names: [...PROJECTION_NAMES], positions: [1, 2] }]);
    expect(runner.reachedHere()).toBe(2);
    for (const name of PROJECTION_NAMES) expect(runner.state(name)).toBe('running');
  });

  it('writes what arrives together in batches no larger than the limit the process gives, in order', async () => {
    runner = new ProjectionRunner(events, store, undefined, undefined, 3);
    await runner.start();
    for (let position = 1; position <= 8; position++) feed.next(event(position));
    await eventually(() => together.length === 3);
    expect(together.map((batch) => batch.positions)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });

  it('refuses a batch limit that is not a whole number above 0', () => {
    for (const limit of [0, -1, 2.5, Number.NaN]) {
      expect(() => new ProjectionRunner(events, store, undefined, undefined, limit)).toThrow(RangeError);
    }
  });

  it('lets a waiter return on the batch the runner reports, which the store here never shows', async () => {
    runner = new ProjectionRunner(events, store);
    await runner.start();
    const waiter = new ProjectionWaiter(store, runner);
    const waited = waiter.waitFor(3, 20_000);
    feed.next(event(3));
    await expect(waited).resolves.toBe(true);
  }, 30_000);

  it('polls the stored checkpoints when the projections do not run here', async () => {
    let stored = 0;
    const polled = { ...store, checkpoint: () => Promise.resolve(stored) } as unknown as ReadModelStore;
    const waiter = new ProjectionWaiter(polled, new ProjectionRunner(events, polled));
    const waited = waiter.waitFor(5, 20_000);
    stored = 5;
    await expect(waited).resolves.toBe(true);
  }, 30_000);

  it('waits in standby for a lease held elsewhere, then projects with its fence once it gets it', async () => {
    const leases = new FakeLeases();
    runner = new ProjectionRunner(events, store, leases, { retryMs: 10 });
    await runner.start(['statistics']);
    expect(runner.state('statistics')).toBe('standby');
    expect(runner.held('statistics')).toBeUndefined();

    leases.free.add('statistics');
    await eventually(() => runner?.held('statistics') !== undefined);
    expect(runner.held('statistics')).toEqual({ fence: 1 });
    expect(claims).toEqual([{ name: 'statistics', fence: 1 }]);
    feed.next(event(1));
    await eventually(() => writes.length === 1);
    expect(writes).toEqual([{ name: 'statistics', positions: [1], fence: 1 }]);
  });

  it('stops at once when the lease is lost, and takes it again with a higher fence', async () => {
    const leases = new FakeLeases();
    leases.free.add('licence-validity');
    runner = new ProjectionRunner(events, store, leases, { retryMs: 10 });
    await runner.start(['licence-validity']);
    expect(runner.held('licence-validity')).toEqual({ fence: 1 });

    leases.free.delete('licence-validity');
    leases.given[0]!.lose('connection ended');
    await eventually(() => runner?.state('licence-validity') === 'standby');
    expect(runner.held('licence-validity')).toBeUndefined();
    // Nobody projects it here now: this event reaches no write.
    feed.next(event(1));

    leases.free.add('licence-validity');
    await eventually(() => runner?.held('licence-validity')?.fence === 2);
    feed.next(event(2));
    await eventually(() => writes.length === 1);
    expect(writes).toEqual([{ name: 'licence-validity', positions: [2], fence: 2 }]);
  });

  it('releases a lease whose fence the read store outranks, without projecting', async () => {
    const leases = new FakeLeases();
    leases.free.add('decision-history');
    refuseClaims = true;
    runner = new ProjectionRunner(events, store, leases, { retryMs: 10 });
    await runner.start(['decision-history']);
    await eventually(() => leases.given.length >= 2);
    expect(leases.given.every((lease) => lease.released || lease.held)).toBe(true);
    expect(leases.given[0]!.released).toBe(true);
    expect(runner.held('decision-history')).toBeUndefined();
    feed.next(event(1));
    // Two more refused tries after the event: it was never projected.
    const tries = leases.given.length;
    await eventually(() => leases.given.length >= tries + 2);
    expect(writes).toEqual([]);
  });

  it('gives up, without retrying, a write the store fenced off', async () => {
    const leases = new FakeLeases();
    leases.free.add('statistics');
    let refusals = 0;
    project = (name, _batch, fence) => {
      refusals++;
      return Promise.reject(new ProjectionFencedOffError(name, fence ?? 0, 9));
    };
    runner = new ProjectionRunner(events, store, leases, { retryMs: 60_000 });
    await runner.start(['statistics']);
    feed.next(event(1));
    await eventually(() => leases.given[0]!.released);
    expect(refusals).toBe(1);
    expect(runner.state('statistics')).toBe('standby');
    expect(runner.held('statistics')).toBeUndefined();
  });

  it('on shutdown lets the batch in flight finish before releasing the lease', async () => {
    const order: string[] = [];
    const leases = new FakeLeases();
    leases.free.add('statistics');
    let finish: () => void = () => undefined;
    let stored = false;
    let writing = false;
    project = () =>
      new Promise<number>((resolve) => {
        writing = true;
        finish = () => {
          stored = true;
          order.push('stored');
          resolve(1);
        };
      });
    runner = new ProjectionRunner(events, store, leases, { retryMs: 10 });
    await runner.start(['statistics']);
    feed.next(event(1));
    await eventually(() => writing);
    const lease = leases.given[0]!;
    const release = lease.release.bind(lease);
    lease.release = () => {
      order.push('released');
      return release();
    };
    const stopping = runner.shutdown();
    expect(runner.held('statistics')).toBeUndefined();
    // A runner that did not wait would release in this pause; the order below tells, not the pause.
    await new Promise((resolve) => setTimeout(resolve, 20));
    finish();
    await stopping;
    expect(stored).toBe(true);
    expect(order).toEqual(['stored', 'released']);
    expect(runner.state('statistics')).toBe('stopped');
  });
});
