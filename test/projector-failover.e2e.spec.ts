import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { licenceStreamId } from '@licences/licensing-application';
import { PostgresReadModelStore } from '@licences/licensing-postgres';
import { createTestDatabase } from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { TestDatabase } from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import { freePort, startAppProcess } from './support/app-process';
import { assessment, caseBody } from './support/cases';
import {
  APP_START_MS,
  STOP_MS,
  startNodeScript,
  stopAllProcesses,
  stopProcess,
} from './support/child-processes';
import { dumpPostgresReadModels, projectEverything } from './support/postgres-read-models';
import { callApi, developmentToken } from './support/process-api';
import { timeoutAbove, waitUntil } from './support/waiting';

/** A projector from spawn to holding its projections, or to taking them over (a few seconds idle). */
const TAKE_OVER_MS = 60_000;
/** The surviving projector through every event the commands stored (a second or two idle). */
const CATCH_UP_MS = 60_000;
/** The commands sent around the kill, over HTTP (a few seconds idle). */
const COMMANDS_MS = 60_000;

interface Projector {
  readonly child: ChildProcess;
  output: string;
}

const intake = developmentToken('alice', ['intake']);
const assessor = developmentToken('bob', ['assessor']);
const admin = developmentToken('carol', ['admin']);

/*
 * Production topology on one machine: an API with LICENCES_PROJECTIONS=external and two
 * `npm run projector` processes, on PostgreSQL read models and one SQLite event store. The active
 * projector is SIGKILLed while commands come in; the other takes over, and the read models end
 * exactly as one uninterrupted projection of the same events.
 */
describe('projector fail-over on PostgreSQL', () => {
  let database: TestDatabase | undefined;
  let fresh: TestDatabase | undefined;
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-failover-'));
  });
  afterEach(async () => {
    await stopAllProcesses();
    await database?.drop();
    await fresh?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, timeoutAbove(STOP_MS));

  async function startProjector(url: string): Promise<Projector> {
    const child = startNodeScript(['-r', './tools/register.cjs', 'apps/api/src/cli/projector.cli.ts'], {
      LICENCES_DATA_DIR: dataDir,
      LICENCES_READ_STORE: 'postgres',
      DATABASE_URL: url,
      LICENCES_METRICS_PORT: String(await freePort()),
    });
    const projector = { child, output: '' };
    const collect = (chunk: string) => (projector.output += chunk);
    child.stdout?.setEncoding('utf8').on('data', collect);
    child.stderr?.setEncoding('utf8').on('data', collect);
    return projector;
  }

  /** Waits until the projector's output matches; fails at once if it exits instead. */
  async function waitForOutput(projector: Projector, pattern: RegExp, what: string): Promise<void> {
    await waitUntil(
      () => {
        if (projector.child.exitCode !== null) {
          throw new Error(`The projector exited with ${projector.child.exitCode}: ${projector.output}`);
        }
        return pattern.test(projector.output);
      },
      what,
      TAKE_OVER_MS,
      50,
    );
  }

  it(
    'lets the standby projector take over when the active one is killed mid-stream, with the read models exact',
    async () => {
      database = await createTestDatabase();
      const env = { LICENCES_DATA_DIR: dataDir, LICENCES_READ_STORE: 'postgres', DATABASE_URL: database.url };
      const api = await startAppProcess({ ...env, LICENCES_PROJECTIONS: 'external' });

      const active = await startProjector(database.url);
      await waitForOutput(
        active,
        /holds licence-validity \(fence \d+\), decision-history/,
        'the first projector holds every projection',
      );
      const standby = await startProjector(database.url);
      await waitForOutput(
        standby,
        /holds none; waits for licence-validity, decision-history, revocation-justification, statistics/,
        'the second projector waits for every projection',
      );

      // Commands go on while the active projector is killed: the cases it may be projecting then.
      const registered: string[] = [];
      const issued = new Set<string>();
      const sendCommands = async (cases: number) => {
        for (let i = 0; i < cases; i++) {
          const created = await callApi(api.baseUrl, 'POST', '/api/licences', {
            token: intake,
            body: caseBody({ destination: { country: 'DE', endUser: `End user ${registered.length}` } }),
          });
          expect(created.status).toBe(201);
          const id = (created.body as { id: string }).id;
          registered.push(id);
          if (registered.length % 3 === 0) continue;
          const decided = await callApi(api.baseUrl, 'POST', `/api/licences/${id}/issue`, {
            token: assessor,
            body: { assessment },
          });
          expect(decided.status).toBe(200);
          issued.add(id);
        }
      };
      await sendCommands(20);
      const killing = (async () => {
        // Killed once it is storing this stream: its checkpoints have moved past the start.
        await waitUntil(
          async () => (await lowestCheckpoint(api.baseUrl)) > 0,
          'the active projector stores batches of every projection',
          CATCH_UP_MS,
        );
        await stopProcess(active.child, 'SIGKILL');
      })();
      await Promise.all([sendCommands(20), killing]);
      await sendCommands(10);

      await waitForOutput(
        standby,
        /Holds licence-validity with fence \d+/,
        'the standby takes licence-validity over',
      );
      await waitForOutput(standby, /Holds statistics with fence \d+/, 'the standby takes statistics over');
      await waitUntil(
        async () => {
          const projections = await callApi(api.baseUrl, 'GET', '/api/projections', { token: admin });
          const rows = projections.body as { lag: number; checkpoint: number }[];
          return rows.length === 4 && rows.every((row) => row.lag === 0 && row.checkpoint > 0);
        },
        'every projection catches up with the event store',
        CATCH_UP_MS,
      );

      // Every case registered is listed, with its final status.
      const listed = await callApi(api.baseUrl, 'GET', '/api/licences?pageSize=100', { token: intake });
      expect(listed.status).toBe(200);
      const rows = (listed.body as { items: { id: string; status: string }[] }).items;
      expect(rows.map((row) => row.id).sort()).toEqual([...registered].sort());
      for (const row of rows) expect(row.status).toBe(issued.has(row.id) ? 'issued' : 'applied');

      // Each case's history has as many decisions as its stream has events.
      const events = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
      try {
        for (const id of registered) {
          const history = await callApi(api.baseUrl, 'GET', `/api/licences/${id}/history`, { token: intake });
          const stream = await events.readStream(licenceStreamId(id));
          expect((history.body as { decisions: unknown[] }).decisions).toHaveLength(stream.length);
        }

        // Row for row what one uninterrupted projection of the same events builds.
        await stopProcess(standby.child, 'SIGTERM');
        await stopProcess(api.child, 'SIGTERM');
        fresh = await createTestDatabase();
        const store = await PostgresReadModelStore.open({ connectionString: fresh.url });
        try {
          await projectEverything(events, store);
        } finally {
          await store.close();
        }
      } finally {
        await events.close();
      }
      expect(await dumpPostgresReadModels(database.url)).toEqual(await dumpPostgresReadModels(fresh.url));
    },
    timeoutAbove(APP_START_MS, 3 * TAKE_OVER_MS, 2 * CATCH_UP_MS, COMMANDS_MS, 3 * STOP_MS),
  );
});

/** The lowest checkpoint over the projections, as the admin API reports them. */
async function lowestCheckpoint(baseUrl: string): Promise<number> {
  const projections = await callApi(baseUrl, 'GET', '/api/projections', { token: admin });
  const rows = projections.body as { checkpoint: number }[];
  return Math.min(...rows.map((row) => row.checkpoint));
}
