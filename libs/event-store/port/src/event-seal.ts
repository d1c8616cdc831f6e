import { createHash } from 'node:crypto';
import type { RecordedEvent } from './event-store.port';

/**
 * The hashes that seal one stored event into two chains: the chain of its own stream (ordered by
 * revision) and the chain over the whole store (ordered by global position).
 */
export interface EventSeal {
  /** Lowercase hex SHA-256 of the previous stream hash followed by the event's canonical encoding. */
  readonly streamHash: string;
  /** Lowercase hex SHA-256 of the previous chain hash followed by the event's canonical encoding. */
  readonly chainHash: string;
}

/** The "previous hash" of the first event of a stream and of the first event of the store. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a recorded event that its seal covers; the seal itself is not part of them. */
export type SealedContent = Pick<
  RecordedEvent,
  'id' | 'streamId' | 'revision' | 'position' | 'type' | 'schemaVersion' | 'data' | 'metadata' | 'recordedAt'
>;

/**
 * Deterministic JSON of a JSON value, so that equal values always give the same text whatever the
 * order in which their object keys were written:
 * - no whitespace anywhere;
 * - `null`, `true`, `false` as in JSON;
 * - a number as ECMAScript writes it (`JSON.stringify`: shortest round-trip form, `-0` as `0`,
 *   `1e21` and up in exponent form); only finite numbers are allowed;
 * - a string as `JSON.stringify` writes it: `"` and `\` escaped, U+0000..U+001F as `\b \t \n \f \r`
 *   or `\u00xx` (lowercase hex), everything else (all non-ASCII included) as the character itself;
 * - an array as `[` its elements in order, comma-separated `]`;
 * - an object as `{` `"key":value` pairs, comma-separated, keys sorted by their UTF-16 code units
 *   (the default order of `Array.prototype.sort`), `}`; a property whose value is `undefined` is
 *   left out, as in JSON.
 * For the values a stored event can hold this is RFC 8785 (JSON Canonicalization Scheme), so any
 * JCS implementation reproduces it.
 * @throws TypeError for a value that has no JSON form (a function, a non-finite number, a bigint...).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no canonical JSON form`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new TypeError(`A ${typeof value} has no canonical JSON form`);
}

// Built by appending to one string rather than through filter/sort/map/join arrays: sealing and
// verification encode every event, and these intermediate arrays were most of their garbage.
function canonicalArray(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // As in JSON, an array hole or undefined element is written as null.
    text += (i === 0 ? '' : ',') + (item === undefined ? 'null' : canonicalJson(item));
  }
  return `${text}]`;
}

function canonicalObject(record: Record<string, unknown>): string {
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let text = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

/**
 * The canonical encoding of an event: `canonicalJson` of the object with exactly the members
 * `data`, `id`, `metadata`, `position`, `recordedAt`, `revision`, `schemaVersion`, `streamId` and
 * `type` (written in that, sorted, order), each with its stored value.
 */
export function canonicalEventEncoding(event: SealedContent): string {
  return canonicalJson({
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  });
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Seals an event. With `C` its canonical encoding (`canonicalEventEncoding`):
 *
 *     streamHash = hex(SHA-256(UTF-8(previousStreamHash + C)))
 *     chainHash  = hex(SHA-256(UTF-8(previousChainHash + C)))
 *
 * where `+` joins text, `hex` is lowercase hexadecimal (64 characters), `previousStreamHash` is the
 * `streamHash` of the event with the previous revision in the same stream and `previousChainHash`
 * the `chainHash` of the event with the previous global position; both are `GENESIS_HASH` (64 zeros)
 * for the first event of a stream and of the store.
 *
 * Since every chain hash depends on all the events before it, a chain hash published at some
 * position lets anyone holding the events check later that none of them up to that position was
 * changed, removed, inserted or reordered since.
 */
export function sealOf(
  event: SealedContent,
  previousStreamHash: string,
  previousChainHash: string,
): EventSeal {
  const canonical = canonicalEventEncoding(event);
  return {
    streamHash: sha256Hex(previousStreamHash + canonical),
    chainHash: sha256Hex(previousChainHash + canonical),
  };
}
