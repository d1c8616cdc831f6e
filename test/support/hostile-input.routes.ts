import { randomUUID } from 'node:crypto';
import { ROLES } from '../../apps/api/src/auth/roles';
import type { Role } from '../../apps/api/src/auth/roles';
import type { TestApp } from './test-app';

/** The part of an OpenAPI schema object the hostile-input generators read. */
export interface Schema {
  readonly type?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly example?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
  /** A legacy field: the baseline leaves it out, as current clients do. */
  readonly deprecated?: boolean;
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
}

export interface ParamSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: Schema;
}

/** One operation of the API as its OpenAPI document describes it, with the roles that may call it. */
export interface RouteSpec {
  readonly method: string;
  /** `/api/licences/{id}/issue` */
  readonly template: string;
  readonly params: readonly ParamSpec[];
  /** The JSON body's schema, with every `$ref` resolved; absent when the route takes no JSON body. */
  readonly body?: Schema;
  /** The route takes a body of another media type (the JSON Lines import). */
  readonly otherBody: boolean;
  /** Roles whose tokens pass the route's guard; `public` when no token is needed. */
  readonly roles: readonly Role[] | 'public';
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Inlines `$ref`s and single-member `allOf`s (how Nest's swagger wraps a described nested DTO). */
function resolved(schema: Schema, document: OpenApiDocument): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`OpenAPI names an unknown schema ${schema.$ref}`);
    return resolved({ ...target, ...withoutRef(schema) }, document);
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return resolved({ ...(allOf[0] as Schema), ...rest }, document);
  }
  return {
    ...schema,
    ...(schema.items && { items: resolved(schema.items, document) }),
    ...(schema.properties && {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(schema.properties).map(([key, value]) => [key, resolved(value, document)]),
      ),
    }),
  };
}

function withoutRef(schema: Schema): Schema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

/** Every operation of the running app's OpenAPI document, roles not yet known. */
export async function routesOf(app: TestApp): Promise<Array<Omit<RouteSpec, 'roles'>>> {
  const answer = await app.request<OpenApiDocument>('GET', '/api/docs-json');
  if (answer.status !== 200) throw new Error(`GET /api/docs-json answered ${answer.status}`);
  const document = answer.body;
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        template,
        params: (operation.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in as ParamSpec['in'],
          required: p.required ?? false,
          schema: resolved(p.schema ?? {}, document),
        })),
        ...(json && { body: resolved(json, document) }),
        otherBody: Object.keys(content).some((type) => type !== 'application/json'),
      };
    }),
  );
}

/** A path for probing who may call a route: ids that exist nowhere, names no route knows. */
function probePath(route: Omit<RouteSpec, 'roles'>): string {
  return route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const schema = route.params.find((p) => p.in === 'path' && p.name === name)?.schema ?? {};
    if (schema.format === 'uuid') return randomUUID();
    if (schema.pattern === '^[0-9a-f]{64}$') return 'f'.repeat(64);
    return 'no-such-thing';
  });
}

/**
 * Which roles a route lets in, found by asking it: a token of each role, on ids that exist
 * nowhere and with a body no route accepts (`[]`), so that no probe can append anything. The
 * guard answers 401 or 403 before anything else looks at the request.
 */
export async function withRoles(app: TestApp, route: Omit<RouteSpec, 'roles'>): Promise<RouteSpec> {
  const path = probePath(route);
  const send = (token?: string) =>
    app.request(route.method, path, {
      ...(token && { token }),
      ...(route.method !== 'GET' && { rawBody: '[]' }),
    });
  const anonymous = await send();
  if (anonymous.status !== 401) return { ...route, roles: 'public' };
  const roles: Role[] = [];
  for (const role of ROLES) {
    const answer = await send(app.token(role));
    if (answer.status !== 401 && answer.status !== 403) roles.push(role);
  }
  if (roles.length === 0) throw new Error(`No role may call ${route.method} ${route.template}`);
  return { ...route, roles };
}
