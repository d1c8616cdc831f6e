import { randomUUID } from 'node:crypto';
import { EventIdConflictError } from '@licences/event-store';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { newEvent } from '@licences/event-store-conformance';
import { EsdbStandIn } from '../esdb-stand-in/esdb-stand-in';

/*
 * Two writers race to append one id with different content to one stream. EventStoreDB compares
 * ids only, so it answers the slower writer's append as an idempotent success; the adapter must
 * still refuse it. Whichever check catches it (the read before, the claim or the read back), the
 * loser is never told its event was stored.
 */
describe('EventStoreDB adapter: one id raced into one stream with different content', () => {
  let standIn: EsdbStandIn;
  let first: EsdbEventStore;
  let second: EsdbEventStore;

  beforeEach(async () => {
    standIn = await EsdbStandIn.start();
    first = EsdbEventStore.connect({ connectionString: standIn.connectionString });
    second = EsdbEventStore.connect({ connectionString: standIn.connectionString });
  });

  afterEach(async () => {
    await first.close();
    await second.close();
    await standIn.stop();
  });

  it('stores one of the two events and refuses the other with EventIdConflictError, every round', async () => {
    for (let round = 0; round < 25; round++) {
      const streamId = `licence-${randomUUID()}`;
      const id = randomUUID();
      const events = [newEvent({ id, data: { by: 'first' } }), newEvent({ id, data: { by: 'second' } })];

      const outcomes = await Promise.allSettled([
        first.append(streamId, [events[0]!], 'no-stream'),
        second.append(streamId, [events[1]!], 'no-stream'),
      ]);

      const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(won).toBeGreaterThanOrEqual(0);
      expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(EventIdConflictError);
      const stored = await first.readStream(streamId);
      expect(stored.map((event) => event.data)).toEqual([events[won]!.data]);
    }
  });
});
