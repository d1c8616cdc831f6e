/**
 * Proves the EventStoreDB stand-in (a TEST DOUBLE, see esdb-stand-in.ts) through the real
 * `@eventstore/db-client` over gRPC: what the adapter's tests will rely on must behave here as
 * the client expects from a real node.
 */
import { randomUUID } from 'node:crypto';
import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  JSONType,
  Position,
} from '@eventstore/db-client';
import {
  ANY,
  BACKWARDS,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  NO_STREAM,
  NotLeaderError,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  persistentSubscriptionToStreamSettingsFromDefaults,
  streamNameFilter,
} from '@eventstore/db-client';
import { EsdbStandIn } from './esdb-stand-in';

let standIn: EsdbStandIn;
let client: EventStoreDBClient;

beforeEach(async () => {
  standIn = await EsdbStandIn.start();
  client = EventStoreDBClient.connectionString(standIn.connectionString);
});

afterEach(async () => {
  await client.dispose();
  await standIn.stop();
});

const event = (type = 'LicenceApplied', data: JSONType = { applicant: 'ACME' }, id: string = randomUUID()) =>
  jsonEvent({ id, type, data, metadata: { correlationId: 'corr-1' } });

async function collect<E>(read: AsyncIterable<E>): Promise<E[]> {
  const all: E[] = [];
  for await (const item of read) all.push(item);
  return all;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function watch(subscription: AllStreamSubscription) {
  const seen: AllStreamResolvedEvent[] = [];
  let caughtUp = false;
  subscription.on('data', (resolved) => seen.push(resolved));
  subscription.on('caughtUp', () => (caughtUp = true));
  return { seen, types: () => seen.map((resolved) => resolved.event?.type), isCaughtUp: () => caughtUp };
}

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('EsdbStandIn through the real client', () => {
  it('asks for server features on the first append, then appends with Streams.Append', async () => {
    await client.appendToStream('licence-1', event(), { expectedRevision: NO_STREAM });
    expect(standIn.calls).toEqual({
      '/event_store.client.server_features.ServerFeatures/GetSupportedMethods': 1,
      '/event_store.client.streams.Streams/Append': 1,
    });
  });

  it('appends with NO_STREAM, an exact revision and ANY, with growing positions', async () => {
    const first = await client.appendToStream('licence-1', [event(), event()], {
      expectedRevision: NO_STREAM,
    });
    const second = await client.appendToStream('licence-1', event('LicenceGranted'), {
      expectedRevision: 1n,
    });
    const third = await client.appendToStream('licence-1', event('LicenceRevoked'), {
      expectedRevision: ANY,
    });
    const fourth = await client.appendToStream('licence-1', event(), { expectedRevision: STREAM_EXISTS });
    expect([first, second, third, fourth].map((r) => r.nextExpectedRevision)).toEqual([1n, 2n, 3n, 4n]);
    const commits = [first, second, third, fourth].map((r) => r.position?.commit ?? -1n);
    expect([...commits].sort((a, b) => (a < b ? -1 : 1))).toEqual(commits);
    expect(new Set(commits).size).toBe(4);
  });

  it('rejects a mismatched expectation with WrongExpectedVersionError carrying the actual revision', async () => {
    await client.appendToStream('licence-1', [event(), event()], { expectedRevision: NO_STREAM });
    const exact = await rejection(client.appendToStream('licence-1', event(), { expectedRevision: 5n }));
    expect(exact).toBeInstanceOf(WrongExpectedVersionError);
    expect(exact).toMatchObject({ streamName: 'licence-1', expectedVersion: 5n, actualVersion: 1n });
    const noStream = await rejection(
      client.appendToStream('licence-1', event(), { expectedRevision: NO_STREAM }),
    );
    expect(noStream).toMatchObject({ expectedVersion: 'no_stream', actualVersion: 1n });
    const exists = await rejection(
      client.appendToStream('other-1', event(), { expectedRevision: STREAM_EXISTS }),
    );
    expect(exists).toMatchObject({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' });
  });

  it('answers an idempotent retry with the stored revision and position and stores nothing', async () => {
    const batch = [event(), event('LicenceGranted')];
    const first = await client.appendToStream('licence-1', batch, { expectedRevision: NO_STREAM });
    const stored = standIn.events.length;
    const retry = await client.appendToStream('licence-1', batch, { expectedRevision: NO_STREAM });
    expect(retry).toEqual(first);
    const next = event('LicenceRevoked');
    const third = await client.appendToStream('licence-1', next, { expectedRevision: 1n });
    expect(await client.appendToStream('licence-1', next, { expectedRevision: 1n })).toEqual(third);
    expect(await client.appendToStream('licence-1', next, { expectedRevision: ANY })).toEqual(third);
    expect(standIn.events.length).toBe(stored + 1);
  });

  it('rejects event ids that are not UUIDs', async () => {
    const error = await rejection(client.appendToStream('licence-1', event('X', {}, 'not-a-uuid')));
    expect(String(error)).toContain('not a UUID');
    expect(standIn.events.filter((e) => e.streamName === 'licence-1')).toEqual([]);
  });

  it('reads a stream forwards, backwards, from a revision and with maxCount', async () => {
    const types = ['A', 'B', 'C', 'D'];
    await client.appendToStream(
      'licence-1',
      types.map((type) => event(type)),
      { expectedRevision: NO_STREAM },
    );
    const typesOf = async (read: AsyncIterable<{ event?: { type: string } }>) =>
      (await collect(read)).map((resolved) => resolved.event?.type);
    expect(await typesOf(client.readStream('licence-1'))).toEqual(types);
    expect(
      await typesOf(client.readStream('licence-1', { direction: BACKWARDS, fromRevision: END })),
    ).toEqual(['D', 'C', 'B', 'A']);
    expect(await typesOf(client.readStream('licence-1', { fromRevision: 1n, maxCount: 2 }))).toEqual([
      'B',
      'C',
    ]);
    expect(await typesOf(client.readStream('licence-1', { direction: BACKWARDS, fromRevision: 1n }))).toEqual(
      ['B', 'A'],
    );
    const [first] = await collect(client.readStream('licence-1', { maxCount: 1 }));
    expect(first?.event).toMatchObject({ streamId: 'licence-1', revision: 0n, data: { applicant: 'ACME' } });
    expect(first?.event?.metadata).toEqual({ correlationId: 'corr-1' });
    await expect(collect(client.readStream('missing-1'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all forwards from START or a position and backwards from END', async () => {
    await client.appendToStream('licence-1', [event('A'), event('B')], { expectedRevision: NO_STREAM });
    await client.appendToStream('licence-2', event('C'), { expectedRevision: NO_STREAM });
    const all = await collect(client.readAll());
    expect(all.map((r) => r.event?.type)).toEqual(['$metadata', '$UserCreated', 'A', 'B', 'C']);
    const commits = all.map((r) => r.event?.position.commit ?? -1n);
    commits.slice(1).forEach((commit, i) => expect(commit > (commits[i] ?? commit)).toBe(true));
    const created = all.map((r) => r.event?.created.getTime() ?? 0);
    created.slice(1).forEach((time, i) => expect(time).toBeGreaterThanOrEqual(created[i] ?? time));
    const fromB = all[3]?.event?.position as Position;
    expect((await collect(client.readAll({ fromPosition: fromB }))).map((r) => r.event?.type)).toEqual([
      'B',
      'C',
    ]);
    const backwards = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }));
    expect(backwards.map((r) => r.event?.type)).toEqual(['C', 'B']);
  });

  it('subscribes to $all without system events from START, then receives live events', async () => {
    await client.appendToStream('licence-1', [event('A'), event('B')], { expectedRevision: NO_STREAM });
    const subscription = watch(client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() }));
    await waitFor(subscription.isCaughtUp, 'caught up');
    expect(subscription.types()).toEqual(['A', 'B']);
    standIn.appendSystemEvent('$$licence-1', '$metadata');
    await client.appendToStream('licence-2', event('C'));
    await waitFor(() => subscription.seen.length === 3, 'the live event');
    expect(subscription.types()).toEqual(['A', 'B', 'C']);
  });

  it('subscribes to $all from a position (exclusive) and by stream name prefix', async () => {
    await client.appendToStream('other-1', event('X'));
    const a = await client.appendToStream('licence-1', event('A'));
    await client.appendToStream('licence-1', event('B'));
    const fromA = a.position as Position;
    const afterA = watch(client.subscribeToAll({ fromPosition: fromA, filter: excludeSystemEvents() }));
    const prefixed = watch(client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['licence-'] }) }));
    await waitFor(() => afterA.isCaughtUp() && prefixed.isCaughtUp(), 'caught up');
    await client.appendToStream('other-1', event('Y'));
    await client.appendToStream('licence-2', event('C'));
    await waitFor(() => afterA.seen.length === 3 && prefixed.seen.length === 3, 'live events');
    expect(afterA.types()).toEqual(['B', 'Y', 'C']);
    expect(prefixed.types()).toEqual(['A', 'B', 'C']);
  });

  it('sends checkpoints for filtered subscriptions at the requested interval', async () => {
    await client.appendToStream('licence-1', [event('A'), event('B')]);
    const checkpoints: bigint[] = [];
    const checkpointReached = (_: unknown, position: Position) => void checkpoints.push(position.commit);
    const filter = excludeSystemEvents({ maxSearchWindow: 1, checkpointInterval: 1, checkpointReached });
    watch(client.subscribeToAll({ filter }));
    await waitFor(() => checkpoints.length === 4, 'a checkpoint per scanned event');
    expect(checkpoints).toEqual(standIn.events.map((e) => e.position));
  });

  it('subscribes to a stream from a revision (exclusive), then live', async () => {
    await client.appendToStream('licence-1', [event('A'), event('B')], { expectedRevision: NO_STREAM });
    const seen: string[] = [];
    const subscription = client.subscribeToStream('licence-1', { fromRevision: 0n });
    subscription.on('data', (resolved) => seen.push(resolved.event?.type ?? '?'));
    await client.appendToStream('licence-2', event('X'));
    await client.appendToStream('licence-1', event('C'));
    await waitFor(() => seen.length === 2, 'stream events');
    expect(seen).toEqual(['B', 'C']);
  });

  it.each([
    ['not-leader', NotLeaderError],
    ['unavailable', UnavailableError],
    ['deadline-exceeded', DeadlineExceededError],
  ] as const)('fails the next append with %s as the client expects', async (failure, ErrorClass) => {
    standIn.failNext('append', failure);
    const error = await rejection(client.appendToStream('licence-1', event()));
    expect(error).toBeInstanceOf(ErrorClass);
    if (error instanceof NotLeaderError)
      expect(error.leader).toEqual({ address: '127.0.0.1', port: standIn.port });
    const result = await client.appendToStream('licence-1', event(), { expectedRevision: NO_STREAM });
    expect(result.nextExpectedRevision).toBe(0n);
  });

  it('fails the next reads as injected', async () => {
    standIn.failNext('read', 'not-leader', 2);
    await expect(collect(client.readStream('licence-1'))).rejects.toBeInstanceOf(NotLeaderError);
    await expect(collect(client.readAll())).rejects.toBeInstanceOf(NotLeaderError);
    expect((await collect(client.readAll())).length).toBe(2);
    expect(standIn.calls['/event_store.client.streams.Streams/Read']).toBe(3);
  });

  it('drops open subscriptions with UNAVAILABLE so the client can resubscribe', async () => {
    const subscription = client.subscribeToAll({ filter: excludeSystemEvents() });
    const dropped = new Promise<Error>((resolve) => subscription.once('error', resolve));
    watch(subscription);
    await waitFor(() => standIn.openSubscriptions === 1, 'the subscription');
    standIn.dropSubscriptions();
    expect(await dropped).toBeInstanceOf(UnavailableError);
    expect(standIn.openSubscriptions).toBe(0);
    const again = watch(client.subscribeToAll({ filter: excludeSystemEvents() }));
    await client.appendToStream('licence-1', event('A'));
    await waitFor(() => again.seen.length === 1, 'the resubscribed event');
  });

  it('fails loudly, naming the method, on anything it does not implement', async () => {
    const deletion = await rejection(client.deleteStream('licence-1'));
    expect(String(deletion)).toMatch(/stand-in.*Streams\/Delete/);
    const settings = persistentSubscriptionToStreamSettingsFromDefaults();
    const persistent = await rejection(
      client.createPersistentSubscriptionToStream('licence-1', 'g', settings),
    );
    expect(String(persistent)).toMatch(/stand-in.*PersistentSubscriptions\/Create/);
    const metadata = await rejection(client.setStreamMetadata('licence-1', { maxAge: 60 }));
    expect(String(metadata)).toMatch(/stand-in.*stream metadata/);
    const links = await rejection(collect(client.readStream('licence-1', { resolveLinkTos: true })));
    expect(String(links)).toMatch(/stand-in.*resolve_links/);
  });
});
