import { isMeasureEventType, MEASURE_EVENT_SCHEMA_VERSION } from '@licences/licensing-domain';
import type { MeasureEvent } from '@licences/licensing-domain';
import type { EventMetadata, NewEvent, RecordedEvent } from '@licences/event-store';

/** One stream per country measure, beside the cases' streams. */
export const MEASURE_STREAM_PREFIX = 'measure-';

export function measureStreamId(measureId: string): string {
  return `${MEASURE_STREAM_PREFIX}${measureId}`;
}

export function toNewMeasureEvent(event: MeasureEvent, id: string, metadata: EventMetadata): NewEvent {
  return {
    id,
    type: event.type,
    schemaVersion: MEASURE_EVENT_SCHEMA_VERSION[event.type],
    data: event.data,
    metadata,
  };
}

/** Every measure event is at schema version 1: there is nothing to upcast yet. */
export function fromRecordedMeasureEvent(recorded: RecordedEvent): MeasureEvent {
  if (!isMeasureEventType(recorded.type)) throw new Error(`Unknown measure event type ${recorded.type}`);
  const current = MEASURE_EVENT_SCHEMA_VERSION[recorded.type];
  if (recorded.schemaVersion !== current) {
    throw new Error(`${recorded.type} v${recorded.schemaVersion} is not v${current}, the only one known`);
  }
  return { type: recorded.type, data: recorded.data } as MeasureEvent;
}
