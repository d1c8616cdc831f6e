/*
 * Reports are JSON with their keys sorted at every level, so that the bytes depend only on the
 * content, never on the order a builder added members in. Sorting by copying each object (and
 * indenting a nested item by rewriting its text) cost a whole-history listing a copy of every line
 * and most of its garbage; this writes the same text in one pass over the value.
 */

/** An array index as an object key: JavaScript lists such keys first, in numeric order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

function isArrayIndex(key: string): boolean {
  return ARRAY_INDEX.test(key) && Number(key) <= MAX_ARRAY_INDEX;
}

/**
 * The order `JSON.stringify` would list the keys of an object rebuilt from its keys sorted: array
 * indices first by number (an object always enumerates them so), then the others sorted.
 */
function sortedKeys(keys: readonly string[]): string[] {
  const sorted = [...keys].sort();
  if (!sorted.some(isArrayIndex)) return sorted;
  const indices = sorted.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...sorted.filter((key) => !isArrayIndex(key))];
}

interface Shape {
  /** The keys in the object's own order: the id joins them, and keys may hold the joint. */
  readonly own: readonly string[];
  readonly keys: readonly string[];
  /** Each key as JSON, with its separator: `"key": `. */
  readonly names: readonly string[];
}

/**
 * The sorted keys of each shape of object met, by its keys in their own order: a listing writes
 * hundreds of thousands of lines of a handful of shapes. Bounded, since a report may also hold
 * maps keyed by data (countries, years).
 */
const SHAPES = new Map<string, Shape>();
const MAX_SHAPES = 1000;

function shapeOf(record: object): Shape {
  const own = Object.keys(record);
  const id = own.join('\u0000');
  const known = SHAPES.get(id);
  if (known !== undefined && known.own.length === own.length && known.own.every((key, i) => key === own[i]))
    return known;
  const keys = sortedKeys(own);
  const shape = { own, keys, names: keys.map((key) => `${JSON.stringify(key)}: `) };
  if (SHAPES.size >= MAX_SHAPES) SHAPES.clear();
  SHAPES.set(id, shape);
  return shape;
}

/** The text of `value` at nesting `pad`, or undefined where `JSON.stringify` leaves it out. */
function write(value: unknown, key: string, pad: string): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  const type = typeof v;
  switch (type) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(v);
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
    default: {
      const unexpected: never = type;
      throw new TypeError(`Cannot write a value of type ${String(unexpected)} as JSON`);
    }
  }
  if (v === null) return 'null';
  const inner = `${pad}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      out += `${i === 0 ? '\n' : ',\n'}${inner}${write(v[i], String(i), inner) ?? 'null'}`;
    }
    return `${out}\n${pad}]`;
  }
  const record = v as Readonly<Record<string, unknown>>;
  const { keys, names } = shapeOf(record);
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const name = keys[i]!;
    const text = write(record[name], name, inner);
    if (text === undefined) continue;
    out += `${out === '' ? '{\n' : ',\n'}${inner}${names[i]!}${text}`;
  }
  return out === '' ? '{}' : `${out}\n${pad}}`;
}

/**
 * `JSON.stringify(value, null, 2)` of `value` with its keys sorted at every level (as
 * `Object.fromEntries` of the sorted keys would list them), each line after the first indented by
 * `pad` more: the text of `value` nested at that depth in a larger document.
 */
export function sortedJson(value: unknown, pad = ''): string {
  const text = write(value, '', pad);
  if (text === undefined) throw new TypeError(`Cannot write ${typeof value} as JSON`);
  return text;
}
