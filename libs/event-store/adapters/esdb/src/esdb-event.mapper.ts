import { jsonEvent } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, EventData, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '@licences/event-store';
import { isClaim } from './esdb-event-id-claims';

/**
 * How our events sit in EventStoreDB: the payload is the event's JSON data; the metadata holds
 * ours plus the server's conventional `$correlationId` / `$causationId`, the schema version, and,
 * for events copied from another store, their original recording time.
 */
interface StoredMetadata extends EventMetadata {
  readonly schemaVersion: number;
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly recordedAt?: string;
}

/**
 * ESDB positions are byte offsets in the transaction log and may be 0; ours start at 1 so that
 * `after: 0` means "from the beginning". The mapping is `ours = commit + 1`.
 */
export function toOurPosition(commit: bigint): number {
  return Number(commit) + 1;
}

export function toEsdbPosition(ours: number): { commit: bigint; prepare: bigint } {
  const raw = BigInt(Math.max(0, ours - 1));
  return { commit: raw, prepare: raw };
}

export function toEventData(event: NewEvent): EventData {
  const metadata: StoredMetadata = {
    ...event.metadata,
    schemaVersion: event.schemaVersion,
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
    ...(event.recordedAt !== undefined && { recordedAt: new Date(event.recordedAt).toISOString() }),
  };
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: metadata as unknown as Record<string, unknown>,
  });
}

/** A system event (type or stream starting with `$`) is the server's own and never ours. */
export function isSystemEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  return !event || event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** What no reader of the port sees: the server's own events and the adapter's id claims. */
export function isHiddenEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  return isSystemEvent(resolved) || isClaim(resolved);
}

export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a record without an event');
  const commit = event.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error(`EventStoreDB returned event ${event.id} without a position`);
  const stored = (event.metadata ?? {}) as Partial<StoredMetadata>;
  return {
    id: event.id,
    streamId: event.streamId,
    type: event.type,
    revision: Number(event.revision),
    position: toOurPosition(commit),
    schemaVersion: stored.schemaVersion ?? 1,
    data: event.isJson ? event.data : JSON.parse(Buffer.from(event.data).toString('utf8')),
    metadata: {
      occurredAt: stored.occurredAt ?? event.created.toISOString(),
      actor: stored.actor ?? { sub: 'unknown', role: 'unknown' },
      correlationId: stored.correlationId ?? stored.$correlationId ?? '',
      causationId: stored.causationId ?? stored.$causationId ?? '',
      ...(stored.imported && { imported: stored.imported }),
    },
    recordedAt: stored.recordedAt ?? event.created.toISOString(),
  };
}
