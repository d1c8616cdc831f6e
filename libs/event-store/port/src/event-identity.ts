import { createHash } from 'node:crypto';
import { canonicalJson } from './event-seal';
import type { EventIdConflictKind } from './event-store.errors';

/**
 * What makes two events with one id the same event, as the port defines it (`EventStore`): the
 * stream, the type, the schema version and the data. Metadata is left out on purpose: it
 * describes the attempt (when it was decided, which request carried it), and a genuine retry of
 * an append, or of a command whose first answer was lost, carries new attempt details.
 */
export interface EventIdentity {
  readonly streamId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * Data in the form a store keeps it (JSON), written canonically: key order, `undefined` members
 * and values with a `toJSON` (dates) compare as they would once stored.
 */
export function storedDataOf(data: unknown): string {
  const json = JSON.stringify(data);
  return canonicalJson(json === undefined ? null : (JSON.parse(json) as unknown));
}

/**
 * How an event being appended differs from the stored event that has its id; `undefined` when it
 * is the same event, so that the append is an idempotent retry of it.
 */
export function eventIdConflictOf(
  proposed: EventIdentity,
  stored: EventIdentity,
): EventIdConflictKind | undefined {
  if (proposed.streamId !== stored.streamId) return 'other-stream';
  if (proposed.type !== stored.type) return 'other-type';
  if (proposed.schemaVersion !== stored.schemaVersion) return 'other-schema-version';
  if (storedDataOf(proposed.data) !== storedDataOf(stored.data)) return 'other-data';
  return undefined;
}

/** The fields a derived id hashes: a namespace naming what the id is for, then its parts. */
export type IdTuple = readonly [namespace: string, ...fields: (string | number)[]];

/**
 * A UUID derived from a tuple, the same every time: the SHA-256 of the tuple written as a JSON
 * array, with the version set to 8 (RFC 9562: name-based with another hash than SHA-1) and the
 * variant to 10. JSON keeps the fields apart, so no two tuples share an encoding (`['x/y', 'k']`
 * and `['x', 'y/k']` differ), and the namespace keeps ids derived for one purpose from meeting
 * those derived for another. Changing a namespace's fields changes its ids: give it a new name.
 * @throws TypeError for a number that is not a safe integer (its JSON would not be stable).
 */
export function uuidOfTuple(tuple: IdTuple): string {
  for (const field of tuple) {
    if (typeof field === 'number' && !Number.isSafeInteger(field)) {
      throw new TypeError(`An id tuple takes whole numbers only, got ${field}`);
    }
  }
  const hex = createHash('sha256').update(JSON.stringify(tuple), 'utf8').digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
