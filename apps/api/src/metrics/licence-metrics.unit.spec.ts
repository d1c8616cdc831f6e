import { commandOutcomeOf, LicenceMetrics } from './licence-metrics';

const NAMES = [
  'licences_commands_total',
  'licences_command_duration_seconds',
  'licences_http_request_duration_seconds',
  'licences_event_append_duration_seconds',
  'licences_projection_position',
  'licences_projection_lag_events',
  'licences_projection_held',
  'licences_projection_rebuild_progress_ratio',
  'licences_access_audit_failures_total',
];

describe('LicenceMetrics', () => {
  it('registers every documented name, and the default process metrics with the licences_ prefix', async () => {
    const metrics = new LicenceMetrics();
    const names = (await metrics.registry.getMetricsAsJSON()).map((metric) => metric.name);
    expect(names).toEqual(expect.arrayContaining(NAMES));
    expect(names).toEqual(
      expect.arrayContaining(['licences_process_cpu_seconds_total', 'licences_nodejs_heap_size_used_bytes']),
    );
    expect(names.filter((name) => !name.startsWith('licences_'))).toEqual([]);
  });

  it('keeps a registry per instance: two apps in one process count apart', async () => {
    const one = new LicenceMetrics();
    const two = new LicenceMetrics();
    one.recordCommand('IssueLicence', 201, 0.01);
    expect((await one.scrape()).body).toContain(
      'licences_commands_total{command="IssueLicence",outcome="accepted"} 1',
    );
    expect((await two.scrape()).body).not.toContain('IssueLicence');
  });

  it('reads the projection gauges at scrape', async () => {
    const metrics = new LicenceMetrics();
    let position = 3;
    metrics.watchProjections({
      samples: () =>
        Promise.resolve([
          { projection: 'licence-list', position, lag: 10 - position, held: true, rebuildRatio: 1 },
        ]),
    });
    expect((await metrics.scrape()).body).toContain(
      'licences_projection_lag_events{projection="licence-list"} 7',
    );
    position = 10;
    const body = (await metrics.scrape()).body;
    expect(body).toContain('licences_projection_position{projection="licence-list"} 10');
    expect(body).toContain('licences_projection_lag_events{projection="licence-list"} 0');
    expect(body).toContain('licences_projection_held{projection="licence-list"} 1');
    expect(body).toContain('licences_projection_rebuild_progress_ratio{projection="licence-list"} 1');
  });

  it('counts a command by the status of its answer', () => {
    expect([201, 200, 400, 403, 404, 422, 409, 412, 500, 503].map(commandOutcomeOf)).toEqual([
      'accepted',
      'accepted',
      'refused',
      'refused',
      'refused',
      'refused',
      'conflict',
      'conflict',
      'error',
      'error',
    ]);
  });
});
