import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ACTING_ROLE_HEADER } from '../apps/api/src/auth/jwt-auth.guard';
import { PUBLIC_KEY, ROLES, ROLES_KEY } from '../apps/api/src/auth/roles';
import type { Role } from '../apps/api/src/auth/roles';
import { REPO_ROOT } from './support/child-processes';
import { TestApp } from './support/test-app';
import type { HttpAnswer } from './support/test-app';
import { keySetFileIssuer, keySetUrlIssuer, sharedSecretIssuer } from './support/token-issuers';
import type { TokenIssuer } from './support/token-issuers';

/*
 * Every route the API serves, read from its own OpenAPI document (so a new route is covered
 * without touching this file), against every role, a few role pairs and every token defect, for
 * each way of configuring identity. The roles a route allows come from its @Roles metadata; the
 * matrix in docs/access-matrix.md is generated from the same routes and must equal this run's.
 */

const MATRIX_FILE = join(REPO_ROOT, 'docs/access-matrix.md');
const REGENERATE = 'UPDATE_ACCESS_MATRIX=1 TZ=UTC npx jest test/access-matrix.e2e.spec.ts';

interface Route {
  readonly method: string;
  /** As the OpenAPI document writes it: `/api/licences/{id}`. */
  readonly path: string;
  /** `public`, or the roles of which a caller needs one. */
  readonly allows: 'public' | readonly Role[];
}

interface OpenApi {
  paths: Record<string, Record<string, { operationId: string }>>;
}

/** Controller class name and method -> its handler and class, from Nest's module container. */
function handlersOf(nest: INestApplication): Map<string, { handler: object; controller: object }> {
  const handlers = new Map<string, { handler: object; controller: object }>();
  for (const module of nest.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { name: string; prototype: Record<string, unknown> } | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined)
          continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        handlers.set(`${controller.name}_${name}`, { handler, controller });
      }
    }
  }
  return handlers;
}

/** The routes of the OpenAPI document, each with the roles its handler allows; every handler must be in it. */
async function routesOf(app: TestApp): Promise<Route[]> {
  const document = (await app.request<OpenApi>('GET', '/api/docs-json')).body;
  const handlers = handlersOf(app.nest);
  const reflector = new Reflector();
  const routes: Route[] = [];
  const documented = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, { operationId }] of Object.entries(operations)) {
      const found = handlers.get(operationId);
      if (!found) throw new Error(`${method} ${path}: no handler named ${operationId}`);
      documented.add(operationId);
      const targets = [found.handler, found.controller] as never[];
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) === true;
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
      routes.push({ method: method.toUpperCase(), path, allows: isPublic ? 'public' : roles });
    }
  }
  // A handler left out of the document would be left out of the matrix.
  expect([...handlers.keys()].filter((id) => !documented.has(id))).toEqual([]);
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** A concrete path for the route: a fresh UUID or a name nothing holds, so that nothing is found or changed. */
const concrete = (path: string) =>
  path.replace(/\{id\}/g, randomUUID()).replace(/\{(\w+)\}/g, (_, name: string) => `no-such-${name}`);

const label = (route: Route) => `${route.method} ${route.path}`;

function call(app: TestApp, route: Route, token?: string, actingRole?: Role): Promise<HttpAnswer> {
  return app.request(route.method, concrete(route.path), {
    ...(token && { token }),
    ...(route.method !== 'GET' && { body: {} }),
    ...(actingRole && { headers: { [ACTING_ROLE_HEADER]: actingRole } }),
  });
}

/** What the guard must answer for a token holding `held` (and naming `acting`), by the route's roles. */
function expectedFor(route: Route, held: readonly Role[], acting?: Role): 'allowed' | 403 | 400 {
  if (route.allows === 'public') return 'allowed';
  const allowed = route.allows;
  const fitting = allowed.filter((role) => held.includes(role));
  if (fitting.length === 0) return 403;
  if (acting) return allowed.includes(acting) ? 'allowed' : 403;
  return fitting.length > 1 ? 400 : 'allowed';
}

/** `allowed`, 403, 400 (acting role required), or what else came back, for the list of mismatches. */
function outcomeOf(answer: HttpAnswer): 'allowed' | 403 | 400 | `${number} ${string}` {
  const problem = answer.contentType.includes('application/problem+json');
  if (answer.status === 403 && problem) return 403;
  if (answer.status === 400 && problem && answer.body.code === 'ACTING_ROLE_REQUIRED') return 400;
  if (answer.status === 401 || answer.status === 403) return `${answer.status} ${String(answer.body.code)}`;
  return 'allowed';
}

/** The role pairs that matter on a route: one allowed beside one not, two allowed, two not allowed. */
function pairsFor(route: Route): { held: Role[]; acting?: Role }[] {
  if (route.allows === 'public') return [];
  const allowed = route.allows;
  const others = ROLES.filter((role) => !allowed.includes(role));
  const pairs: { held: Role[]; acting?: Role }[] = [];
  if (allowed[0] && others[0]) {
    pairs.push({ held: [others[0], allowed[0]] });
    pairs.push({ held: [others[0], allowed[0]], acting: others[0] });
  }
  if (allowed[0] && allowed[1]) {
    pairs.push({ held: [allowed[0], allowed[1]] });
    pairs.push({ held: [allowed[0], allowed[1]], acting: allowed[1] });
  }
  if (others[0] && others[1]) pairs.push({ held: [others[0], others[1]] });
  return pairs;
}

/** The matrix as docs/access-matrix.md shows it, in Prettier's table layout. */
function matrixMarkdown(routes: readonly Route[]): string {
  const header = ['Route', ...ROLES];
  const rows = routes.map((route) => [
    `\`${label(route)}\``,
    ...ROLES.map((role) =>
      route.allows === 'public' ? 'public' : route.allows.includes(role) ? 'yes' : 'no',
    ),
  ]);
  const widths = header.map((_, i) =>
    Math.max(3, ...[header, ...rows].map((row) => (row[i] as string).length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  return [
    '# Access matrix',
    '',
    'Which role may call which route of the admin API: `yes` allowed, `no` refused with',
    '`403 FORBIDDEN`, `public` open to anyone without a token. A token holding several roles acts in',
    'the one the route allows; when it holds more than one the route allows, it names one in',
    '`X-Acting-Role` (`400 ACTING_ROLE_REQUIRED` otherwise). A missing, expired, unsigned, forged,',
    'over-long or otherwise defective token is refused with `401` on every route that is not public.',
    '',
    'Generated by `test/access-matrix.e2e.spec.ts` from the routes the API serves (its OpenAPI',
    'document) and the roles each allows; that test checks the table against the running API and',
    `fails when this file differs. Regenerate it with \`${REGENERATE}\`.`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
  ].join('\n');
}

function matrixSuite(makeIssuer: () => TokenIssuer | Promise<TokenIssuer>, name: string): void {
  describe(`with ${name}`, () => {
    const app = new TestApp();
    let issuer: TokenIssuer;
    let routes: Route[];

    beforeAll(async () => {
      issuer = await makeIssuer();
      app.identityEnv = issuer.env;
      await app.start();
      routes = await routesOf(app);
    });

    afterAll(async () => {
      await app.dispose();
      await issuer?.close();
    });

    const headPosition = async () =>
      (await app.request('GET', '/health')).body.eventStore.headPosition as number;

    it('lets each role and role pair call exactly the routes that allow it, refusing the rest with 403 problem+json', async () => {
      expect(routes.length).toBeGreaterThan(20);
      const before = await headPosition();
      const wrong: string[] = [];
      for (const route of routes) {
        const cases = [
          ...ROLES.map((role) => ({ held: [role] as Role[], acting: undefined })),
          ...pairsFor(route),
        ];
        for (const { held, acting } of cases) {
          const token = await issuer.token(`matrix-${held.join('+')}`, held);
          const outcome = outcomeOf(await call(app, route, token, acting));
          const expected = expectedFor(route, held, acting);
          if (outcome !== expected) {
            wrong.push(
              `${label(route)} as ${held.join('+')}${acting ? ` acting ${acting}` : ''}: ${outcome}, expected ${expected}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
      // Allowed roles met validation or not-found answers: nothing was recorded.
      expect(await headPosition()).toBe(before);
    });

    it('refuses a missing or defective token with 401 problem+json and WWW-Authenticate on every route that is not public', async () => {
      const defects = await issuer.defects(ROLES);
      const wrong: string[] = [];
      for (const route of routes) {
        const acting = route.allows === 'public' ? undefined : route.allows[0];
        for (const [defect, token] of [['none', undefined], ...Object.entries(defects)] as const) {
          const answer = await call(app, route, token, acting);
          if (route.allows === 'public') {
            if (answer.status === 401 || answer.status === 403)
              wrong.push(`${label(route)} public, ${defect}: ${answer.status}`);
            continue;
          }
          const refused =
            answer.status === 401 &&
            answer.contentType.includes('application/problem+json') &&
            /^Bearer /.test(answer.headers.get('www-authenticate') ?? '');
          if (!refused)
            wrong.push(`${label(route)} with a token ${defect}: ${answer.status} ${answer.body?.code ?? ''}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('names the defect in general terms, never the key or the expected values', async () => {
      const defects = await issuer.defects(['admin']);
      const route = { method: 'GET', path: '/api/projections', allows: ['admin'] } as const;
      const codes = Object.fromEntries(
        await Promise.all(
          Object.entries(defects).map(async ([defect, token]) => [
            defect,
            (await call(app, route, token)).body.code,
          ]),
        ),
      );
      expect(codes).toMatchObject({
        expired: 'TOKEN_EXPIRED',
        'without exp': 'TOKEN_WITHOUT_EXPIRY',
        'valid for 100 years': 'TOKEN_LIFETIME_TOO_LONG',
        'signed with another key': 'TOKEN_INVALID',
        'alg none': 'TOKEN_INVALID',
        malformed: 'TOKEN_MALFORMED',
      });
      for (const defect of ['wrong issuer', 'wrong audience', 'HS256 while no secret is configured']) {
        if (defect in codes) expect([defect, codes[defect]]).toEqual([defect, 'TOKEN_INVALID']);
      }
      const details = JSON.stringify(await call(app, route, defects['wrong issuer'] ?? defects['expired']));
      for (const secret of Object.values(issuer.env)) expect(details).not.toContain(secret);
      expect((await call(app, route)).body.code).toBe('UNAUTHENTICATED');
    });

    it('is the matrix written in docs/access-matrix.md', () => {
      const generated = matrixMarkdown(routes);
      if (process.env['UPDATE_ACCESS_MATRIX'] === '1') writeFileSync(MATRIX_FILE, generated);
      const written = readFileSync(MATRIX_FILE, 'utf8');
      if (written !== generated) {
        throw new Error(
          `docs/access-matrix.md differs from the routes the API serves; regenerate it with ${REGENERATE}`,
        );
      }
    });
  });
}

describe('the access matrix: every route × role × token defect', () => {
  matrixSuite(sharedSecretIssuer, 'a shared HS256 secret');
  matrixSuite(keySetUrlIssuer, 'a key set URL served on 127.0.0.1 (roles in realm_access.roles)');
  matrixSuite(keySetFileIssuer, 'a key set file');
});
