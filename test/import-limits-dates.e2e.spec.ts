import { CUTOVER, idOf } from './import/historical-history';
import { assessment, caseBody } from './support/cases';
import { TestApp } from './support/test-app';

/*
 * Issue 11: `"validFrom":"9999-12-31"` ended in a 500 (RangeError: Not a calendar date), and a
 * history line could carry the same year. Both are refused with a problem naming the field, and
 * nothing is appended.
 */

const NDJSON = { 'content-type': 'application/x-ndjson' };

describe('dates no licence can have, through the API and the import', () => {
  const app = new TestApp();

  beforeAll(async () => {
    app.importCutover = CUTOVER;
    await app.start();
    app.clock.set('2026-01-15T09:00:00Z');
  });

  afterAll(async () => {
    await app.dispose();
  });

  const stillApplied = async (id: string) => {
    const licence = await app.request('GET', `/api/licences/${id}`, { role: 'assessor' });
    expect(licence.body).toMatchObject({ status: 'applied', revision: 0 });
  };

  it('refuses to issue with validFrom 9999-12-31 (the probe of the issue) with a problem naming validFrom, not a 500', async () => {
    const id = await app.registerCase();
    const answer = await app.issueLicence(id, { validFrom: '9999-12-31' });
    expect(answer.contentType).toContain('application/problem+json');
    // The edge may refuse the year itself (400) before the domain refuses the distance (422).
    expect([400, 422]).toContain(answer.status);
    expect(JSON.stringify(answer.body)).toContain('validFrom');
    await stillApplied(id);
  });

  it('refuses to issue with validFrom more than 12 months after the decision date: 422 VALID_FROM_TOO_FAR_AHEAD', async () => {
    const id = await app.registerCase();
    const answer = await app.issueLicence(id, { validFrom: '2027-01-16' });
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer).toMatchObject({
      status: 422,
      body: {
        code: 'VALID_FROM_TOO_FAR_AHEAD',
        field: 'validFrom',
        decisionDate: '2026-01-15',
        latestValidFrom: '2027-01-15',
      },
    });
    await stillApplied(id);
  });

  it('issues with validFrom on the bound itself', async () => {
    const id = await app.registerCase();
    const answer = await app.issueLicence(id, { validFrom: '2027-01-15' });
    expect(answer).toMatchObject({ status: 200, body: { validFrom: '2027-01-15' } });
  });

  it('refuses imported validity in year 9999 at its line, and a period beyond 50 years per case, with its line and reason', async () => {
    const { procedure: _procedure, ...details } = caseBody();
    const line = (label: string, type: string, occurredAt: string, role: string, data: object) =>
      JSON.stringify({
        caseId: idOf(label),
        type,
        occurredAt,
        actor: { sub: `archive-${role}`, role },
        data,
      });
    const caseWith = (label: string, validFrom: string, validUntil: string) => [
      line(label, 'Applied', '2025-03-03T10:00:00Z', 'intake', details),
      line(label, 'Issued', '2025-03-20T10:00:00Z', 'assessor', { assessment, validFrom, validUntil }),
    ];
    const text = [
      ...caseWith('dates/start-9999', '9999-12-30', '9999-12-31'),
      ...caseWith('dates/end-9999', '2025-03-20', '9999-12-31'),
      ...caseWith('dates/end-2080', '2025-03-20', '2080-01-01'),
      ...caseWith('dates/good', '2025-03-20', '2028-03-19'),
    ].join('\n');
    const staged = await app.request('POST', '/api/imports', {
      token: app.token('admin', 'alice'),
      rawBody: text,
      headers: NDJSON,
    });
    expect(staged.status).toBe(201);
    expect(staged.body.staging).toMatchObject({ accepted: 1, refusedTotal: 3 });
    expect(staged.body.staging.refused).toEqual([
      expect.objectContaining({ caseId: idOf('dates/start-9999'), line: 2, code: 'INVALID_LINE' }),
      expect.objectContaining({ caseId: idOf('dates/end-9999'), line: 4, code: 'INVALID_LINE' }),
      expect.objectContaining({ caseId: idOf('dates/end-2080'), line: 6, code: 'VALID_UNTIL_TOO_FAR_AHEAD' }),
    ]);
    expect(staged.body.staging.refused[0].reason).toContain('data.validFrom must be a calendar date');
    expect(staged.body.staging.refused[1].reason).toContain('data.validUntil must be a calendar date');
    expect(staged.body.staging.refused[2].reason).toContain('no licence period is that long');
  });
});
