import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { Role } from '../../apps/api/src/auth/roles';
import type { Defect, Draft, Expectation } from './hostile-input.draft';
import { JSON_HEADERS } from './hostile-input.draft';
import { bodyDefects, headerDefects, urlDefects } from './hostile-input.edge-defects';
import { jsonFieldDefects, parameterDefects } from './hostile-input.field-defects';
import type { ParamSpec, RouteSpec } from './hostile-input.routes';
import { baselineOf } from './hostile-input.values';

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
      // A repeatable parameter (an array) goes once per item: `destination=DE&destination=TR`.
      query: route.params
        .filter((p) => p.in === 'query' && p.required)
        .flatMap((p) => [baselineOf(p.schema)].flat().map((v): [string, string] => [p.name, String(v)])),
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
