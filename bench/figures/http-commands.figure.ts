import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, DEVELOPMENT_PROCESS_ENV } from '../../test/support/app-process';
import { assessment, caseBody } from '../../test/support/cases';
import { nowSeconds, signHs256 } from '../../test/support/tokens';
import { startServerProcess } from '../harness/bench-process';
import { profileFlags } from '../harness/node-cli';
import type { Figure, MetricColumn, Subject } from '../harness/figure';
import { runLoad } from '../harness/http-load';
import type { ClientScript, LoadResult } from '../harness/http-load';

/*
 * Lifecycle commands over HTTP at 1, 8 and 32 clients (issue 16's first row): the real API as
 * `npm start` runs it (development mode, projections inline, embedded SQLite in a fresh data
 * folder), each client registering an application and issuing it, two commands per case; against
 * a bare NestJS endpoint that parses JSON bodies of the same sizes, driven by the same clients.
 */

const SECRET = 'bench-secret-of-thirty-two-bytes-or-more';
const REGISTER_BODY = JSON.stringify(caseBody());
const ISSUE_BODY = JSON.stringify({ assessment });

export interface LoadSettings {
  readonly durationMs: number;
  readonly warmUpMs: number;
  /** Where the API writes its CPU profile (`--profile`), if anywhere. */
  readonly profileDir?: string;
}

const COLUMNS: readonly MetricColumn[] = [
  { metric: 'perSecond', heading: 'per s' },
  { metric: 'p50Ms', heading: 'p50 ms' },
  { metric: 'p99Ms', heading: 'p99 ms' },
];

function sampleOf(result: LoadResult) {
  const sample = {
    sample: { perSecond: result.perSecond, p50Ms: result.p50Ms, p99Ms: result.p99Ms, errors: result.errors },
  };
  return result.firstError === undefined
    ? sample
    : { ...sample, note: `${result.errors} failed; first: ${result.firstError}` };
}

/** Register an application, then issue it: the lightest lifecycle that ends in a decision. */
function lifecycleScript(): ClientScript {
  // An hour is enough: no level runs that long, and tokens are made when the figure starts.
  const bearer = (role: string, sub: string) =>
    `Bearer ${signHs256({ sub, role, exp: nowSeconds() + 3600 }, SECRET)}`;
  const intake = bearer('intake', 'bench.intake');
  const assessor = bearer('assessor', 'bench.assessor');
  return async (client, _index, running) => {
    while (running()) {
      const registered = await client.call({
        method: 'POST',
        path: '/api/licences',
        headers: { authorization: intake },
        body: REGISTER_BODY,
        expect: 201,
      });
      if (registered.status !== 201 || !running()) return;
      const { id } = JSON.parse(registered.body) as { id: string };
      await client.call({
        method: 'POST',
        path: `/api/licences/${id}/issue`,
        headers: { authorization: assessor },
        body: ISSUE_BODY,
        expect: 200,
      });
    }
  };
}

/** The same two requests, bodies of the same sizes, to the bare endpoint. */
const bareScript: ClientScript = async (client, _index, running) => {
  while (running()) {
    for (const body of [REGISTER_BODY, ISSUE_BODY]) {
      await client.call({ method: 'POST', path: '/bench', body, expect: 201 });
    }
  }
};

async function apiSubject(settings: LoadSettings): Promise<Subject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'licences-bench-http-'));
  try {
    const server = await startServerProcess([...profileFlags(settings.profileDir), ...API_MAIN], {
      ...DEVELOPMENT_PROCESS_ENV,
      LICENCES_DATA_DIR: dataDir,
      LICENCES_JWT_SECRET: SECRET,
      LICENCES_PROJECTIONS: 'inline',
    });
    const script = lifecycleScript();
    return {
      measure: async (clients) =>
        sampleOf(await runLoad(server.baseUrl, clients, settings.durationMs, settings.warmUpMs, script)),
      stop: async () => {
        try {
          await server.stop();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function bareSubject(settings: LoadSettings): Promise<Subject> {
  const server = await startServerProcess(
    ['-r', './tools/register.cjs', 'bench/bare-nest/bare-nest.app.ts'],
    {},
  );
  return {
    measure: async (clients) =>
      sampleOf(await runLoad(server.baseUrl, clients, settings.durationMs, settings.warmUpMs, bareScript)),
    stop: () => server.stop(),
  };
}

export function httpCommandsFigure(settings: LoadSettings): Figure {
  return {
    name: 'http-commands',
    title: 'Lifecycle commands over HTTP (register + issue; projections inline, SQLite)',
    levelHeading: 'clients',
    levels: [1, 8, 32],
    project: { label: 'API commands', columns: COLUMNS, start: () => apiSubject(settings) },
    comparison: { label: 'bare Nest requests', columns: COLUMNS, start: () => bareSubject(settings) },
    ratioOf: 'perSecond',
  };
}
