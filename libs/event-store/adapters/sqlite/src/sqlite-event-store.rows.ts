import type { EventMetadata, RecordedEvent } from '@licences/event-store';

/** One row of the `events` table, as better-sqlite3 returns it. */
export interface EventRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
  /** Null only on a row not sealed (yet): written by code that did not seal, or altered. */
  readonly stream_hash: string | null;
  readonly chain_hash: string | null;
}

export const EVENT_COLUMNS =
  'position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, stream_hash, chain_hash';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
    ...(row.stream_hash !== null &&
      row.chain_hash !== null && { seal: { streamHash: row.stream_hash, chainHash: row.chain_hash } }),
  };
}
