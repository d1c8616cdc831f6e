import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { TestDatabase } from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import { TestApp } from './support/test-app';
import { assessment, revocation } from './support/cases';
import { timeoutAbove, waitUntil } from './support/waiting';

/*
 * The API with its read models in PostgreSQL (LICENCES_READ_STORE=postgres): the same answers as
 * on SQLite, a rebuild while reads go on, and a restart that finds its read models where it left them.
 */

/** A rebuild of a few events in the API's own process, plus the start of the app. */
const REBUILD_MS = 30_000;
const TEST_MS = timeoutAbove(2 * REBUILD_MS);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An instant strictly between two recordings. */
async function instantBetween(): Promise<string> {
  await pause(15);
  const instant = new Date().toISOString();
  await pause(15);
  return instant;
}

async function rowsOf(url: string, query: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(query)).rows;
  } finally {
    await client.end();
  }
}

describe('read models in PostgreSQL over HTTP', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    app = await new TestApp(undefined, 'inline', {
      kind: 'postgres',
      connectionString: database.url,
    }).start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  it(
    'answers, lists, travels in time, rebuilds while reads go on, and keeps the read models over a restart',
    async () => {
      const register = (overrides: Record<string, unknown> = {}) => app.registerCase(overrides);
      app.clock.set('2025-01-10T10:00:00Z');
      const de = await register();
      const tr = await register({ destination: { country: 'TR', endUser: 'Turkish Navy' } });
      const uav = await register({
        goods: [{ controlListEntry: 'ML10.a', description: 'UAV', quantity: 1, valueEur: 9e6 }],
      });
      expect((await app.issueLicence(de)).status).toBe(200);
      expect((await app.issueLicence(tr)).status).toBe(200);
      const beforeUav = await instantBetween();
      expect((await app.issueLicence(uav)).status).toBe(200);
      app.clock.set('2025-12-01T10:00:00Z');
      const extended = await app.request('POST', `/api/licences/${tr}/extend`, {
        role: 'assessor',
        body: { reassessment: assessment },
      });
      expect(extended.status).toBe(200);
      app.clock.set('2026-02-01T10:00:00Z');
      expect((await app.revokeLicence(de, revocation)).status).toBe(200);

      // The read models are in PostgreSQL, not in a file of the data folder.
      expect(existsSync(join(app.dataDir, 'read-models.sqlite'))).toBe(false);
      expect(
        await rowsOf(database.url, 'SELECT case_id FROM licence_validity ORDER BY case_id'),
      ).toHaveLength(3);

      const list = async (query: string) =>
        (await app.request('GET', `/api/licences?${query}`, { role: 'assessor' })).body;
      const ids = async (query: string) => (await list(query)).items.map((i: { id: string }) => i.id);
      expect((await list('')).total).toBe(3);
      expect(await ids('destination=TR')).toEqual([tr]);
      expect(await ids('controlListEntry=ML10')).toEqual([uav]);
      expect(await ids('status=revoked')).toEqual([de]);
      expect((await list('pageSize=2&page=2')).items).toHaveLength(1);
      // Recorded time: before the UAV was issued it was still an application.
      expect(await ids(`asOf=${beforeUav}&status=applied`)).toEqual([uav]);
      // Under filters on what a case never changes, at a point in time: the periods' range on
      // PostgreSQL's own plan, the candidates matched by the plain case id.
      expect(await ids('validOn=2025-06-01&destination=TR')).toEqual([tr]);
      // Extended in December 2025: valid into 2026; not yet registered in 2024.
      expect(await ids('validOn=2026-06-01&destination=TR')).toEqual([tr]);
      expect(await ids('validOn=2024-06-01&destination=TR')).toEqual([]);
      expect(await ids(`asOf=${beforeUav}&controlListEntry=ML10`)).toEqual([uav]);
      expect(await ids(`asOf=${beforeUav}&controlListEntry=ML10&status=issued`)).toEqual([]);
      expect(await ids('validOn=2025-06-01')).toEqual([de, tr, uav]);
      const licence = await app.request('GET', `/api/licences/${tr}?validOn=2025-06-01`, {
        role: 'oversight',
      });
      expect(licence.body).toMatchObject({ status: 'issued', valid: true, validUntil: '2026-01-09' });

      const history = await app.request('GET', `/api/licences/${de}/history`, { role: 'oversight' });
      expect(history.body.decisions.map((d: { type: string }) => d.type)).toEqual([
        'Applied',
        'Issued',
        'RevocationProposed',
        'RevokedForChangedCircumstances',
      ]);
      const justification = await app.request('GET', `/api/licences/${de}/revocation`, { role: 'oversight' });
      expect(justification.body).toMatchObject({ caseId: de, revokedOn: '2026-02-01' });

      const report = await app.request('GET', '/api/statistics/eu-annual?year=2025', { role: 'reporting' });
      expect(report.status).toBe(200);
      const reportAgain = async () =>
        (await app.request('GET', '/api/statistics/eu-annual?year=2025', { role: 'reporting' })).body;

      // A rebuild through the admin API while reads go on: every read answers as before.
      const before = (await app.request('GET', '/api/licences?pageSize=500', { role: 'oversight' })).body;
      const started = await app.request('POST', '/api/projections/licence-validity/rebuild', {
        role: 'admin',
      });
      expect(started.status).toBe(202);
      let rebuild: { state: string } | undefined;
      let reads = 0;
      await waitUntil(
        async () => {
          const listed = await app.request('GET', '/api/licences?pageSize=500', { role: 'oversight' });
          expect(listed.body).toEqual(before);
          reads++;
          const all = (await app.request('GET', '/api/projections', { role: 'admin' })).body as {
            name: string;
            rebuild?: { state: string };
          }[];
          rebuild = all.find((p) => p.name === 'licence-validity')?.rebuild;
          return rebuild !== undefined && rebuild.state !== 'rebuilding';
        },
        'the rebuild of licence-validity ends',
        REBUILD_MS,
      );
      expect(rebuild).toMatchObject({ state: 'completed' });
      expect(reads).toBeGreaterThan(0);
      expect((await app.request('GET', '/api/licences?pageSize=500', { role: 'oversight' })).body).toEqual(
        before,
      );
      expect(await reportAgain()).toEqual(report.body);

      // A restart finds the read models where it left them, checkpoints included.
      const checkpoints = await rowsOf(
        database.url,
        "SELECT name, position FROM projection_checkpoints WHERE target = 'live' ORDER BY name",
      );
      expect(checkpoints).toHaveLength(4);
      await app.stop();
      await app.start();
      const status = (await app.request('GET', '/api/projections', { role: 'admin' })).body as {
        name: string;
        checkpoint: number;
      }[];
      expect(status.map((p) => [p.name, p.checkpoint]).sort()).toEqual(
        checkpoints.map((c) => [c['name'], Number(c['position'])]),
      );
      expect((await app.request('GET', '/api/licences?pageSize=500', { role: 'oversight' })).body).toEqual(
        before,
      );
      expect(await reportAgain()).toEqual(report.body);
      // Readiness asks the PostgreSQL store itself, which shows it answers and commits a write.
      const probedBefore = await rowsOf(database.url, 'SELECT probed_at FROM read_model_probe');
      const ready = await app.request('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toContainEqual({ name: 'read-models', status: 'ok' });
      expect(JSON.stringify(ready.body)).not.toContain(database.url);
      expect(await rowsOf(database.url, 'SELECT probed_at FROM read_model_probe')).not.toEqual(probedBefore);
    },
    TEST_MS,
  );
});
