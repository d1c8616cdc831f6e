import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { Schema } from './hostile-input.routes';

/**
 * Values for the hostile-input run: a valid baseline for every schema (from its examples, enums
 * and formats) and, for each kind of field, values the API's contract refuses for certain.
 */

/** A JSON number no JSON.stringify can write (1e400 parses to Infinity); swapped in after serialising. */
export const RAW_NUMBER = '\u0000raw-number:';

/** A valid value for `schema`: its example, else the first enum value, else one of its format. */
export function baselineOf(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.format === 'date') return '2025-01-01';
  if (schema.format === 'date-time') return '2025-01-01T00:00:00Z';
  if (schema.format === 'uuid') return '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
  const type = schema.type ?? 'string';
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'array') return [baselineOf(schema.items ?? {})];
  if (type === 'object') {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {})
        .filter(([, value]) => !value.deprecated)
        .map(([key, value]) => [key, baselineOf(value)]),
    );
  }
  return 'Baseline text';
}

/** What kind of value a schema asks for, as far as the generators tell kinds apart. */
export type ValueKind =
  | 'date'
  | 'instant'
  | 'enum'
  | 'pattern'
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'array'
  | 'object'
  | 'unconstrained';

export function kindOf(schema: Schema): ValueKind {
  if (schema.enum?.length) return 'enum';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'instant';
  if (schema.format === 'uuid' || schema.pattern !== undefined) return 'pattern';
  const type = schema.type ?? 'string';
  if (
    type === 'integer' ||
    type === 'number' ||
    type === 'boolean' ||
    type === 'array' ||
    type === 'object'
  ) {
    return type;
  }
  return schema.maxLength !== undefined ? 'text' : 'unconstrained';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The characters from `first` to `last`, both included. */
const range = (first: number, last: number): string[] =>
  Array.from({ length: last - first + 1 }, (_, i) => String.fromCharCode(first + i));

/** Characters refused in every text field, long or short (tab and line breaks are not among them). */
const ALWAYS_REFUSED: readonly string[] = [
  ...range(0x00, 0x08),
  ...range(0x0b, 0x0c),
  ...range(0x0e, 0x1f),
  ...range(0x7f, 0x9f),
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
];
const LONE_SURROGATES = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
const INVISIBLE = [' ', '\u00A0', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u3000'];
const WORDS = fc.string({ unit: fc.constantFrom(...'abcdefghij XYZ'.split('')), maxLength: 12 });

/** Text a person could have typed with one refused character somewhere in it. */
const textWith = (bad: Arbitrary<string>) =>
  fc.tuple(WORDS, bad, WORDS).map(([before, character, after]) => `x${before}${character}${after}`);

const dirtyText = (maxLength: number): Arbitrary<string> =>
  fc.oneof(
    textWith(fc.constantFrom(...ALWAYS_REFUSED)),
    textWith(LONE_SURROGATES),
    fc.array(fc.constantFrom(...INVISIBLE), { maxLength: 8 }).map((parts) => parts.join('')),
    fc.integer({ min: 1, max: 50 }).map((extra) => 'a'.repeat(maxLength + extra)),
  );

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Dates that look like dates and are none: a day past the month's end, month 0 or 13, a year out of range. */
const impossibleDate: Arbitrary<string> = fc.oneof(
  fc
    .record({ year: fc.integer({ min: 1900, max: 2999 }), month: fc.integer({ min: 1, max: 12 }) })
    .chain(({ year, month }) => {
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      const last = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] as number);
      return fc
        .integer({ min: last + 1, max: 99 })
        .map((day) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
    }),
  fc
    .tuple(fc.integer({ min: 1900, max: 2999 }), fc.constantFrom(0, 13, 19, 99))
    .map(([year, month]) => `${year}-${pad(month, 2)}-01`),
  fc
    .oneof(fc.integer({ min: 0, max: 1899 }), fc.integer({ min: 3000, max: 9999 }))
    .map((y) => `${pad(y, 4)}-01-01`),
  fc.constantFrom('9999-12-31', '275760-09-13', '+275760-09-13', '-000001-01-01', '0000-00-00'),
  fc.constantFrom(
    '2025-1-1',
    '01-02-2025',
    '2025/01/01',
    '20250101',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '',
  ),
);

/** Instants with a part that does not exist, no zone, or a year out of range. */
const impossibleInstant: Arbitrary<string> = fc.oneof(
  impossibleDate.map((date) => `${date}T00:00:00Z`),
  fc
    .tuple(fc.integer({ min: 24, max: 99 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `2025-06-01T${pad(h, 2)}:${pad(m, 2)}:00Z`),
  fc.integer({ min: 60, max: 99 }).map((m) => `2025-06-01T12:${m}:00Z`),
  fc.integer({ min: 15, max: 99 }).map((h) => `2025-06-01T12:00:00+${pad(h, 2)}:00`),
  fc.constantFrom(
    '2025-06-01T12:00:00',
    '2025-06-01',
    '9999-12-31T23:59:59Z',
    '275760-09-13T00:00:00Z',
    '1748779200000',
    'now',
  ),
);

/** Values of another JSON type than `kind` holds (null only where the field is required: optional means null is absent). */
function wrongType(kind: ValueKind, required: boolean): Arbitrary<unknown> {
  const nullable = required ? [fc.constant(null)] : [];
  switch (kind) {
    case 'integer':
    case 'number':
      return fc.oneof(fc.constant('5'), fc.constant(true), fc.constant([1]), fc.constant({}), ...nullable);
    case 'boolean':
      return fc.oneof(fc.constant('true'), fc.constant(1), fc.constant(0), fc.constant([]), ...nullable);
    case 'array':
      return fc.oneof(fc.constant('x'), fc.constant(1), fc.constant({}), fc.constant(true), ...nullable);
    case 'object':
      return fc.oneof(fc.constant('x'), fc.constant(1), fc.constant([]), fc.constant(true), ...nullable);
    case 'date':
    case 'instant':
    case 'enum':
    case 'pattern':
    case 'text':
    case 'unconstrained':
      return fc.oneof(fc.constant(123), fc.constant(true), fc.constant(['x']), fc.constant({}), ...nullable);
    default: {
      const never: never = kind;
      throw new Error(`No wrong type for ${String(never)}`);
    }
  }
}

/** Numbers outside [minimum, maximum], fractions for whole numbers, and numbers JSON cannot hold. */
function badNumber(schema: Schema, integer: boolean): Arbitrary<unknown>[] {
  const out: Arbitrary<unknown>[] = [fc.constantFrom(`${RAW_NUMBER}1e400`, `${RAW_NUMBER}-1e400`)];
  if (schema.minimum !== undefined) {
    out.push(fc.double({ min: -1e300, max: schema.minimum - 1, noNaN: true }));
  }
  if (schema.maximum !== undefined) {
    out.push(fc.double({ min: schema.maximum + 1, max: 1e300, noNaN: true }), fc.constant(1e308));
  }
  if (integer) out.push(fc.integer({ min: 1, max: 100 }).map((n) => n + 0.5));
  return out;
}

/**
 * Values the contract refuses for a field of `schema`, or undefined where the schema says too
 * little to be sure (a string with no format, pattern, enum or length).
 */
export function hostileValue(schema: Schema, required: boolean): Arbitrary<unknown> | undefined {
  const kind = kindOf(schema);
  const wrong = wrongType(kind, required);
  switch (kind) {
    case 'date':
      return fc.oneof({ weight: 4, arbitrary: impossibleDate }, { weight: 1, arbitrary: wrong });
    case 'instant':
      return fc.oneof({ weight: 4, arbitrary: impossibleInstant }, { weight: 1, arbitrary: wrong });
    case 'enum': {
      const allowed = (schema.enum ?? []).map(String);
      const other = fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(...allowed.map((v) => v.toUpperCase()), ...allowed.map((v) => ` ${v}`)),
      );
      return fc.oneof(
        other.filter((value) => !allowed.includes(value)),
        wrong,
      );
    }
    case 'pattern': {
      const pattern = schema.format === 'uuid' ? UUID : new RegExp(schema.pattern as string);
      return fc.oneof(
        fc
          .oneof(fc.string({ maxLength: 40 }), textWith(fc.constantFrom(...ALWAYS_REFUSED)))
          .filter((value) => !pattern.test(value)),
        wrong,
      );
    }
    case 'text':
      return fc.oneof(
        { weight: 4, arbitrary: dirtyText(schema.maxLength as number) },
        { weight: 1, arbitrary: wrong },
      );
    case 'integer':
      return fc.oneof(...badNumber(schema, true), wrong);
    case 'number':
      return fc.oneof(...badNumber(schema, false), wrong);
    case 'boolean':
    case 'array':
    case 'object':
      return wrong;
    case 'unconstrained':
      return undefined;
    default: {
      const never: never = kind;
      throw new Error(`No hostile value for ${String(never)}`);
    }
  }
}

/**
 * Query-string values the contract refuses for a parameter (query values are always strings:
 * no wrong JSON types here), or undefined where the schema says too little.
 */
export function hostileQueryValue(schema: Schema): Arbitrary<string> | undefined {
  // A repeatable parameter carries one item per occurrence: a bad item is a bad value.
  const one = schema.type === 'array' && schema.items ? schema.items : schema;
  const values = hostileValue({ ...one, type: 'string' }, true);
  if (!values) return undefined;
  // A lone surrogate has no UTF-8 form, so a URL carries it as U+FFFD, which is acceptable text:
  // in a query it is no defect (invalid UTF-8 in a query is its own defect, INVALID_UTF8_BYTES).
  return values.filter(
    (value): value is string => typeof value === 'string' && value !== '' && !/[\uD800-\uDFFF]/.test(value),
  );
}

/** Byte sequences that are no UTF-8: a stray continuation byte, 0xFF, an overlong "/", a surrogate, a cut sequence. */
export const INVALID_UTF8_BYTES: Arbitrary<readonly number[]> = fc.constantFrom(
  [0x80],
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
);

/** Property names no DTO has: letters only, so never a prototype key. */
export const UNKNOWN_NAME: Arbitrary<string> = fc
  .string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzXYZ'.split('')),
    minLength: 1,
    maxLength: 16,
  })
  .map((name) => `zz${name}`);
