import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import {
  EventStoreIdempotencyStore,
  IdempotencyKeyReusedError,
  IdempotentRequests,
  systemClock,
} from '@licences/licensing-application';
import type { IdempotencyStore } from '@licences/licensing-application';
import { SqliteIdempotencyStore } from '@licences/licensing-sqlite';

/*
 * IdempotentRequests over both real idempotency stores: a stored answer goes back only to the
 * same principal, with the same key, for the same request. Principals and keys that read alike
 * once joined ("x/y" + "k" and "x" + "y/k") must never see each other's answers.
 */
const STORES: readonly [string, (dir: string) => { store: IdempotencyStore; close: () => Promise<void> }][] =
  [
    [
      'SqliteIdempotencyStore',
      (dir) => {
        const store = SqliteIdempotencyStore.open(join(dir, 'idempotency.sqlite'));
        return { store, close: () => Promise.resolve(store.close()) };
      },
    ],
    [
      'EventStoreIdempotencyStore (as with EventStoreDB)',
      (dir) => {
        const events = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
        return { store: new EventStoreIdempotencyStore(events), close: () => events.close() };
      },
    ],
  ];

describe.each(STORES)('IdempotentRequests over %s', (_name, open) => {
  let dir: string;
  let opened: ReturnType<typeof open> | undefined;
  let requests: IdempotentRequests;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idempotent-requests-'));
    opened = open(dir);
    requests = new IdempotentRequests(opened.store, systemClock);
  });

  afterEach(async () => {
    await opened?.close();
    opened = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a request whose handler answers `answer`, and reports whether the handler ran. */
  async function send(principal: string, key: string, requestHash: string, answer: string) {
    let handled = false;
    const response = await requests.run({ principal, key }, requestHash, () => {
      handled = true;
      return Promise.resolve(answer);
    });
    return { response, handled };
  }

  it.each([
    ['x/y', 'k', 'x', 'y/k'],
    ['x\ny', 'k', 'x', 'y\nk'],
    ['x', 'y', 'x y', ''],
  ])(
    'principal %j with key %j and principal %j with key %j never see each other’s answers',
    async (firstPrincipal, firstKey, secondPrincipal, secondKey) => {
      const first = await send(firstPrincipal, firstKey, 'same-request', 'first answer');
      const second = await send(secondPrincipal, secondKey, 'same-request', 'second answer');

      expect(first).toEqual({ response: 'first answer', handled: true });
      expect(second).toEqual({ response: 'second answer', handled: true });
      expect(await send(firstPrincipal, firstKey, 'same-request', 'unused')).toEqual({
        response: 'first answer',
        handled: false,
      });
      expect(await send(secondPrincipal, secondKey, 'same-request', 'unused')).toEqual({
        response: 'second answer',
        handled: false,
      });
    },
  );

  it('answers a repeat only for the same request, and refuses the key with another one', async () => {
    await send('alice', 'k-1', 'extend licence A', 'extended');

    await expect(send('alice', 'k-1', 'revoke licence A', 'revoked')).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    expect(await send('bob', 'k-1', 'extend licence A', 'bob extended')).toEqual({
      response: 'bob extended',
      handled: true,
    });
  });
});
