import type { RecordedEvent } from '@licences/event-store';
import { fromRecordedEvent, LICENCE_STREAM_PREFIX } from '@licences/licensing-application';
import type { DecisionHistoryEntry } from '../read-model.rows';

/** The history entry of one decision; undefined for events of other streams. */
export function historyEntryOf(recorded: RecordedEvent): DecisionHistoryEntry | undefined {
  if (!recorded.streamId.startsWith(LICENCE_STREAM_PREFIX)) return undefined;
  const event = fromRecordedEvent(recorded);
  const rule = event.type === 'Issued' || event.type === 'Extended' ? event.data.rule : undefined;
  return {
    caseId: recorded.streamId.slice(LICENCE_STREAM_PREFIX.length),
    revision: recorded.revision,
    position: recorded.position,
    eventId: recorded.id,
    type: event.type,
    schemaVersion: recorded.schemaVersion,
    decisionDate: event.data.decisionDate,
    occurredAt: recorded.metadata.occurredAt,
    recordedAt: recorded.recordedAt,
    actor: recorded.metadata.actor,
    correlationId: recorded.metadata.correlationId,
    causationId: recorded.metadata.causationId,
    imported: recorded.metadata.imported ?? null,
    ruleId: rule?.ruleId ?? null,
    policyVersion: rule?.policyVersion ?? null,
    payload: recorded.data,
  };
}
