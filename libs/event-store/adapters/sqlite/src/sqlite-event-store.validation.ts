import { InvalidAppendError, isUuid } from '@licences/event-store';
import type { ExpectedRevision, NewEvent } from '@licences/event-store';

/** An event checked and serialised before the transaction starts, so the write lock is held briefly. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
  readonly occurredAt: string;
  /** Set only when copying an event recorded elsewhere. */
  readonly recordedAt?: string;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const isRevision = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidAppendError(`${what} is not serialisable as JSON: ${(error as Error).message}`);
  }
  if (json === undefined) throw new InvalidAppendError(`${what} is not serialisable as JSON`);
  return json;
}

function prepareEvent(event: NewEvent, index: number): PreparedEvent {
  const what = `Event #${index}`;
  if (!isNonEmptyString(event.id)) throw new InvalidAppendError(`${what} has an empty id`);
  if (!isUuid(event.id)) throw new InvalidAppendError(`${what} has an id that is not a UUID: ${event.id}`);
  if (event.recordedAt !== undefined && Number.isNaN(Date.parse(event.recordedAt))) {
    throw new InvalidAppendError(`${what} (${event.id}) has an invalid recordedAt`);
  }
  if (!isNonEmptyString(event.type)) throw new InvalidAppendError(`${what} (${event.id}) has an empty type`);
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new InvalidAppendError(
      `${what} (${event.id}) has an invalid schemaVersion ${String(event.schemaVersion)}`,
    );
  }
  const metadata = event.metadata as Partial<NewEvent['metadata']> | undefined;
  if (typeof metadata !== 'object' || metadata === null || !isNonEmptyString(metadata.occurredAt)) {
    throw new InvalidAppendError(`${what} (${event.id}) has no metadata.occurredAt`);
  }
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: toJson(event.data, `The data of ${what} (${event.id})`),
    metadata: toJson(metadata, `The metadata of ${what} (${event.id})`),
    occurredAt: metadata.occurredAt,
    ...(event.recordedAt !== undefined && { recordedAt: new Date(event.recordedAt).toISOString() }),
  };
}

/** Checks everything that does not need the database; throws InvalidAppendError. */
export function prepareAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): PreparedEvent[] {
  if (!isNonEmptyString(streamId)) throw new InvalidAppendError('The stream id is empty');
  if (expected !== 'any' && expected !== 'no-stream' && !isRevision(expected)) {
    throw new InvalidAppendError(`Invalid expected revision ${String(expected)} for stream ${streamId}`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError(`Empty batch for stream ${streamId}`);
  }
  const prepared = events.map(prepareEvent);
  const seen = new Set<string>();
  for (const { id } of prepared) {
    if (seen.has(id))
      throw new InvalidAppendError(`Event id ${id} appears twice in the batch for ${streamId}`);
    seen.add(id);
  }
  return prepared;
}

/** Validates a read option that must be a non-negative integer when given. */
export function checkCount(value: number | undefined, name: string): number | undefined {
  if (value !== undefined && !isRevision(value)) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}
