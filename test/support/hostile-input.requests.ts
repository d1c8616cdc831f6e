import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { ROLES } from '../../apps/api/src/auth/roles';
import type { Role } from '../../apps/api/src/auth/roles';
import type { ParamSpec, RouteSpec, Schema } from './hostile-input.routes';
import {
  baselineOf,
  hostileQueryValue,
  hostileValue,
  INVALID_UTF8_BYTES,
  UNKNOWN_NAME,
} from './hostile-input.values';

/** What the answer to a defective request must be, beyond "a 4xx problem with a stable code". */
export interface Expectation {
  /** One of these codes. */
  readonly codes?: readonly string[];
  /** A validation problem whose `errors` name this field (or the object or list holding it). */
  readonly field?: string;
}

/** One request with one defect, ready to send as bytes. */
export interface HostileRequest {
  readonly route: string;
  readonly defect: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly expect: Expectation;
}

/** What the generators need of the running app: tokens and the ids of cases that exist. */
export interface HostileContext {
  readonly tokenOf: (role: Role) => string;
  readonly caseIds: readonly string[];
}

type Path = ReadonlyArray<string | number>;

/** A request being put together: decoded values, encoded only when it is sent. */
interface Draft {
  pathValues: Record<string, string>;
  rawPathValues: Record<string, string>;
  query: Array<[string, string]>;
  rawQuery: string[];
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: Buffer;
}

interface Defect {
  readonly label: string;
  readonly apply: (draft: Draft) => void;
  readonly expect: Expectation;
}

const VALIDATION = ['VALIDATION_FAILED'];
const JSON_HEADERS = { 'content-type': 'application/json' };

function fieldName(path: Path): string {
  return path.join('.');
}

function setAt(target: unknown, path: Path, value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

function deleteAt(target: unknown, path: Path): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  delete node[path[path.length - 1] as string | number];
}

interface Slot {
  readonly path: Path;
  readonly schema: Schema;
  readonly required: boolean;
}

/** Every field of a baseline body, nested ones and list items included. */
function slotsOf(schema: Schema, value: unknown, path: Path = []): Slot[] {
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

/** Objects in the baseline body where an unknown field can go, the body itself first. */
function objectPaths(schema: Schema, value: unknown): Path[] {
  return [
    [],
    ...slotsOf(schema, value)
      .filter((slot) => slot.schema.type === 'object')
      .map((slot) => slot.path),
  ];
}

/** Bytes of `text` with invalid UTF-8 in place of its first `\u0001`. */
function withInvalidBytes(text: string, bytes: readonly number[]): Buffer {
  const [before, after] = text.split('\u0001', 2) as [string, string];
  return Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(bytes), Buffer.from(after ?? '', 'utf8')]);
}

const percentEncoded = (bytes: readonly number[]) =>
  bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** Defects every route refuses before it looks at anything: the body's bytes, type, shape and size. */
function bodyDefects(route: RouteSpec): Arbitrary<Defect>[] {
  const base = route.body ? baselineOf(route.body) : {};
  const raw = (
    label: string,
    codes: string[],
    body: Buffer,
    headers: Record<string, string> = JSON_HEADERS,
  ) => ({
    label,
    apply: (draft: Draft) => {
      draft.rawBody = body;
      Object.assign(draft.headers, headers);
    },
    expect: { codes },
  });
  return [
    fc
      .record({ depth: fc.integer({ min: 33, max: 100_000 }), objects: fc.boolean() })
      .map(({ depth, objects }) =>
        raw(
          `JSON nested ${depth} deep`,
          ['JSON_TOO_DEEP'],
          Buffer.from(
            objects
              ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
              : `${'['.repeat(depth)}${']'.repeat(depth)}`,
          ),
        ),
      ),
    fc
      .integer({ min: 10_001, max: 60_000 })
      .map((count) =>
        raw(
          `JSON list of ${count} items`,
          ['JSON_TOO_MANY_MEMBERS'],
          Buffer.from(`[${'0,'.repeat(count - 1)}0]`),
        ),
      ),
    fc
      .tuple(
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.constantFrom(...objectPaths(route.body ?? {}, base)),
      )
      .map(([key, at]) => {
        const body = structuredClone(base);
        setAt(body, [...at, '\u0002'], { polluted: true });
        // JSON.parse keeps "__proto__" as a plain key; building the object here would set a prototype instead.
        const text = JSON.stringify(body).replace('"\\u0002"', `"${key}"`);
        return raw(`prototype key ${fieldName([...at, key])}`, ['JSON_FORBIDDEN_KEY'], Buffer.from(text));
      }),
    INVALID_UTF8_BYTES.map((bytes) =>
      raw(
        `body with bytes ${percentEncoded(bytes)}`,
        ['INVALID_UTF8'],
        withInvalidBytes(JSON.stringify({ ...(base as object), zzText: 'a\u0001b' }), bytes),
      ),
    ),
    fc
      .constantFrom('{', '{"a":1,}', "{'a':1}", '{"a":NaN}', '"text"', 'null', '{"a":1}x', '\u0000')
      .map((text) => raw(`malformed JSON ${JSON.stringify(text)}`, ['MALFORMED_JSON'], Buffer.from(text))),
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      )
      .map((type) =>
        raw(`content type ${type}`, ['UNSUPPORTED_MEDIA_TYPE'], Buffer.from(JSON.stringify(base)), {
          'content-type': type,
        }),
      ),
    fc.constantFrom('iso-8859-1', 'utf-16', 'windows-1252', 'utf-32').map((charset) =>
      raw(`charset ${charset}`, ['UNSUPPORTED_MEDIA_TYPE'], Buffer.from(JSON.stringify(base)), {
        'content-type': `application/json; charset=${charset}`,
      }),
    ),
  ];
}

/** Defects in the URL every route refuses: bytes that are no UTF-8 in the path or the query. */
function urlDefects(route: RouteSpec): Arbitrary<Defect>[] {
  const pathParams = route.params.filter((p) => p.in === 'path');
  return [
    fc.tuple(UNKNOWN_NAME, INVALID_UTF8_BYTES).map(([name, bytes]) => ({
      label: `query ${name}=${percentEncoded(bytes)}`,
      apply: (draft: Draft) => draft.rawQuery.push(`${name}=x${percentEncoded(bytes)}`),
      expect: { codes: ['INVALID_UTF8'], field: name },
    })),
    ...(pathParams.length === 0
      ? []
      : [
          fc.tuple(fc.constantFrom(...pathParams), INVALID_UTF8_BYTES).map(([param, bytes]) => ({
            label: `path ${param.name} with ${percentEncoded(bytes)}`,
            apply: (draft: Draft) => {
              draft.rawPathValues[param.name] =
                `${encodeURIComponent(draft.pathValues[param.name] ?? 'x')}${percentEncoded(bytes)}`;
            },
            expect: { codes: ['INVALID_UTF8'], field: 'path' },
          })),
        ]),
  ];
}

/** Characters a header may carry on the wire (Node refuses to send others). */
const HEADER_TEXT = fc.string({
  unit: fc.constantFrom(...'abcXYZ019 -_"/\u00e9\u00ff\u0080'.split('')),
  minLength: 1,
  maxLength: 30,
});

function headerDefects(route: RouteSpec): Arbitrary<Defect>[] {
  const documented = new Set(route.params.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()));
  const out: Arbitrary<Defect>[] = [];
  if (documented.has('x-acting-role') && route.roles !== 'public') {
    const notHeld = ROLES.filter((role) => !route.roles.includes(role));
    out.push(
      fc
        .oneof(
          HEADER_TEXT.filter((v) => !(ROLES as readonly string[]).includes(v.trim())),
          ...(notHeld.length ? [fc.constantFrom(...notHeld)] : []),
        )
        .map((value) => ({
          label: `X-Acting-Role ${JSON.stringify(value)}`,
          apply: (draft: Draft) => {
            draft.headers['x-acting-role'] = value;
          },
          expect: { codes: ['ACTING_ROLE_UNKNOWN', 'ACTING_ROLE_NOT_HELD', 'ACTING_ROLE_NOT_ALLOWED'] },
        })),
    );
  }
  if (documented.has('idempotency-key')) {
    out.push(
      fc
        .oneof(
          HEADER_TEXT.filter((v) => !/^[\x21-\x7e]{1,200}$/.test(v.trim())),
          fc.integer({ min: 201, max: 4000 }).map((n) => 'k'.repeat(n)),
        )
        .map((value) => ({
          label: `Idempotency-Key ${JSON.stringify(value.slice(0, 40))}`,
          apply: (draft: Draft) => {
            draft.headers['idempotency-key'] = value;
          },
          expect: { codes: VALIDATION, field: 'Idempotency-Key' },
        })),
    );
  }
  if (documented.has('if-match')) {
    out.push(
      fc
        .oneof(HEADER_TEXT, fc.constantFrom('W/"1"', '"-1"', '"1.5"', `"${'9'.repeat(16)}"`, '*'))
        .filter((v) => !/^\s*"?(\d{1,15})"?\s*$/.test(v.trim()))
        .map((value) => ({
          label: `If-Match ${JSON.stringify(value)}`,
          apply: (draft: Draft) => {
            draft.headers['if-match'] = value;
          },
          expect: { codes: VALIDATION, field: 'If-Match' },
        })),
    );
  }
  return out;
}

/** Defects in documented path and query parameters, each refused by the parameter's own rule. */
function parameterDefects(route: RouteSpec): Arbitrary<Defect>[] {
  const out: Arbitrary<Defect>[] = [];
  const query = route.params.filter((p) => p.in === 'query');
  for (const param of query) {
    const values = hostileQueryValue(param.schema);
    if (!values) continue;
    out.push(
      values.map((value) => ({
        label: `query ${param.name}=${JSON.stringify(value.slice(0, 40))}`,
        apply: (draft: Draft) => {
          draft.query = draft.query.filter(([name]) => name !== param.name);
          draft.query.push([param.name, value]);
        },
        expect: { codes: VALIDATION, field: param.name },
      })),
    );
  }
  if (query.length > 0) {
    out.push(
      UNKNOWN_NAME.map((name) => ({
        label: `unknown query parameter ${name}`,
        apply: (draft: Draft) => draft.query.push([name, '1']),
        expect: { codes: VALIDATION, field: name },
      })),
      fc.constantFrom(...query).map((param) => ({
        label: `query ${param.name} twice`,
        apply: (draft: Draft) => {
          const value = String(baselineOf(param.schema));
          draft.query = draft.query.filter(([name]) => name !== param.name);
          draft.query.push([param.name, value], [param.name, value]);
        },
        expect: { codes: VALIDATION, field: param.name },
      })),
    );
  }
  for (const param of route.params.filter((p) => p.in === 'path')) {
    const values = hostileQueryValue(param.schema);
    if (!values) continue;
    out.push(
      values.map((value) => ({
        label: `path ${param.name}=${JSON.stringify(value.slice(0, 40))}`,
        apply: (draft: Draft) => {
          draft.pathValues[param.name] = value;
        },
        // An unknown report or projection name is a 404; a malformed id a 400 naming it.
        expect: {},
      })),
    );
  }
  return out;
}

/** Defects inside a JSON body: a bad value in one field, a required field missing, an unknown one, no object at all. */
function jsonFieldDefects(route: RouteSpec): Array<{ weight: number; arbitrary: Arbitrary<Defect> }> {
  if (!route.body) {
    if (route.method === 'GET' || route.otherBody) return [];
    // A command that takes no body refuses one with fields rather than dropping them.
    return [
      {
        weight: 3,
        arbitrary: UNKNOWN_NAME.map((name) => ({
          label: `field ${name} on a route without a body`,
          apply: (draft: Draft) => {
            draft.body = { [name]: 'x' };
            Object.assign(draft.headers, JSON_HEADERS);
          },
          expect: { codes: VALIDATION, field: name },
        })),
      },
    ];
  }
  const schema = route.body;
  const base = baselineOf(schema);
  const out: Array<{ weight: number; arbitrary: Arbitrary<Defect> }> = [];
  const valueSlots = slotsOf(schema, base)
    .map((slot) => ({ slot, values: hostileValue(slot.schema, slot.required) }))
    .filter((entry): entry is { slot: Slot; values: Arbitrary<unknown> } => entry.values !== undefined);
  if (valueSlots.length > 0) {
    out.push({
      weight: 16,
      arbitrary: fc
        .constantFrom(...valueSlots)
        .chain(({ slot, values }) => values.map((value) => ({ slot, value })))
        .map(({ slot, value }) => ({
          label: `${fieldName(slot.path)}=${JSON.stringify(value)?.slice(0, 60)}`,
          apply: (draft: Draft) => setAt(draft.body, slot.path, value),
          expect: { codes: VALIDATION, field: fieldName(slot.path) },
        })),
    });
  }
  const required = slotsOf(schema, base).filter(
    (slot) => slot.required && typeof slot.path[slot.path.length - 1] === 'string',
  );
  if (required.length > 0) {
    out.push({
      weight: 3,
      arbitrary: fc.constantFrom(...required).map((slot) => ({
        label: `${fieldName(slot.path)} missing`,
        apply: (draft: Draft) => deleteAt(draft.body, slot.path),
        expect: { codes: VALIDATION, field: fieldName(slot.path) },
      })),
    });
  }
  out.push(
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...objectPaths(schema, base)), UNKNOWN_NAME).map(([at, name]) => ({
        label: `unknown field ${fieldName([...at, name])}`,
        apply: (draft: Draft) => setAt(draft.body, [...at, name], 'x'),
        expect: { codes: VALIDATION, field: fieldName([...at, name]) },
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>([], [base], 'text', 42, true).map((body) => ({
        label: `body ${JSON.stringify(body).slice(0, 30)} instead of an object`,
        apply: (draft: Draft) => {
          draft.body = body;
        },
        expect: { codes: [...VALIDATION, 'MALFORMED_JSON'] },
      })),
    },
  );
  return out;
}

function baseDraft(route: RouteSpec, context: HostileContext): Arbitrary<Draft> {
  const pathParams = route.params.filter((p) => p.in === 'path');
  const valueOf = (param: ParamSpec): Arbitrary<string> => {
    if (param.schema.format === 'uuid') return fc.constantFrom(...context.caseIds);
    if (param.schema.enum?.length) return fc.constantFrom(...param.schema.enum.map(String));
    return fc.constant(String(baselineOf(param.schema)));
  };
  const role = route.roles === 'public' ? fc.constant(undefined) : fc.constantFrom(...route.roles);
  return fc
    .record({
      role,
      values: fc.tuple(...pathParams.map(valueOf)),
    })
    .map(({ role: chosen, values }) => ({
      pathValues: Object.fromEntries(pathParams.map((p, i) => [p.name, values[i] as string])),
      rawPathValues: {},
      query: route.params
        .filter((p) => p.in === 'query' && p.required)
        .map((p): [string, string] => [p.name, String(baselineOf(p.schema))]),
      rawQuery: [],
      headers: {
        ...(chosen && { authorization: `Bearer ${context.tokenOf(chosen)}` }),
        ...(route.body && JSON_HEADERS),
      },
      ...(route.body && { body: structuredClone(baselineOf(route.body)) }),
    }));
}

/** `{"a":"\u0000raw-number:1e400"}` -> `{"a":1e400}`: numbers JSON can carry and JavaScript cannot write. */
function serialised(body: unknown): Buffer {
  const text = JSON.stringify(body).replace(/"\\u0000raw-number:([^"]*)"/g, '$1');
  return Buffer.from(text, 'utf8');
}

function encodedText(value: string): string {
  // A lone surrogate has no UTF-8 form: it goes on the wire as the replacement character's bytes.
  return encodeURIComponent(
    value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

function built(route: RouteSpec, draft: Draft, defect: Defect): HostileRequest {
  const path = route.template.replace(
    /\{(\w+)\}/g,
    (_, name: string) => draft.rawPathValues[name] ?? encodedText(draft.pathValues[name] ?? ''),
  );
  const query = [...draft.query.map(([k, v]) => `${encodedText(k)}=${encodedText(v)}`), ...draft.rawQuery];
  const body = draft.rawBody ?? (draft.body === undefined ? undefined : serialised(draft.body));
  return {
    route: `${route.method} ${route.template}`,
    defect: defect.label,
    method: route.method,
    path: query.length ? `${path}?${query.join('&')}` : path,
    headers: draft.headers,
    ...(body && { body }),
    expect: defect.expect,
  };
}

/** Requests to `route`, each the route's valid baseline with exactly one defect. */
export function hostileRequests(route: RouteSpec, context: HostileContext): Arbitrary<HostileRequest> {
  // The edge's own checks are few and cheap to cover; the fields are many, so they weigh more.
  const weighted = (weight: number, arbitraries: Arbitrary<Defect>[]) =>
    arbitraries.map((arbitrary) => ({ weight, arbitrary }));
  const defects = [
    ...weighted(1, bodyDefects(route)),
    ...weighted(1, urlDefects(route)),
    ...weighted(2, headerDefects(route)),
    ...weighted(3, parameterDefects(route)),
    ...jsonFieldDefects(route),
  ];
  return fc.tuple(baseDraft(route, context), fc.oneof(...defects)).map(([draft, defect]) => {
    defect.apply(draft);
    return built(route, draft, defect);
  });
}

/** The route's valid baseline as it would be sent, to check that only the defect is refused. */
export function baselineRequest(route: RouteSpec, context: HostileContext): Arbitrary<HostileRequest> {
  const none: Defect = { label: 'baseline', apply: () => undefined, expect: {} };
  return baseDraft(route, context).map((draft) => built(route, draft, none));
}
