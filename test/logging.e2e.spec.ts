import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { licenceStreamId } from '@licences/licensing-application';
import { startAppProcess } from './support/app-process';
import { APP_START_MS, STOP_MS, stopProcess } from './support/child-processes';
import { caseBody } from './support/cases';
import { logLines } from './support/log-lines';
import type { LogLine } from './support/log-lines';
import { signHs256 } from './support/tokens';
import { timeoutAbove, waitUntil } from './support/waiting';

const SECRET = 'a-logging-test-secret-of-thirty-two-bytes-or-more';

describe('the API’s logs (as a process)', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-logging-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'are JSON lines whose request lines carry the correlation id the stored events carry, and never the token or the secret',
    async () => {
      const app = await startAppProcess(
        { LICENCES_DATA_DIR: dataDir, LICENCES_MODE: '', LICENCES_JWT_SECRET: SECRET },
        { readyPath: '/health/ready' },
      );
      let stdout = '';
      let stderr = '';
      app.child.stdout?.on('data', (chunk: string) => (stdout += chunk));
      app.child.stderr?.on('data', (chunk: string) => (stderr += chunk));
      const token = signHs256({ sub: 'intake-official-logging', role: 'intake' }, SECRET);
      const register = (headers: Record<string, string>, query = '') =>
        fetch(`${app.baseUrl}/api/licences${query}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
          body: JSON.stringify(caseBody()),
        });
      const requestLine = (caseUrl: string, correlationId?: string) =>
        logLines(stdout).find(
          (line) =>
            line.req?.method === 'POST' &&
            line.req.url === caseUrl &&
            line.res?.statusCode === 201 &&
            (correlationId === undefined || line.correlationId === correlationId),
        );
      let withId: LogLine | undefined;
      let without: LogLine | undefined;
      let givenCase = '';
      let madeCase = '';
      let madeHeader = '';
      try {
        const given = await register({ 'X-Correlation-Id': 'abc' }, `?access_token=${token}`);
        expect(given.status).toBe(201);
        expect(given.headers.get('x-correlation-id')).toBe('abc');
        givenCase = ((await given.json()) as { id: string }).id;

        const made = await register({});
        expect(made.status).toBe(201);
        madeHeader = made.headers.get('x-correlation-id') ?? '';
        expect(madeHeader).toMatch(/^[0-9a-f-]{36}$/);
        madeCase = ((await made.json()) as { id: string }).id;

        // A request's line is written once its answer is sent: wait for it, not for a time.
        await waitUntil(
          () => {
            withId = requestLine(`/api/licences?access_token=[Redacted]`, 'abc');
            without = requestLine('/api/licences', madeHeader);
            return withId !== undefined && without !== undefined;
          },
          'both request lines are logged',
          30_000,
        );
      } finally {
        await stopProcess(app.child, 'SIGTERM');
      }

      // Every line it wrote, from the banner on, is a JSON object with pino's fields (and stderr had none).
      expect(stderr).toBe('');
      const lines = logLines(app.output());
      expect(lines.map((line) => line.msg)).toContain(`Admin API    ${app.baseUrl}/api`);
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) {
        expect(line).toMatchObject({
          level: expect.any(String),
          time: expect.any(Number),
          msg: expect.any(String),
        });
      }
      expect(withId?.req?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(without?.req?.id).toBe(madeHeader);

      // The stored events carry the same ids: the correlation id, and the request's id as the causation.
      const store = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
      try {
        const [givenEvent] = await store.readStream(licenceStreamId(givenCase));
        const [madeEvent] = await store.readStream(licenceStreamId(madeCase));
        expect(givenEvent?.metadata).toMatchObject({ correlationId: 'abc', causationId: withId?.req?.id });
        expect(madeEvent?.metadata).toMatchObject({ correlationId: madeHeader, causationId: madeHeader });
      } finally {
        await store.close();
      }

      for (const written of [stdout, stderr]) {
        expect(written).not.toContain(token);
        expect(written).not.toContain(token.split('.')[2]);
        expect(written).not.toContain(SECRET);
      }
    },
    timeoutAbove(APP_START_MS, 30_000, STOP_MS),
  );
});
