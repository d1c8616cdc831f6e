import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { createTestDatabase } from '../../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { TestDatabase } from '../../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import { cliToken, startAppProcess } from '../support/app-process';
import { APP_START_MS, SCRIPT_MS, STOP_MS, stopProcess } from '../support/child-processes';
import { assessment, caseBody } from '../support/cases';
import { timeoutAbove } from '../support/waiting';

interface Answer {
  status: number;
  body: any;
}

/**
 * The API process in the production topology, against a real EventStoreDB server (the
 * connection string) and a PostgreSQL database of its own (LICENCES_TEST_POSTGRES_URL names the
 * server): events in EventStoreDB; read models, the access log and idempotency records in
 * PostgreSQL. The server must hold no events yet. Run by .github/workflows/esdb.yml.
 */
export function describeApiOnRealServer(connectionString: string): void {
  describe('the admin API process on a real EventStoreDB server and PostgreSQL', () => {
    let database: TestDatabase | undefined;
    let dataDir: string | undefined;
    let api: { child: ChildProcess; baseUrl: string } | undefined;
    let events: EsdbEventStore | undefined;

    const start = async () => {
      api = await startAppProcess(
        {
          LICENCES_DATA_DIR: dataDir!,
          LICENCES_EVENT_STORE: 'esdb',
          EVENTSTORE_CONNECTION_STRING: connectionString,
          LICENCES_READ_STORE: 'postgres',
          DATABASE_URL: database!.url,
        },
        { readyPath: '/health/ready' },
      );
    };

    const request = async (
      method: string,
      path: string,
      token: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> => {
      const answer = await fetch(`${api!.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : undefined };
    };

    beforeAll(async () => {
      database = await createTestDatabase();
      dataDir = mkdtempSync(join(tmpdir(), 'licences-real-esdb-'));
      events = EsdbEventStore.connect({ connectionString });
      // A new access log beside events it did not see is a loss the API refuses to start on
      // (rightly): this suite needs a server of its own, not the conformance suite's.
      if ((await events.readAll({ maxCount: 1 })).length > 0) {
        throw new Error(
          `${connectionString} already holds events: run this suite against a fresh EventStoreDB server`,
        );
      }
    });

    afterAll(async () => {
      if (api) await stopProcess(api.child);
      await events?.close();
      await database?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }, timeoutAbove(STOP_MS));

    it(
      'runs a lifecycle, projects it, and answers an idempotent repeat after a restart without a second event',
      async () => {
        const intake = cliToken('intake', 'real-esdb-intake');
        const assessor = cliToken('assessor', 'real-esdb-assessor');
        const oversight = cliToken('oversight', 'real-esdb-oversight');
        await start();

        const headers = { 'idempotency-key': `real-esdb-${Date.now()}` };
        const created = await request('POST', '/api/licences', intake, caseBody(), headers);
        expect(created).toMatchObject({ status: 201, body: { revision: 0, status: 'applied' } });
        const id = created.body.id as string;

        const issued = await request('POST', `/api/licences/${id}/issue`, assessor, { assessment });
        expect(issued).toMatchObject({ status: 200, body: { revision: 1, status: 'issued' } });

        // Inline projections: a command answers once the read models include it.
        const state = await request('GET', `/api/licences/${id}`, oversight);
        expect(state.body).toMatchObject({ id, revision: 1, status: 'issued' });
        const history = await request('GET', `/api/licences/${id}/history`, oversight);
        expect(history.body.decisions.map((d: { type: string }) => d.type)).toEqual(['Applied', 'Issued']);

        await stopProcess(api!.child);
        api = undefined;
        await start();

        const repeat = await request('POST', '/api/licences', intake, caseBody(), headers);
        expect(repeat).toEqual(created);
        const stored = await events!.readStream(`licence-${id}`);
        expect(stored.map((event) => event.type)).toEqual(['Applied', 'Issued']);
        expect((await fetch(`${api!.baseUrl}/health/ready`)).status).toBe(200);
      },
      timeoutAbove(3 * SCRIPT_MS, 2 * APP_START_MS, STOP_MS),
    );
  });
}
