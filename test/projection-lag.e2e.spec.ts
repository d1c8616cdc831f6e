import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startAppProcess } from './support/app-process';
import {
  APP_START_MS,
  startNodeScript,
  STOP_MS,
  stopAllProcesses,
  stopProcess,
} from './support/child-processes';
import { caseBody } from './support/cases';
import { logLines } from './support/log-lines';
import { developmentToken } from './support/process-api';
import { timeoutAbove, waitUntil } from './support/waiting';

const PROJECTOR = ['-r', './tools/register.cjs', 'apps/api/src/cli/projector.cli.ts'];

interface Readiness {
  status: number;
  body: { code?: string; checks?: { name: string; status: string; code?: string }[] };
}

async function readiness(baseUrl: string): Promise<Readiness> {
  const answer = await fetch(`${baseUrl}/health/ready`);
  return { status: answer.status, body: (await answer.json()) as Readiness['body'] };
}

function sample(scrape: string, series: string): number | undefined {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('projection lag: readiness and the projector’s own probes and metrics', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-lag-'));
  });

  afterEach(async () => {
    await stopAllProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  }, timeoutAbove(STOP_MS));

  it(
    'an API whose projector is not running turns not ready (PROJECTION_LAG) and ready again once the projector caught up; the projector serves /metrics and probes',
    async () => {
      const api = await startAppProcess(
        {
          LICENCES_DATA_DIR: dataDir,
          LICENCES_PROJECTIONS: 'external',
          LICENCES_READY_MAX_PROJECTION_LAG: '1',
        },
        { readyPath: '/health/live' },
      );
      try {
        expect((await readiness(api.baseUrl)).status).toBe(200);
        const token = developmentToken('intake-lag', ['intake']);
        for (let i = 0; i < 2; i++) {
          const registered = await fetch(`${api.baseUrl}/api/licences`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(caseBody()),
          });
          expect(registered.status).toBe(201);
        }
        // Two events, nothing projects them: every projection is 2 behind, more than the 1 allowed.
        const behind = await readiness(api.baseUrl);
        expect(behind.status).toBe(503);
        expect(behind.body.code).toBe('NOT_READY');
        expect(behind.body.checks).toContainEqual(
          expect.objectContaining({ name: 'projection-lag', status: 'failing', code: 'PROJECTION_LAG' }),
        );
        expect(behind.body.checks?.filter((c) => c.status === 'failing').map((c) => c.name)).toEqual([
          'projection-lag',
        ]);
        const apiScrape = await (await fetch(`${api.baseUrl}/metrics`)).text();
        expect(sample(apiScrape, 'licences_projection_lag_events{projection="licence-validity"}')).toBe(2);
        expect(sample(apiScrape, 'licences_projection_held{projection="licence-validity"}')).toBe(0);

        const metricsPort = await freePort();
        const projector = startNodeScript(PROJECTOR, {
          LICENCES_DATA_DIR: dataDir,
          LICENCES_MODE: 'development',
          LICENCES_METRICS_PORT: String(metricsPort),
        });
        let output = '';
        projector.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        projector.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        try {
          await waitUntil(
            async () => {
              if (projector.exitCode !== null) throw new Error(`The projector exited: ${output}`);
              return (await readiness(api.baseUrl)).status === 200;
            },
            'the API is ready again once the projector caught up',
            APP_START_MS,
            100,
          );
          const probes = `http://127.0.0.1:${metricsPort}`;
          await waitUntil(
            () => output.includes('Metrics and probes at'),
            'the projector says where its probes are',
            APP_START_MS,
          );
          expect(logLines(output).map((line) => line.msg)).toContain(
            `Metrics and probes at ${probes}/metrics, /health/live, /health/ready`,
          );
          expect((await fetch(`${probes}/health/live`)).status).toBe(200);
          const ready = await readiness(probes);
          expect(ready.status).toBe(200);
          expect(ready.body.checks).toContainEqual({ name: 'projection-lag', status: 'ok' });
          const scrape = await (await fetch(`${probes}/metrics`)).text();
          for (const projection of [
            'licence-validity',
            'decision-history',
            'revocation-justification',
            'statistics',
          ]) {
            expect(sample(scrape, `licences_projection_held{projection="${projection}"}`)).toBe(1);
            expect(sample(scrape, `licences_projection_lag_events{projection="${projection}"}`)).toBe(0);
            expect(sample(scrape, `licences_projection_position{projection="${projection}"}`)).toBe(2);
          }
          expect(scrape).toContain('# TYPE licences_process_cpu_seconds_total counter');
          expect((await fetch(`${probes}/api/licences`)).status).toBe(404);
        } finally {
          await stopProcess(projector, 'SIGTERM');
        }
        expect(projector.exitCode).toBe(0);
      } finally {
        await stopProcess(api.child, 'SIGTERM');
      }
    },
    timeoutAbove(APP_START_MS, APP_START_MS, APP_START_MS, STOP_MS, STOP_MS),
  );
});
