import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { ROLES } from '../../apps/api/src/auth/roles';
import {
  fieldName,
  JSON_HEADERS,
  objectPaths,
  percentEncoded,
  setAt,
  VALIDATION,
  withInvalidBytes,
} from './hostile-input.draft';
import type { Defect, Draft } from './hostile-input.draft';
import type { RouteSpec } from './hostile-input.routes';
import { baselineOf, INVALID_UTF8_BYTES, UNKNOWN_NAME } from './hostile-input.values';

// Defects the edge refuses before a route reads the request: body bytes, type, shape and size, URL bytes, headers.

/** Defects every route refuses before it looks at anything: the body's bytes, type, shape and size. */
export function bodyDefects(route: RouteSpec): Arbitrary<Defect>[] {
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
export function urlDefects(route: RouteSpec): Arbitrary<Defect>[] {
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

export function headerDefects(route: RouteSpec): Arbitrary<Defect>[] {
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
