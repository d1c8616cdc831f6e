import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { derivedId } from '../derived-id';
import type { IdempotencyRecord, IdempotencyScope, IdempotencyStore } from '../ports/idempotency-store.port';

export const IDEMPOTENCY_STREAM_PREFIX = 'idempotency-';
const RECORD_TYPE = 'IdempotentRequestAnswered';

/**
 * Idempotency records kept in the event store itself, one stream per key, written with
 * `no-stream` so that the first answer wins. Used with a clustered store, where several API
 * replicas must see the same records; projections ignore these streams.
 */
export class EventStoreIdempotencyStore implements IdempotencyStore {
  constructor(private readonly events: EventStore) {}

  private streamOf({ principal, key }: IdempotencyScope): string {
    return IDEMPOTENCY_STREAM_PREFIX + derivedId(['idempotency-scope/v1', principal, key]);
  }

  async find(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    const [first] = await this.events.readStream(this.streamOf(scope), { maxCount: 1 });
    return first?.data as IdempotencyRecord | undefined;
  }

  async saveIfAbsent(scope: IdempotencyScope, record: IdempotencyRecord): Promise<IdempotencyRecord> {
    const metadata = {
      occurredAt: record.createdAt,
      actor: { sub: scope.principal, role: 'system' },
      correlationId: scope.key,
      causationId: scope.key,
    };
    try {
      const event = { id: randomUUID(), type: RECORD_TYPE, schemaVersion: 1, data: record, metadata };
      await this.events.append(this.streamOf(scope), [event], 'no-stream');
      return record;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      return (await this.find(scope)) as IdempotencyRecord;
    }
  }
}
