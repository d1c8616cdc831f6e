import { MIN_POSITION_WAIT_MS } from '../apps/api/src/http/read-model-freshness';
import { caseBody } from './support/cases';
import { TestApp } from './support/test-app';
import { timeoutAbove } from './support/waiting';

/** Longer than the 5 s a read with minPosition waits, with room for a busy machine. */
const SLOW_TEST_MS = timeoutAbove(MIN_POSITION_WAIT_MS);

describe('how fresh a read is, over HTTP', () => {
  let app: TestApp;

  afterEach(async () => {
    await app.dispose();
  });

  it('names the position every read includes, and waits for minPosition with the projections inline', async () => {
    app = await new TestApp().start();
    const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
    const { id, position } = created.body as { id: string; position: number };

    const reads = [
      `/api/licences/${id}?minPosition=${position}`,
      `/api/licences?minPosition=${position}`,
      `/api/licences/${id}/history`,
      `/api/oversight/licences/${id}/replay?minPosition=${position}`,
    ];
    for (const path of reads) {
      const answer = await app.request('GET', path, { role: 'oversight' });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(Number(answer.headers.get('x-read-model-position'))).toBeGreaterThanOrEqual(position);
    }
    const revocation = await app.request('GET', `/api/licences/${id}/revocation`, { role: 'oversight' });
    expect(revocation.status).toBe(404);
    expect(revocation.headers.get('x-read-model-position')).toBe(String(position));
  });

  it(
    'answers 503 READ_MODEL_NOT_CAUGHT_UP when nothing projects, and refuses at once a position beyond the head',
    async () => {
      app = await new TestApp(undefined, 'external').start();
      const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
      const { id, position } = created.body as { id: string; position: number };

      const plain = await app.request('GET', `/api/licences/${id}`, { role: 'assessor' });
      expect(plain.status).toBe(404);
      expect(plain.headers.get('x-read-model-position')).toBe('0');

      const started = Date.now();
      const behind = await app.request('GET', `/api/licences/${id}?minPosition=${position}`, {
        role: 'assessor',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
      expect(behind.status).toBe(503);
      expect(behind.contentType).toContain('application/problem+json');
      expect(behind.headers.get('retry-after')).toBe('2');
      expect(behind.headers.get('x-read-model-position')).toBe('0');
      expect(behind.body).toMatchObject({
        code: 'READ_MODEL_NOT_CAUGHT_UP',
        title: 'Read model not caught up',
        minPosition: position,
        readModelPosition: 0,
        instance: `/api/licences/${id}?minPosition=${position}`,
      });

      const quick = Date.now();
      const beyond = await app.request('GET', `/api/licences?minPosition=${position + 1}`, {
        role: 'assessor',
      });
      expect(Date.now() - quick).toBeLessThan(4_000);
      expect(beyond.status).toBe(422);
      expect(beyond.body).toMatchObject({
        code: 'MIN_POSITION_BEYOND_HEAD',
        minPosition: position + 1,
        headPosition: position,
      });
      const oversight = await app.request(
        'GET',
        `/api/oversight/decisions?from=2024-01-01&to=2024-12-31&minPosition=${position + 1}`,
        { role: 'oversight' },
      );
      expect(oversight).toMatchObject({ status: 422, body: { code: 'MIN_POSITION_BEYOND_HEAD' } });
    },
    SLOW_TEST_MS,
  );
});
