import { EsdbStandIn } from '../esdb-stand-in/esdb-stand-in';
import { assessment, caseBody } from '../support/cases';
import { TestApp } from '../support/test-app';
import { describeApiOnRealServer } from './api-on-real-esdb';

/*
 * Without EVENTSTORE_CONNECTION_STRING: the API in this process, through the in-process gRPC
 * stand-in (with its fault injection). With it: the API as a process against that real server
 * and PostgreSQL, as .github/workflows/esdb.yml runs it; the stand-in's tests are then not defined.
 */
const realServer = process.env['EVENTSTORE_CONNECTION_STRING'];
if (realServer) describeApiOnRealServer(realServer);
const describeOnStandIn = realServer ? (_name: string, _tests: () => void) => undefined : describe;

describeOnStandIn('the admin API with LICENCES_EVENT_STORE=esdb (through the gRPC stand-in)', () => {
  let standIn: EsdbStandIn;
  let app: TestApp;

  beforeEach(async () => {
    standIn = await EsdbStandIn.start();
    app = await new TestApp({ kind: 'esdb', connectionString: standIn.connectionString }).start();
  });

  afterEach(async () => {
    await app.dispose();
    await standIn.stop();
  });

  it('runs a lifecycle, projects it and answers idempotent repeats from records kept in EventStoreDB', async () => {
    const headers = { 'idempotency-key': 'esdb-1' };
    const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody(), headers });
    expect(created).toMatchObject({ status: 201, body: { revision: 0, status: 'applied' } });
    const id = created.body.id as string;
    const repeat = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody(), headers });
    expect(repeat.body).toEqual(created.body);

    const issued = await app.request('POST', `/api/licences/${id}/issue`, {
      role: 'assessor',
      body: { assessment },
    });
    expect(issued.body).toMatchObject({
      revision: 1,
      status: 'issued',
      ruleId: 'allies',
      validUntil: '2027-11-27',
    });

    const state = await app.request('GET', `/api/licences/${id}`, { role: 'oversight' });
    expect(state.body).toMatchObject({ id, revision: 1, status: 'issued' });
    const history = await app.request('GET', `/api/licences/${id}/history`, { role: 'oversight' });
    expect(history.body.decisions.map((d: { type: string }) => d.type)).toEqual(['Applied', 'Issued']);
    expect(standIn.events.filter((e) => e.streamName === `licence-${id}`)).toHaveLength(2);
  });

  it('answers 503 with a problem when the cluster stays unavailable, and recovers', async () => {
    standIn.failNext('append', 'unavailable', 50);
    const refused = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
    expect(refused).toMatchObject({ status: 503, body: { code: 'EVENT_STORE_UNAVAILABLE' } });
    expect(refused.contentType).toContain('application/problem+json');
  });
});
