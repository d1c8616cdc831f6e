import type { Schema } from './hostile-input.routes';

// What every hostile-input generator shares: a request being built, a defect, the fields of a body.

/** What the answer to a defective request must be, beyond "a 4xx problem with a stable code". */
export interface Expectation {
  /** One of these codes. */
  readonly codes?: readonly string[];
  /** A validation problem whose `errors` name this field (or the object or list holding it). */
  readonly field?: string;
}

export type Path = ReadonlyArray<string | number>;

/** A request being put together: decoded values, encoded only when it is sent. */
export interface Draft {
  pathValues: Record<string, string>;
  rawPathValues: Record<string, string>;
  query: Array<[string, string]>;
  rawQuery: string[];
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: Buffer;
}

export interface Defect {
  readonly label: string;
  readonly apply: (draft: Draft) => void;
  readonly expect: Expectation;
}

export const VALIDATION = ['VALIDATION_FAILED'];
export const JSON_HEADERS = { 'content-type': 'application/json' };

export function fieldName(path: Path): string {
  return path.join('.');
}

export function setAt(target: unknown, path: Path, value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

export function deleteAt(target: unknown, path: Path): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  delete node[path[path.length - 1] as string | number];
}

export interface Slot {
  readonly path: Path;
  readonly schema: Schema;
  readonly required: boolean;
}

/** Every field of a baseline body, nested ones and list items included. */
export function slotsOf(schema: Schema, value: unknown, path: Path = []): Slot[] {
  if (schema.type === 'array' && Array.isArray(value) && schema.items) {
    const items = schema.items;
    return value.flatMap((item, index) => [
      { path: [...path, index], schema: items, required: true },
      ...slotsOf(items, item, [...path, index]),
    ]);
  }
  if (!schema.properties || typeof value !== 'object' || value === null) return [];
  return Object.entries(schema.properties).flatMap(([key, child]) => [
    { path: [...path, key], schema: child, required: schema.required?.includes(key) ?? false },
    ...slotsOf(child, (value as Record<string, unknown>)[key], [...path, key]),
  ]);
}

function valueAt(target: unknown, path: Path): unknown {
  let node = target;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}

/**
 * Objects in the baseline body where an unknown field can go, the body itself first. An object
 * field the baseline leaves out (a legacy one) has no object to put a field in.
 */
export function objectPaths(schema: Schema, value: unknown): Path[] {
  return [
    [],
    ...slotsOf(schema, value)
      .filter((slot) => slot.schema.type === 'object' && typeof valueAt(value, slot.path) === 'object')
      .map((slot) => slot.path),
  ];
}

/** Bytes of `text` with invalid UTF-8 in place of its first `\u0001`. */
export function withInvalidBytes(text: string, bytes: readonly number[]): Buffer {
  const [before, after] = text.split('\u0001', 2) as [string, string];
  return Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(bytes), Buffer.from(after ?? '', 'utf8')]);
}

export const percentEncoded = (bytes: readonly number[]) =>
  bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
