import { assessment } from './support/cases';
import { alliedIssueBeforeAccession, appendImported } from './support/imported-decision';
import { TestApp } from './support/test-app';

const MK = { country: 'MK', endUser: 'Army of North Macedonia' };
const PERIOD = 'from=2020-01-01&to=2026-12-31';

describe('oversight: filtering and paging on the server', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  const at = (instant: string) => app.clock.set(instant);
  const oversight = (method: string, path: string, body?: unknown) =>
    app.request(method, path, { role: 'oversight', ...(body !== undefined && { body }) });
  const decisions = (query: string) => oversight('GET', `/api/oversight/decisions?${PERIOD}&${query}`);
  const steps = (list: any[]) => list.map((d: any) => `${d.caseId}#${d.revision}`);
  const fieldsOf = (answer: { body: any }) =>
    (answer.body.errors as { field: string }[]).map((err) => err.field);

  /**
   * Seven decisions from 2020 to 2026: an imported issue with three deviations, an extension
   * shorter than the rule (a note), and a conformant case.
   */
  async function history(): Promise<{ imported: string; extended: string; position: number }> {
    at('2020-03-20T10:00:00Z');
    const imported = await app.registerCase({ destination: MK });
    const position = await appendImported(app.dataDir, imported, alliedIssueBeforeAccession(), 0);
    at('2024-11-25T10:00:00Z');
    const extended = await app.registerCase();
    at('2024-11-28T10:00:00Z');
    await app.issueLicence(extended);
    await app.issueLicence(await app.registerCase());
    at('2026-06-01T10:00:00Z');
    const shorter = await app.request('POST', `/api/licences/${extended}/extend`, {
      role: 'assessor',
      body: { reassessment: assessment, validUntil: '2028-12-31' },
    });
    expect(shorter.status).toBe(200);
    return { imported, extended, position };
  }

  it('filters the decisions by finding code and severity, keeping the totals of the whole period', async () => {
    const { imported, extended, position } = await history();
    const whole = await oversight('GET', `/api/oversight/decisions?${PERIOD}&minPosition=${position}`);
    expect(whole.status).toBe(200);
    // Without the new parameters the answer is as it always was.
    expect(Object.keys(whole.body).sort()).toEqual(['decisions', 'findings', 'from', 'to', 'totals']);
    expect(whole.body.decisions).toHaveLength(7);
    expect(whole.body.totals).toEqual({ decisions: 7, rechecked: 4, deviations: 3, notes: 1 });

    const deviation = await decisions('severity=deviation');
    expect(deviation.status).toBe(200);
    expect(steps(deviation.body.decisions)).toEqual([`${imported}#1`]);
    expect(deviation.body.findings.map((f: any) => f.code)).toEqual([
      'VALIDITY_LONGER_THAN_RULE',
      'RULE_MISMATCH',
      'MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE',
    ]);
    expect(deviation.body.matching).toBe(1);
    expect(deviation.body.totals).toEqual(whole.body.totals);

    const note = await decisions('severity=note');
    expect(steps(note.body.decisions)).toEqual([`${extended}#2`]);
    expect(note.body.findings.map((f: any) => f.code)).toEqual(['VALIDITY_SHORTER_THAN_RULE']);

    const any = await decisions('severity=any');
    expect(steps(any.body.decisions)).toEqual([`${imported}#1`, `${extended}#2`]);
    expect(any.body.matching).toBe(2);

    // A decision found by one code brings every finding it has.
    const byCode = await decisions('code=RULE_MISMATCH');
    expect(steps(byCode.body.decisions)).toEqual([`${imported}#1`]);
    expect(byCode.body.findings).toEqual(deviation.body.findings);
    expect(byCode.body.totals).toEqual(whole.body.totals);

    const codeAndSeverity = await decisions('code=VALIDITY_SHORTER_THAN_RULE&severity=note');
    expect(steps(codeAndSeverity.body.decisions)).toEqual([`${extended}#2`]);
    const neither = await decisions('code=RULE_MISMATCH&severity=note');
    expect(neither.body).toMatchObject({ decisions: [], findings: [], matching: 0 });
    expect((await decisions('code=DECIDED_WHILE_ON_HOLD')).body.matching).toBe(0);
  });

  it('pages the decisions: the pages together are the (filtered) whole, in the same order', async () => {
    const { imported, extended, position } = await history();
    const whole = (await oversight('GET', `/api/oversight/decisions?${PERIOD}&minPosition=${position}`)).body;

    const pages = [];
    for (const page of [1, 2, 3]) {
      const answer = await decisions(`page=${page}&pageSize=3`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ page, pageSize: 3, matching: 7, totals: whole.totals });
      const onPage = new Set(steps(answer.body.decisions));
      expect(answer.body.findings).toEqual(
        whole.findings.filter((f: any) => onPage.has(`${f.caseId}#${f.revision}`)),
      );
      pages.push(...answer.body.decisions);
    }
    expect(pages).toEqual(whole.decisions);
    expect((await decisions('page=3&pageSize=3')).body.decisions).toHaveLength(1);
    expect((await decisions('page=4&pageSize=3')).body).toMatchObject({ decisions: [], matching: 7 });
    // page alone: 50 to a page; pageSize alone: the first page.
    expect((await decisions('page=1')).body).toMatchObject({ page: 1, pageSize: 50, matching: 7 });
    expect((await decisions('pageSize=2')).body).toMatchObject({ page: 1, pageSize: 2 });

    const first = await decisions('severity=any&page=1&pageSize=1');
    const second = await decisions('severity=any&page=2&pageSize=1');
    expect([...steps(first.body.decisions), ...steps(second.body.decisions)]).toEqual([
      `${imported}#1`,
      `${extended}#2`,
    ]);
    expect(first.body.matching).toBe(2);
    expect(first.body.findings).toHaveLength(3);
    expect(second.body.findings.map((f: any) => f.code)).toEqual(['VALIDITY_SHORTER_THAN_RULE']);
  });

  it('refuses a bad filter or page of the decisions, naming the field', async () => {
    for (const [query, field] of [
      ['code=NOT_A_CODE', 'code'],
      ['code=rule_mismatch', 'code'],
      ['severity=all', 'severity'],
      ['severity=', 'severity'],
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=1.5', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=501', 'pageSize'],
      ['pageSize=ten', 'pageSize'],
    ] as const) {
      const refused = await decisions(query);
      expect([query, refused.status, refused.body.code, fieldsOf(refused)]).toEqual([
        query,
        400,
        'VALIDATION_FAILED',
        [field],
      ]);
    }
  });

  it('pages the what-if, keeping the totals of the whole period', async () => {
    at('2024-03-01T10:00:00Z');
    for (const termMonths of [60, 24, 120]) {
      await app.issueLicence(await app.registerCase({ contract: { termMonths } }));
    }
    const request = { policy: 'contract-duration', from: '2024-01-01', to: '2024-12-31' };
    const whole = await oversight('POST', '/api/oversight/what-if', request);
    expect(whole.status).toBe(200);
    expect(Object.keys(whole.body).sort()).toEqual(['from', 'licences', 'policy', 'to', 'totals']);
    expect(whole.body.licences).toHaveLength(3);

    const first = await oversight('POST', '/api/oversight/what-if', { ...request, page: 1, pageSize: 2 });
    const second = await oversight('POST', '/api/oversight/what-if', { ...request, page: 2, pageSize: 2 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, matching: 3, totals: whole.body.totals });
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, matching: 3, totals: whole.body.totals });
    expect(first.body.licences).toHaveLength(2);
    expect([...first.body.licences, ...second.body.licences]).toEqual(whole.body.licences);
    expect(first.body.policy).toEqual(whole.body.policy);
    // An optional field sent as null is absent.
    const asNull = await oversight('POST', '/api/oversight/what-if', { ...request, page: null });
    expect(asNull.body).toEqual(whole.body);
    const beyond = await oversight('POST', '/api/oversight/what-if', { ...request, page: 3, pageSize: 2 });
    expect(beyond.body).toMatchObject({ licences: [], matching: 3 });

    for (const [extra, field] of [
      [{ page: 0 }, 'page'],
      [{ page: 1.5 }, 'page'],
      [{ page: '1' }, 'page'],
      [{ pageSize: 0 }, 'pageSize'],
      [{ pageSize: 501 }, 'pageSize'],
      [{ pageSize: '50' }, 'pageSize'],
    ] as const) {
      const refused = await oversight('POST', '/api/oversight/what-if', { ...request, ...extra });
      expect([extra, refused.status, refused.body.errors]).toEqual([
        extra,
        400,
        [expect.objectContaining({ field })],
      ]);
    }
  });
});
