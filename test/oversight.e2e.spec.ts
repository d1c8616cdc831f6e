import { randomUUID } from 'node:crypto';
import { assessment, revocation } from './support/cases';
import { alliedIssueBeforeAccession, appendImported, headPosition } from './support/imported-decision';
import { TestApp } from './support/test-app';

const MK = { country: 'MK', endUser: 'Army of North Macedonia' };
const SA = { country: 'SA', endUser: 'Royal Saudi Air Force' };

describe('oversight over HTTP', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  const at = (instant: string) => app.clock.set(instant);
  const register = (overrides: Record<string, unknown> = {}) => app.registerCase(overrides);
  const issue = (id: string) => app.issueLicence(id);
  const extend = (id: string, body: Record<string, unknown> = {}) =>
    app.request('POST', `/api/licences/${id}/extend`, {
      role: 'assessor',
      body: { reassessment: assessment, ...body },
    });
  const oversight = (method: string, path: string, body?: unknown) =>
    app.request(method, path, { role: 'oversight', ...(body !== undefined && { body }) });

  /** A case registered on 2020-03-20 with an imported 3-year issue on 2020-03-26 (MK joined NATO 2020-03-27). */
  async function importedDeviation(): Promise<{ id: string; position: number }> {
    at('2020-03-20T10:00:00Z');
    const id = await register({ destination: MK });
    const position = await appendImported(app.dataDir, id, alliedIssueBeforeAccession(), 0);
    return { id, position };
  }

  it('replays a case step by step: decisions the API took conform, and a shorter extension is a note', async () => {
    at('2024-11-25T10:00:00Z');
    const id = await register();
    at('2024-11-28T10:00:00Z');
    expect((await issue(id)).body).toMatchObject({ revision: 1 }); // allies: until 2027-11-27
    at('2026-06-01T10:00:00Z');
    // The rule allows until 2029-05-31 (2026-06-01 + 36 months - 1 day); the assessor gives less.
    expect((await extend(id, { validUntil: '2028-12-31' })).status).toBe(200);

    const { status, body } = await oversight('GET', `/api/oversight/licences/${id}/replay`);

    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['findings', 'id', 'steps']);
    expect(body.id).toBe(id);
    expect(body.steps.map((s: any) => [s.revision, s.type, s.decisionDate, s.actor.role])).toEqual([
      [0, 'Applied', '2024-11-25', 'intake'],
      [1, 'Issued', '2024-11-28', 'assessor'],
      [2, 'Extended', '2026-06-01', 'assessor'],
    ]);
    expect(body.steps[0]).toMatchObject({ stateBefore: null, stateAfter: { status: 'applied' } });
    expect(body.steps[0].recheck).toBeUndefined();
    expect(body.steps[1]).toMatchObject({
      stateBefore: { status: 'applied' },
      stateAfter: { status: 'issued', validUntil: '2027-11-27' },
      recheck: {
        recorded: {
          ruleId: 'allies',
          months: 36,
          validUntil: '2027-11-27',
          countryGroups: ['EU', 'NATO', 'NATO+'],
        },
        expected: { ruleId: 'allies', months: 36, validUntil: '2027-11-27' },
        findings: [],
      },
    });
    expect(body.steps[2].stateAfter).toMatchObject({ validUntil: '2028-12-31', extensions: 1 });
    expect(body.findings).toEqual([
      expect.objectContaining({
        code: 'VALIDITY_SHORTER_THAN_RULE',
        severity: 'note',
        caseId: id,
        revision: 2,
        decisionType: 'Extended',
        recorded: '2028-12-31',
        expected: '2029-05-31',
      }),
    ]);

    const unknown = await oversight('GET', `/api/oversight/licences/${randomUUID()}/replay`);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'CASE_NOT_FOUND' } });
    expect((await oversight('GET', '/api/oversight/licences/not-a-uuid/replay')).status).toBe(400);
  });

  it('finds the deviation of an imported decision: 3 years to MK the day before it joined NATO', async () => {
    const { id, position } = await importedDeviation();

    const { body } = await oversight('GET', `/api/oversight/licences/${id}/replay?minPosition=${position}`);

    expect(body.steps.map((s: any) => s.type)).toEqual(['Applied', 'Issued']);
    expect(body.steps[1].actor).toEqual({ sub: 'archive-clerk', role: 'assessor' });
    expect(body.steps[1].imported).toEqual({ importId: 'test-import', line: 2 });
    expect(body.findings.map((f: any) => [f.code, f.severity, f.recorded, f.expected])).toEqual([
      ['VALIDITY_LONGER_THAN_RULE', 'deviation', '2023-03-25', '2021-03-25'],
      ['RULE_MISMATCH', 'deviation', 'allies (36 months)', 'default (12 months)'],
      ['MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE', 'deviation', ['NATO', 'NATO+'], []],
    ]);
    expect(body.findings[2].message).toContain('MK joined NATO only on 2020-03-27');
  });

  it('lists the decisions of a period with their findings, and validates the period', async () => {
    const { id: imported, position } = await importedDeviation();
    at('2024-11-28T10:00:00Z');
    const conformant = await register();
    await issue(conformant);

    const in2020 = await oversight(
      'GET',
      `/api/oversight/decisions?from=2020-01-01&to=2020-12-31&minPosition=${position}`,
    );
    expect(in2020.status).toBe(200);
    expect(in2020.body.decisions.map((d: any) => [d.caseId, d.type, d.decisionDate])).toEqual([
      [imported, 'Applied', '2020-03-20'],
      [imported, 'Issued', '2020-03-26'],
    ]);
    expect(in2020.body.decisions[1].recheck.expected).toMatchObject({
      ruleId: 'default',
      validUntil: '2021-03-25',
    });
    expect(in2020.body.findings.map((f: any) => [f.caseId, f.code])).toEqual([
      [imported, 'VALIDITY_LONGER_THAN_RULE'],
      [imported, 'RULE_MISMATCH'],
      [imported, 'MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE'],
    ]);
    expect(in2020.body.totals).toEqual({ decisions: 2, rechecked: 1, deviations: 3, notes: 0 });

    const in2024 = await oversight('GET', '/api/oversight/decisions?from=2024-11-28&to=2024-11-28');
    expect(in2024.body.decisions.map((d: any) => [d.caseId, d.type])).toEqual([
      [conformant, 'Applied'],
      [conformant, 'Issued'],
    ]);
    expect(in2024.body.findings).toEqual([]);

    for (const query of [
      'from=2024-12-01&to=2024-11-01', // to before from
      'from=2010-01-01&to=2020-01-01', // more than 10 years
      'from=2024-01-01', // to missing
      'from=2024-02-30&to=2024-03-01', // not a date
      'from=2024-01-01&to=2024-12-31&extra=1', // unknown field
    ]) {
      const refused = await oversight('GET', `/api/oversight/decisions?${query}`);
      expect([query, refused.status, refused.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
  });

  it('compares 2024 under the contract-duration policy of motion Ram, recording nothing', async () => {
    at('2024-03-01T10:00:00Z');
    // DE, allies: until 2027-02-28. Contract 60 months: until 2029-02-28.
    //   2027-02-28 -> 2028-02-28 = 365, -> 2029-02-28 = 366 (2028-02-29): +731 days.
    const de = await register({ contract: { termMonths: 60 } });
    await issue(de);
    // SA, default: until 2025-02-28. Contract 60 months: until 2029-02-28.
    const sa = await register({ destination: SA, contract: { termMonths: 60 } });
    await issue(sa);
    // Extended 2025-02-01 to its bound 2026-01-31, which the contract term covers: not needed.
    at('2025-02-01T10:00:00Z');
    await extend(sa);
    // Revoked 2025-06-01: actual 2025-06-01 -> 2026-01-31 = 214 (Jun..Dec) + 30 = 244 days.
    //   What-if 2025-06-01 -> 2028-06-01 = 365 + 365 + 366 = 1096, -> 2029-02-28 = 272 more: 1368.
    //   Final: 2026-01-31 -> 2029-01-31 = 365 + 365 + 366 = 1096, -> 2029-02-28 = 28 more: +1124.
    at('2025-06-01T10:00:00Z');
    expect((await app.revokeLicence(sa, revocation)).status).toBe(200);
    const head = await headPosition(app.dataDir);

    const request = { policy: 'contract-duration', from: '2024-01-01', to: '2024-12-31' };
    const { status, body } = await oversight('POST', '/api/oversight/what-if', request);

    expect(status).toBe(200);
    expect(body.policy.id).toBe('contract-duration');
    expect(
      body.licences.map((l: any) => [l.caseId, l.basis, l.differenceDays, l.extensionsNotNeeded]),
    ).toEqual(
      [de, sa]
        .sort()
        .map((id) => (id === de ? [de, 'contract-term', 731, 0] : [sa, 'contract-term', 1124, 1])),
    );
    expect(body.totals).toEqual({
      licences: 2,
      longer: 2,
      shorter: 0,
      unchanged: 0,
      differenceDays: 1855, // 731 + 1124
      extensions: 1,
      extensionsNotNeeded: 1,
      revoked: 1,
      notCoveredByVariant: 0,
      actualDaysAfterRevocation: 244,
      whatIfDaysAfterRevocation: 1368,
    });
    expect(await headPosition(app.dataDir)).toBe(head);

    const national = await oversight('POST', '/api/oversight/what-if', { ...request, policy: 'national' });
    expect(national.body.totals).toMatchObject({ licences: 2, unchanged: 2, differenceDays: 0 });
    for (const bad of [
      { ...request, policy: 'forever' },
      { ...request, to: '2023-01-01' },
      { ...request, dryRun: true },
    ]) {
      expect((await oversight('POST', '/api/oversight/what-if', bad)).status).toBe(400);
    }
  });

  // The rows of each version in the table's order: the undated ones, and those of 2019-04-17.
  const UNDATED_ROWS = ['dual-use-national-practice', 'default'];
  const ONE_YEAR_LIMITS = ['temporary-export-one-year', 'transit-one-year', 'firearms-act-one-year'];
  const ROWS_2019 = ['allies', 'brokering-within-eu', ...UNDATED_ROWS, ...ONE_YEAR_LIMITS];

  it('publishes every version of the validity table', async () => {
    const { status, body } = await app.request('GET', '/api/policy/versions');

    expect(status).toBe(200);
    expect(
      body.map((v: any) => [v.version, v.inForceFrom, v.inForceUntil, v.rows.map((r: any) => r.id)]),
    ).toEqual([
      ['nl-export-licence-validity@initial', null, '2019-04-16', UNDATED_ROWS],
      ['nl-export-licence-validity@2019-04-17', '2019-04-17', '2021-09-08', ROWS_2019],
      [
        'nl-export-licence-validity@2021-09-09',
        '2021-09-09',
        '2023-04-17',
        [...ROWS_2019, 'dual-use-eu-maximum'],
      ],
      [
        'nl-export-licence-validity@2023-04-18',
        '2023-04-18',
        undefined,
        [
          'allies',
          'brokering-within-eu',
          'after-sales',
          ...UNDATED_ROWS,
          ...ONE_YEAR_LIMITS,
          'dual-use-eu-maximum',
        ],
      ],
    ]);
    expect(Object.keys(body[3].rows[0]).sort()).toEqual([
      'description',
      'effect',
      'id',
      'months',
      'scope',
      'source',
    ]);
    expect(body[3].rows[0].source.reference).toContain('22054-311');
    expect(body[3].rows.find((r: any) => r.id === 'dual-use-eu-maximum')).toMatchObject({
      effect: 'legal-maximum',
      months: 24,
    });
  });

  it('lets oversight read everything and command nothing; assessors cannot use the oversight routes', async () => {
    at('2024-11-28T10:00:00Z');
    const id = await register();
    const reads: [string, string, unknown?][] = [
      ['GET', `/api/oversight/licences/${id}/replay`],
      ['GET', '/api/oversight/decisions?from=2024-01-01&to=2024-12-31'],
      [
        'POST',
        '/api/oversight/what-if',
        { policy: 'contract-duration', from: '2024-01-01', to: '2024-12-31' },
      ],
      ['GET', `/api/licences/${id}`],
      ['GET', `/api/licences/${id}/history`],
      ['GET', '/api/licences'],
    ];
    for (const [method, path, body] of reads) {
      expect([path, (await oversight(method, path, body)).status]).toEqual([path, 200]);
    }
    const commands = [
      '',
      `/${id}/sondage-answer`,
      `/${id}/apply`,
      `/${id}/issue`,
      `/${id}/deny`,
      `/${id}/withdraw`,
      `/${id}/extend`,
      `/${id}/revocation-proposal`,
      `/${id}/revocation-proposal/withdraw`,
      `/${id}/revocation-proposal/reject`,
      `/${id}/revoke`,
    ];
    for (const path of commands.map((p) => `/api/licences${p}`)) {
      expect([path, (await oversight('POST', path, {})).status]).toEqual([path, 403]);
    }
    for (const [method, path, body] of reads.slice(0, 3)) {
      const asAssessor = await app.request(method, path, {
        role: 'assessor',
        ...(body !== undefined && { body }),
      });
      expect([path, asAssessor.status]).toEqual([path, 403]);
      const asAdmin = await app.request(method, path, { role: 'admin', ...(body !== undefined && { body }) });
      expect([path, asAdmin.status]).toEqual([path, 200]);
      expect([path, (await app.request(method, path)).status]).toEqual([path, 401]);
    }
  });
});
