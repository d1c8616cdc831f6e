import { isLicenceEventType, LICENCE_EVENT_SCHEMA_VERSION } from '@licences/licensing-domain';
import type { LicenceEvent } from '@licences/licensing-domain';
import type { EventMetadata, NewEvent, RecordedEvent } from '@licences/event-store';

/** One stream per case. */
export const LICENCE_STREAM_PREFIX = 'licence-';

export function licenceStreamId(caseId: string): string {
  return `${LICENCE_STREAM_PREFIX}${caseId}`;
}

/**
 * Upcasters turn a stored payload of an older schema version into the current one, one version
 * step at a time: `UPCASTERS[type][v]` maps version v to v + 1. None are needed yet (all v1).
 */
const UPCASTERS: Partial<Record<LicenceEvent['type'], Record<number, (data: unknown) => unknown>>> = {};

export function toNewEvent(event: LicenceEvent, id: string, metadata: EventMetadata): NewEvent {
  return {
    id,
    type: event.type,
    schemaVersion: LICENCE_EVENT_SCHEMA_VERSION[event.type],
    data: event.data,
    metadata,
  };
}

/** Turns a stored payload of any known schema version into the current event. */
export function decodeLicenceEvent(type: string, schemaVersion: number, stored: unknown): LicenceEvent {
  if (!isLicenceEventType(type)) throw new Error(`Unknown licence event type ${type}`);
  const target = LICENCE_EVENT_SCHEMA_VERSION[type];
  let data = stored;
  for (let version = schemaVersion; version < target; version++) {
    const step = UPCASTERS[type]?.[version];
    if (!step) throw new Error(`No upcaster for ${type} v${version}`);
    data = step(data);
  }
  return { type, data } as LicenceEvent;
}

export function fromRecordedEvent(recorded: RecordedEvent): LicenceEvent {
  return decodeLicenceEvent(recorded.type, recorded.schemaVersion, recorded.data);
}
