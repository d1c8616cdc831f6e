import { createHash, randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import type { IdempotencyRecord, IdempotencyStore } from '../ports/idempotency-store.port';

export const IDEMPOTENCY_STREAM_PREFIX = 'idempotency-';
const RECORD_TYPE = 'IdempotentRequestAnswered';

/**
 * Idempotency records kept in the event store itself, one stream per key, written with
 * `no-stream` so that the first answer wins. Used with a clustered store, where several API
 * replicas must see the same records; projections ignore these streams.
 */
export class EventStoreIdempotencyStore implements IdempotencyStore {
  constructor(private readonly events: EventStore) {}

  private streamOf(scope: string, key: string): string {
    return IDEMPOTENCY_STREAM_PREFIX + createHash('sha256').update(`${scope}\n${key}`).digest('hex');
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [first] = await this.events.readStream(this.streamOf(scope, key), { maxCount: 1 });
    return first?.data as IdempotencyRecord | undefined;
  }

  async saveIfAbsent(scope: string, key: string, record: IdempotencyRecord): Promise<IdempotencyRecord> {
    const metadata = {
      occurredAt: record.createdAt,
      actor: { sub: scope, role: 'system' },
      correlationId: key,
      causationId: key,
    };
    try {
      const event = { id: randomUUID(), type: RECORD_TYPE, schemaVersion: 1, data: record, metadata };
      await this.events.append(this.streamOf(scope, key), [event], 'no-stream');
      return record;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      return (await this.find(scope, key)) as IdempotencyRecord;
    }
  }
}
