import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import {
  deleteAt,
  fieldName,
  JSON_HEADERS,
  objectPaths,
  setAt,
  slotsOf,
  VALIDATION,
} from './hostile-input.draft';
import type { Defect, Draft, Slot } from './hostile-input.draft';
import type { RouteSpec } from './hostile-input.routes';
import { baselineOf, hostileQueryValue, hostileValue, UNKNOWN_NAME } from './hostile-input.values';

/** The query parameter `name` with exactly these values, in place of any it had. */
function setQuery(draft: Draft, name: string, values: readonly string[]): void {
  draft.query = [
    ...draft.query.filter(([n]) => n !== name),
    ...values.map((v): [string, string] => [name, v]),
  ];
}

/** Defects in documented path and query parameters, each refused by the parameter's own rule. */
export function parameterDefects(route: RouteSpec): Arbitrary<Defect>[] {
  const out: Arbitrary<Defect>[] = [];
  const query = route.params.filter((p) => p.in === 'query');
  for (const param of query) {
    const values = hostileQueryValue(param.schema);
    if (!values) continue;
    out.push(
      values.map((value) => ({
        label: `query ${param.name}=${JSON.stringify(value.slice(0, 40))}`,
        apply: (draft: Draft) => setQuery(draft, param.name, [value]),
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
    );
    // A parameter given twice is one value too many, unless it is repeatable: then one past its limit is.
    const single = query.filter((p) => p.schema.type !== 'array');
    if (single.length > 0) {
      out.push(
        fc.constantFrom(...single).map((param) => ({
          label: `query ${param.name} twice`,
          apply: (draft: Draft) =>
            setQuery(draft, param.name, Array(2).fill(String(baselineOf(param.schema)))),
          expect: { codes: VALIDATION, field: param.name },
        })),
      );
    }
    const repeatable = query.filter((p) => p.schema.type === 'array' && p.schema.maxItems !== undefined);
    if (repeatable.length > 0) {
      out.push(
        fc.constantFrom(...repeatable).map((param) => ({
          label: `query ${param.name} ${(param.schema.maxItems ?? 0) + 1} times`,
          apply: (draft: Draft) => {
            const [item] = [baselineOf(param.schema)].flat();
            setQuery(draft, param.name, Array((param.schema.maxItems ?? 0) + 1).fill(String(item)));
          },
          expect: { codes: VALIDATION, field: param.name },
        })),
      );
    }
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
export function jsonFieldDefects(route: RouteSpec): Array<{ weight: number; arbitrary: Arbitrary<Defect> }> {
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
