import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppProcess } from './support/app-process';
import { APP_START_MS, STOP_MS, stopProcess } from './support/child-processes';
import { pollHealth, quantile } from './support/health-poller';
import type { HealthSample } from './support/health-poller';
import { CUTOVER, generateHistory } from './import/historical-history';
import { signHs256 } from './support/tokens';

/*
 * The target is every /health answer within 100 ms while an import runs. On a busy
 * two-core machine that target fails now and then for reasons that are not the import's (a
 * SQLite fsync or a GC pause behind another process's work), so this test asserts a bound that
 * holds there and that an import which does not yield still breaks by far: without its turns to
 * the event loop, a pass over 20 MB holds /health for seconds. The 100 ms target is measured by
 * `bench/import-health.bench.ts`.
 */
const HEALTH_BOUND_MS = 1_000;
/** Bounds on the two requests: each takes seconds to tens of seconds on an idle machine. */
const STAGE_MS = 180_000;
const COMMIT_MS = 300_000;
const SECRET = 'import-health-secret-of-thirty-two-bytes-or-more';
const MIB = 1024 * 1024;

function expectAnsweredInTime(samples: readonly HealthSample[], phase: string): void {
  // Every answer, not a percentile: one long stall is what the test is for.
  const slow = samples.filter((s) => s.ms > HEALTH_BOUND_MS || s.status !== 200);
  expect({ phase, slow, max: quantile(samples, 1) }).toEqual({ phase, slow: [], max: expect.any(Number) });
}

describe('/health while a 20 MB history is staged and committed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'licences-import-health-'));
  let child: ChildProcess | undefined;

  afterAll(async () => {
    try {
      if (child) await stopProcess(child);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, STOP_MS + 10_000);

  it(
    `answers every /health within ${HEALTH_BOUND_MS} ms while the file is staged and while it is committed`,
    async () => {
      // Long goods descriptions: 20 MB in about 2,900 cases, so that the commit's per-case appends stay few.
      const history = generateHistory(2_900, 5, 5_600);
      const bytes = Buffer.byteLength(history.text);
      expect(bytes).toBeGreaterThan(19 * MIB);
      expect(bytes).toBeLessThan(21 * MIB);

      const app = await startAppProcess({
        LICENCES_DATA_DIR: join(dir, 'data'),
        LICENCES_JWT_SECRET: SECRET,
        LICENCES_IMPORT_CUTOVER: CUTOVER,
      });
      child = app.child;
      const bearer = (sub: string) => `Bearer ${signHs256({ sub, role: 'admin' }, SECRET)}`;

      let poller = pollHealth(app.baseUrl);
      const staged = await fetch(`${app.baseUrl}/api/imports`, {
        method: 'POST',
        headers: { authorization: bearer('alice'), 'content-type': 'application/x-ndjson' },
        body: history.text,
        signal: AbortSignal.timeout(STAGE_MS),
      });
      const whileStaging = await poller.stop();
      expect(staged.status).toBe(201);
      const record = (await staged.json()) as {
        importId: string;
        staging: { accepted: number; bytes: number };
      };
      expect(record.staging).toMatchObject({ accepted: 2_900, bytes });

      poller = pollHealth(app.baseUrl);
      const approved = await fetch(`${app.baseUrl}/api/imports/${record.importId}/approve`, {
        method: 'POST',
        headers: { authorization: bearer('bob') },
        signal: AbortSignal.timeout(COMMIT_MS),
      });
      const whileCommitting = await poller.stop();
      expect(approved.status).toBe(200);
      expect(await approved.json()).toMatchObject({ accepted: 2_900 });

      // The poller ran all along: several answers in each phase, or the bound proves nothing.
      expect(whileStaging.length).toBeGreaterThan(5);
      expect(whileCommitting.length).toBeGreaterThan(5);
      expectAnsweredInTime(whileStaging, 'staging');
      expectAnsweredInTime(whileCommitting, 'committing');
    },
    APP_START_MS + STAGE_MS + COMMIT_MS + 30_000,
  );
});
