import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { assessment, caseBody } from './support/cases';
import { TestApp } from './support/test-app';
import { waitUntil } from './support/waiting';

/** The value of one sample line, e.g. `licences_commands_total{command="RegisterCase",outcome="accepted"}`. */
function sample(scrape: string, series: string): number | undefined {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The names a scrape declares (its `# TYPE` lines). */
function declaredNames(scrape: string): string[] {
  return scrape
    .split('\n')
    .filter((line) => line.startsWith('# TYPE '))
    .map((line) => line.split(' ')[2] as string);
}

describe('GET /metrics', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  async function scrape(): Promise<string> {
    const answer = await fetch(`${app.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return answer.text();
  }

  it('counts commands by type and outcome, times requests, appends and commands, and shows each projection, with no case, subject or token in it', async () => {
    const intakeToken = app.token('intake', 'intake-official-7');
    const registered = await app.request('POST', '/api/licences', { token: intakeToken, body: caseBody() });
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;

    // Refused: no such case (404). Conflict: If-Match names a revision the case is not at (412).
    const unknown = await app.request('POST', `/api/licences/${randomUUID()}/issue`, {
      role: 'assessor',
      body: { assessment },
    });
    expect(unknown.status).toBe(404);
    const stale = await app.request('POST', `/api/licences/${id}/issue`, {
      role: 'assessor',
      body: { assessment },
      headers: { 'If-Match': '"7"' },
    });
    expect(stale.status).toBe(412);

    const first = await scrape();
    for (const name of [
      'licences_commands_total',
      'licences_command_duration_seconds',
      'licences_http_request_duration_seconds',
      'licences_event_append_duration_seconds',
      'licences_projection_position',
      'licences_projection_lag_events',
      'licences_projection_held',
      'licences_projection_rebuild_progress_ratio',
      'licences_access_audit_failures_total',
      'licences_process_cpu_seconds_total',
      'licences_nodejs_eventloop_lag_seconds',
    ]) {
      expect(declaredNames(first)).toContain(name);
    }
    expect(declaredNames(first).filter((name) => !name.startsWith('licences_'))).toEqual([]);

    expect(sample(first, 'licences_commands_total{command="RegisterCase",outcome="accepted"}')).toBe(1);
    expect(sample(first, 'licences_commands_total{command="IssueLicence",outcome="refused"}')).toBe(1);
    expect(sample(first, 'licences_commands_total{command="IssueLicence",outcome="conflict"}')).toBe(1);
    expect(sample(first, 'licences_command_duration_seconds_count{command="IssueLicence"}')).toBe(2);
    expect(sample(first, 'licences_event_append_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        first,
        'licences_http_request_duration_seconds_count{method="POST",route="/api/licences/:id/issue",status="412"}',
      ),
    ).toBe(1);
    expect(sample(first, 'licences_access_audit_failures_total')).toBe(0);
    for (const projection of [
      'licence-validity',
      'decision-history',
      'revocation-justification',
      'statistics',
    ]) {
      expect(sample(first, `licences_projection_held{projection="${projection}"}`)).toBe(1);
      expect(sample(first, `licences_projection_rebuild_progress_ratio{projection="${projection}"}`)).toBe(1);
      expect(
        sample(first, `licences_projection_position{projection="${projection}"}`),
      ).toBeGreaterThanOrEqual(1);
      expect(sample(first, `licences_projection_lag_events{projection="${projection}"}`)).toBe(0);
    }

    // Counts rise with the next command; appends are timed once more.
    const appendsBefore = sample(first, 'licences_event_append_duration_seconds_count') ?? 0;
    expect(
      (await app.request('POST', `/api/licences/${id}/issue`, { role: 'assessor', body: { assessment } }))
        .status,
    ).toBe(200);
    const second = await scrape();
    expect(sample(second, 'licences_commands_total{command="IssueLicence",outcome="accepted"}')).toBe(1);
    expect(sample(second, 'licences_commands_total{command="RegisterCase",outcome="accepted"}')).toBe(1);
    expect(sample(second, 'licences_event_append_duration_seconds_count')).toBeGreaterThan(appendsBefore);
    expect(
      sample(
        second,
        'licences_http_request_duration_seconds_count{method="GET",route="/metrics",status="200"}',
      ),
    ).toBe(1);

    for (const text of [first, second]) {
      expect(text).not.toContain(id);
      expect(text).not.toContain('intake-official-7');
      expect(text).not.toContain(intakeToken);
      expect(text).not.toContain('Thales');
    }
  });

  it('shows a rebuild reaching 1, and answers without a token', async () => {
    expect((await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() })).status).toBe(
      201,
    );
    const started = await app.request('POST', '/api/projections/statistics/rebuild', { role: 'admin' });
    expect(started.status).toBe(202);
    await waitUntil(
      async () =>
        (await app.request('GET', '/api/projections', { role: 'admin' })).body.some(
          (p: { name: string; rebuild?: { state: string } }) =>
            p.name === 'statistics' && p.rebuild?.state === 'completed',
        ),
      'the rebuild of statistics completes',
      30_000,
    );
    expect(
      sample(await scrape(), 'licences_projection_rebuild_progress_ratio{projection="statistics"}'),
    ).toBe(1);
  }, 60_000);

  it('counts a read refused because its access could not be recorded', async () => {
    const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
    expect(created.status).toBe(201);
    expect(sample(await scrape(), 'licences_access_audit_failures_total')).toBe(0);
    // Another process holds the access log locked: the audited read cannot be recorded.
    const lock = new Database(join(app.dataDir, 'access-log.sqlite'));
    try {
      lock.exec('BEGIN EXCLUSIVE');
      const refused = await app.request('GET', `/api/licences/${created.body.id as string}`, {
        role: 'oversight',
      });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'ACCESS_AUDIT_UNAVAILABLE' });
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect(sample(await scrape(), 'licences_access_audit_failures_total')).toBe(1);
  }, 60_000);
});
