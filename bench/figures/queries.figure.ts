import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { API_MAIN, DEVELOPMENT_PROCESS_ENV } from '../../test/support/app-process';
import { APP_START_MS } from '../../test/support/child-processes';
import { nowSeconds, signHs256 } from '../../test/support/tokens';
import type { GeneratedHistory } from '../history/generated-history';
import { sizeLabel } from '../history/generated-history';
import { startServerProcess } from '../harness/bench-process';
import type { Figure, MetricColumn, Sample, Subject } from '../harness/figure';
import { peakRssOf, profileFlags, runNodeCli, tsScript } from '../harness/node-cli';
import { projectorCatchUp } from '../harness/projector-run';
import { quantileOf } from '../harness/stats';
import { profileDirOf } from './figure-context';
import { benchDatabase } from './postgres-catch-up.figure';
import type { FigureContext } from './figure-context';

/*
 * Read queries over HTTP on the API serving the generated history (read models caught up), one
 * client asking one query after another for the measured seconds (and at least five answers):
 * p50/p99 of its answers. Beside each, the
 * floor: a bare NestJS GET answering a fixed page of 50 rows (the framework alone) and, for a
 * period's decisions, the bare SQL query for the same page with better-sqlite3 in this process.
 * The reports are asked over HTTP too, so that their time is the report's, not a CLI's start-up.
 */

const SECRET = 'bench-secret-of-thirty-two-bytes-or-more';
/** Dates inside every generated history (it ends on 2026-11-29). */
const ON = '2025-06-30';
/** A period that holds every generated decision. */
const HISTORY_FROM = '2000-01-01';
const HISTORY_TO = '2026-11-30';

interface Probe {
  readonly name: string;
  /** The API's path, given what the history holds (`targetsOf`). */
  readonly path: (target: { id: string; destination: string; asOf: string }) => string;
  /** For a period's decisions: the period, compared with the bare SQL page. */
  readonly period?: { from: string; to: string };
}

const PROBES: readonly Probe[] = [
  { name: 'list present', path: () => '/api/licences?pageSize=50' },
  { name: 'list validOn', path: () => `/api/licences?validOn=${ON}&pageSize=50` },
  {
    name: 'list validOn + destination',
    path: (t) => `/api/licences?validOn=${ON}&destination=${t.destination}&pageSize=50`,
  },
  { name: 'list asOf', path: (t) => `/api/licences?asOf=${encodeURIComponent(t.asOf)}&pageSize=50` },
  {
    name: 'list asOf + destination',
    path: (t) => `/api/licences?asOf=${encodeURIComponent(t.asOf)}&destination=${t.destination}&pageSize=50`,
  },
  {
    name: 'list asOf + validOn',
    path: (t) => `/api/licences?asOf=${encodeURIComponent(t.asOf)}&validOn=${ON}&pageSize=50`,
  },
  { name: 'one licence present', path: (t) => `/api/licences/${t.id}` },
  { name: 'one licence asOf', path: (t) => `/api/licences/${t.id}?asOf=${encodeURIComponent(t.asOf)}` },
  { name: 'one licence validOn', path: (t) => `/api/licences/${t.id}?validOn=${ON}` },
  {
    name: 'decisions of a month, page 1',
    path: () => '/api/oversight/decisions?from=2025-06-01&to=2025-06-30&page=1&pageSize=50',
    period: { from: '2025-06-01', to: '2025-06-30' },
  },
  {
    name: 'decisions of a year, page 1',
    path: () => '/api/oversight/decisions?from=2025-01-01&to=2025-12-31&page=1&pageSize=50',
    period: { from: '2025-01-01', to: '2025-12-31' },
  },
  // Reports over HTTP, as a reporting job asks them (the CLI's start-up is not theirs): the yearly
  // ones for a whole year (they cover one calendar year), the others for the whole history.
  { name: 'report eu-annual 2025', path: () => '/api/statistics/eu-annual?year=2025' },
  { name: 'report yearly-overview 2025', path: () => '/api/statistics/yearly-overview?year=2025' },
  {
    name: 'report issued, whole history',
    path: () => `/api/statistics/issued?from=${HISTORY_FROM}&to=${HISTORY_TO}`,
  },
  {
    name: 'report large-licences, whole history',
    path: () => `/api/statistics/large-licences?from=${HISTORY_FROM}&to=${HISTORY_TO}`,
  },
];

/** The bare SQL for a page of a period's decisions, on the read model's decision table. */
const DECISIONS_PAGE_SQL =
  'SELECT * FROM decision_history WHERE decision_date BETWEEN ? AND ? ORDER BY decision_date, position LIMIT 50';

const COLUMNS: readonly MetricColumn[] = [
  { metric: 'p50Ms', heading: 'p50 ms' },
  { metric: 'p99Ms', heading: 'p99 ms' },
  { metric: 'perSecond', heading: 'per s' },
];

/**
 * What the queries ask about, from the generated history: `asOf`, the instant the middle event was
 * recorded (the demo records its whole history when it runs, so a business date would precede
 * everything the system knew); a licence valid on ON and fully known by then; the commonest
 * destination.
 */
function targetsOf(history: GeneratedHistory): { id: string; destination: string; asOf: string } {
  const events = new Database(join(history.caughtUpDir, 'licences.sqlite'), { readonly: true });
  const db = new Database(join(history.caughtUpDir, 'read-models.sqlite'), { readonly: true });
  try {
    const middle = Math.floor(history.events / 2);
    const { asOf } = events
      .prepare('SELECT recorded_at AS asOf FROM events WHERE position >= ? ORDER BY position LIMIT 1')
      .get(middle) as { asOf: string };
    const valid = 'FROM licence_validity WHERE valid_from <= ? AND valid_until >= ? AND position <= ?';
    const { n } = db.prepare(`SELECT COUNT(*) AS n ${valid}`).get(ON, ON, middle) as { n: number };
    const { id } = db
      .prepare(`SELECT case_id AS id ${valid} ORDER BY case_id LIMIT 1 OFFSET ?`)
      .get(ON, ON, middle, Math.floor(n / 2)) as { id: string };
    const { destination } = db
      .prepare(
        'SELECT country AS destination FROM licence_validity_destinations GROUP BY country ORDER BY COUNT(*) DESC LIMIT 1',
      )
      .get() as { destination: string };
    return { id, destination, asOf };
  } finally {
    db.close();
    events.close();
  }
}

/** At least this many answers per query, however long they take: a slow list still gets a p50. */
const MIN_CALLS = 5;

/**
 * One client asking `path` again and again: after `warmUpMs`, for `durationMs` and at least
 * MIN_CALLS answers (a query slower than the whole window is still measured). Only 200s count.
 */
async function timedGets(
  baseUrl: string,
  path: string,
  context: FigureContext,
  authorization?: string,
): Promise<{ sample: Sample; note?: string }> {
  const headers = authorization === undefined ? undefined : { authorization };
  const call = async () => {
    const response = await fetch(`${baseUrl}${path}`, { ...(headers && { headers }) });
    const body = await response.text();
    return { status: response.status, body };
  };
  const warmUpEnd = performance.now() + context.warmUpMs;
  do await call();
  while (performance.now() < warmUpEnd);
  const times: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  while (performance.now() - started < context.durationMs || times.length + errors < MIN_CALLS) {
    const before = performance.now();
    const { status, body } = await call();
    if (status === 200) times.push(performance.now() - before);
    else {
      errors += 1;
      firstError ??= `${status} ${body.slice(0, 300)}`;
    }
  }
  const elapsed = performance.now() - started;
  const sorted = times.sort((a, b) => a - b);
  const sample = {
    p50Ms: quantileOf(sorted, 0.5),
    p99Ms: quantileOf(sorted, 0.99),
    perSecond: (sorted.length * 1000) / elapsed,
    answers: sorted.length,
    errors,
  };
  return firstError === undefined
    ? { sample }
    : { sample, note: `${errors} failed; first: GET ${path}: ${firstError}` };
}

/**
 * How long the API may take to answer /health on a history. Its first start on a copy checks
 * every store file in full (SQLite's quick_check reads each page): 59 s for a 100k history out of
 * the page cache, beyond 350 s at 1M. Generous, as the wait ends at the answer.
 */
function startTimeoutOf(history: GeneratedHistory): number {
  return APP_START_MS + Math.ceil(history.events / 100_000) * 60_000;
}

/** The API serving the probes from `dir`, with `env` on top of the bench's; `cleanup` after it stops. */
async function apiSubject(
  context: FigureContext,
  history: GeneratedHistory,
  dir: string,
  env: Readonly<Record<string, string>>,
  profileName: string,
  cleanup: () => Promise<void>,
): Promise<Subject> {
  const targets = targetsOf(history);
  const serverEnv = {
    ...DEVELOPMENT_PROCESS_ENV,
    LICENCES_DATA_DIR: dir,
    LICENCES_JWT_SECRET: SECRET,
    ...env,
  };
  // A copy is new to the API: its first start checks every store in full. In service the API
  // restarts on files its last clean stop sealed; that start is the one measured, after this one.
  const first = await startServerProcess([...API_MAIN], serverEnv, '/health', startTimeoutOf(history));
  await first.stop();
  if (first.child.exitCode !== 0)
    throw new Error(`The API's first start on the copy ended with ${first.child.exitCode}`);
  context.log(
    `  first start on the copy (every store checked in full): ${Math.round(first.readyAfterMs / 1000)} s`,
  );
  const server = await startServerProcess(
    [...profileFlags(profileDirOf(context, profileName)), ...API_MAIN],
    serverEnv,
    '/health',
    startTimeoutOf(history),
  );
  const authorization = `Bearer ${signHs256({ sub: 'bench.oversight', role: 'oversight', exp: nowSeconds() + 12 * 3600 }, SECRET)}`;
  return {
    measure: async (level) => {
      const probe = PROBES[level] as Probe;
      const measured = await timedGets(server.baseUrl, probe.path(targets), context, authorization);
      return {
        ...measured,
        sample: {
          ...measured.sample,
          peakRssMiB: peakRssOf(server.child.pid as number),
          startSeconds: server.readyAfterMs / 1000,
        },
      };
    },
    stop: async () => {
      try {
        await server.stop();
      } finally {
        await cleanup();
      }
    },
  };
}

/** The API on a scratch copy of the caught-up folder; `env` picks the read store. */
export async function apiQuerySubject(
  context: FigureContext,
  size: number,
  env: Readonly<Record<string, string>>,
  profileName: string,
): Promise<Subject> {
  const history = await context.history(size);
  const dir = mkdtempSync(join(tmpdir(), 'licences-bench-queries-'));
  const cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  try {
    cpSync(history.caughtUpDir, dir, { recursive: true });
    return await apiSubject(context, history, dir, env, profileName, cleanup);
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * The API on a PostgreSQL read store: a database of its own, caught up from the history's events
 * by `npm run projector` before anything is timed, and dropped after the figure.
 */
async function postgresQuerySubject(context: FigureContext, size: number): Promise<Subject> {
  const history = await context.history(size);
  const database = await benchDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'licences-bench-queries-pg-'));
  const cleanup = async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  };
  try {
    cpSync(join(history.eventsDir, 'licences.sqlite'), join(dir, 'licences.sqlite'));
    const env = { LICENCES_READ_STORE: 'postgres', DATABASE_URL: database.url };
    context.log(`catching a PostgreSQL read store up with ${history.events} events for the queries`);
    const caughtUp = await projectorCatchUp({ LICENCES_DATA_DIR: dir, ...env }, 6 * 3600_000);
    context.log(`  projector: ${Math.round(caughtUp.wallMs / 1000)} s`);
    // This server runs with autovacuum off: without the statistics and visibility map that it
    // keeps on a server as shipped, PostgreSQL plans the first queries on a bulk-loaded database
    // blind. What an operator does after a bulk load, or autovacuum within a minute of it.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE');
    } finally {
      await client.end();
    }
    // The access log lives in the read store's database, which is new: the API refuses to serve
    // events without it until an admin acknowledges the log's start, as an operator would.
    await runNodeCli(
      tsScript(
        'apps/api/src/cli/access-log.cli.ts',
        'acknowledge-new',
        '--by',
        'bench.admin',
        '--reason',
        'a new PostgreSQL read store for the queries benchmark',
      ),
      { env: { LICENCES_DATA_DIR: dir, ...env } },
    );
    return await apiSubject(
      context,
      history,
      dir,
      { ...env, LICENCES_PROJECTIONS: 'inline' },
      'queries-postgres',
      cleanup,
    );
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The floor: the bare Nest page, or for decisions the bare SQL page timed in this process. */
async function floorSubject(context: FigureContext, size: number): Promise<Subject> {
  const history = await context.history(size);
  const bare = await startServerProcess(
    ['-r', './tools/register.cjs', 'bench/bare-nest/bare-nest.app.ts'],
    {},
  );
  const db = new Database(join(history.caughtUpDir, 'read-models.sqlite'), { readonly: true });
  return {
    measure: async (level) => {
      const probe = PROBES[level] as Probe;
      if (!probe.period) {
        return timedGets(bare.baseUrl, '/bench/page', context);
      }
      const statement = db.prepare(DECISIONS_PAGE_SQL);
      const { from, to } = probe.period;
      const times: number[] = [];
      const warmUpEnd = performance.now() + context.warmUpMs;
      while (performance.now() < warmUpEnd) statement.all(from, to);
      const end = performance.now() + context.durationMs;
      const started = performance.now();
      while (performance.now() < end) {
        const before = performance.now();
        statement.all(from, to);
        times.push(performance.now() - before);
        // Let the event loop breathe, as the HTTP clients do between answers.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const sorted = times.sort((a, b) => a - b);
      return {
        sample: {
          p50Ms: quantileOf(sorted, 0.5),
          p99Ms: quantileOf(sorted, 0.99),
          perSecond: (sorted.length * 1000) / (performance.now() - started),
        },
      };
    },
    stop: async () => {
      db.close();
      await bare.stop();
    },
  };
}

/** The probes on one read store, beside the bare page (and the bare SQL of a decisions page). */
function queriesFigure(
  context: FigureContext,
  size: number,
  store: { name: string; title: string; label: string; floorLabel: string; start(): Promise<Subject> },
): Figure {
  return {
    name: `${store.name}@${sizeLabel(size)}`,
    title: `Queries over HTTP (${store.title} read store), ${sizeLabel(size)} licences, one client`,
    levelHeading: 'query',
    levels: PROBES.map((_, index) => index),
    levelName: (level: number) => PROBES[level]?.name ?? String(level),
    project: {
      label: store.label,
      columns: [
        ...COLUMNS,
        { metric: 'peakRssMiB', heading: 'peak RSS MiB' },
        { metric: 'startSeconds', heading: 'start-up s' },
      ],
      start: () => store.start(),
    },
    comparison: { label: store.floorLabel, columns: COLUMNS, start: () => floorSubject(context, size) },
    ratioOf: 'p50Ms',
  };
}

export function queriesFigures(context: FigureContext): Figure[] {
  return context.sizes.flatMap((size) => [
    ...(context.readStores.includes('sqlite')
      ? [
          queriesFigure(context, size, {
            name: 'queries',
            title: 'SQLite',
            label: 'API',
            floorLabel: 'bare Nest page / bare SQL (decisions)',
            start: () => apiQuerySubject(context, size, { LICENCES_PROJECTIONS: 'inline' }, 'queries'),
          }),
        ]
      : []),
    ...(context.readStores.includes('postgres')
      ? [
          queriesFigure(context, size, {
            name: 'queries-postgres',
            title: 'PostgreSQL',
            label: 'API (PostgreSQL)',
            floorLabel: 'bare Nest page / bare SQL on the SQLite read store (decisions)',
            start: () => postgresQuerySubject(context, size),
          }),
        ]
      : []),
  ]);
}

export { PROBES as QUERY_PROBES };
