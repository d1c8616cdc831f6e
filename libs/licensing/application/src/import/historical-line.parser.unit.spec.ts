import { parseHistoricalLine } from './historical-line.parser';
import { assessment, caseId, details, legacyDetails } from './testing/historical-lines.fixture';

const lineOf = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    caseId,
    type: 'Applied',
    occurredAt: '2019-05-01T12:00:00+02:00',
    actor: { sub: 'j.jansen', role: 'intake' },
    data: details,
    ...overrides,
  });

describe('parseHistoricalLine', () => {
  it('reads a line, normalising its instant and keeping a canonical form for ids', () => {
    const parsed = parseHistoricalLine(lineOf(), 7);
    expect(parsed).toMatchObject({
      ok: true,
      line: { line: 7, caseId, type: 'Applied', occurredAt: '2019-05-01T10:00:00.000Z', data: { details } },
    });
    const respelled = parseHistoricalLine(
      JSON.stringify(JSON.parse(lineOf()), null, 2).replace(/\n/g, ''),
      8,
    );
    expect(parsed.ok && respelled.ok && parsed.line.canonical === respelled.line.canonical).toBe(true);
  });

  it('reads an Applied after a sondage without details, and Issued with the decided dates', () => {
    expect(parseHistoricalLine(lineOf({ data: {} }), 1)).toMatchObject({ ok: true, line: { data: {} } });
    const issued = lineOf({
      type: 'Issued',
      data: { assessment, validFrom: '2019-05-01', validUntil: '2022-04-30' },
    });
    expect(parseHistoricalLine(issued, 1)).toMatchObject({
      ok: true,
      line: { type: 'Issued', data: { validFrom: '2019-05-01', validUntil: '2022-04-30' } },
    });
  });

  describe('case details before and after cases had several destinations', () => {
    it('reads an older file’s single destination as a list of one, a definitive export outside the firearms act', () => {
      const parsed = parseHistoricalLine(lineOf({ data: legacyDetails }), 1);
      expect(parsed).toMatchObject({ ok: true, line: { data: { details } } });
      // Event ids derive from the line as written, so a file imported before keeps its ids.
      expect(parsed.ok && parsed.line.canonical).toContain('"destination":{"country":"DE"');
    });

    it('reads several destinations, a temporary export with its purpose and a firearms-act link', () => {
      const fair = {
        ...details,
        kind: 'global',
        exportType: 'temporary',
        temporaryPurpose: 'exhibition-or-demonstration',
        firearmsAct: true,
        destinations: [
          { country: 'FR', endUser: 'Eurosatory, Paris Nord Villepinte' },
          { country: 'US', endUser: 'AUSA Annual Meeting, Washington DC' },
        ],
      };
      expect(parseHistoricalLine(lineOf({ data: fair }), 1)).toMatchObject({
        ok: true,
        line: { data: { details: fair } },
      });
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['both destination fields', 'data.destination', { ...details, destination: legacyDetails.destination }],
      ['no destination at all', 'data.destinations', { ...legacyDetails, destination: undefined }],
      [
        'a destination without its end user',
        'data.destinations.1.endUser',
        {
          ...details,
          destinations: [...details.destinations, { country: 'FR' }],
        },
      ],
      ['an unknown export type', 'data.exportType', { ...details, exportType: 'permanent' }],
      [
        'an unknown temporary purpose',
        'data.temporaryPurpose',
        { ...details, exportType: 'temporary', temporaryPurpose: 'fair' },
      ],
      ['a firearms-act flag that is no boolean', 'data.firearmsAct', { ...details, firearmsAct: 'yes' }],
    ])('refuses %s, naming %s', (_what, field, data) => {
      const parsed = parseHistoricalLine(lineOf({ data }), 1);
      expect(parsed).toMatchObject({ ok: false, caseId, error: { code: 'INVALID_LINE', field } });
      expect(!parsed.ok && parsed.error.message).toContain(field);
    });
  });

  it('refuses history with text or instants a live request may not carry, naming the field', () => {
    const named = (name: string) =>
      lineOf({ data: { ...details, applicant: { ...details.applicant, name } } });
    for (const name of ['Demo\u0000B.V.', 'Demo \u202Egnp.exe', 'Demo \uD800', '\u200B\u200B ']) {
      expect(parseHistoricalLine(named(name), 1)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_LINE', field: 'data.applicant.name' },
      });
    }
    expect(parseHistoricalLine(lineOf({ occurredAt: '2019-02-30T10:00:00Z' }), 1)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_LINE', field: 'occurredAt' },
    });
    const reasoned = lineOf({
      type: 'Denied',
      data: { reasoning: 'Line one\n\tline two', criteria: [1] },
    });
    expect(parseHistoricalLine(reasoned, 1)).toMatchObject({ ok: true });
  });

  describe('revocation lines', () => {
    const evidence = [{ title: 'UN report', source: 'UN', date: '2019-05-01', reference: 'S/2019/1' }];
    const grounds = { circumstances: 'Armed conflict', criteria: [2, 3], evidence };
    const revocationLine = (type: string, data: unknown) =>
      parseHistoricalLine(lineOf({ type, actor: { sub: 'a.visser', role: 'senior-assessor' }, data }), 1);

    it('reads a proposal with its grounds, and a withdrawal or rejection with its reason', () => {
      expect(revocationLine('RevocationProposed', grounds)).toMatchObject({
        ok: true,
        line: { data: grounds },
      });
      for (const type of ['RevocationProposalWithdrawn', 'RevocationProposalRejected']) {
        expect(revocationLine(type, { reason: 'Retracted' })).toMatchObject({
          ok: true,
          line: { type, data: { reason: 'Retracted' } },
        });
      }
    });

    it('reads a revocation as the approval of a proposal (with added evidence or none) or, with grounds, as one taken alone', () => {
      expect(revocationLine('RevokedForChangedCircumstances', {})).toMatchObject({
        ok: true,
        line: { data: { additionalEvidence: [] } },
      });
      expect(
        revocationLine('RevokedForChangedCircumstances', { additionalEvidence: evidence }),
      ).toMatchObject({
        ok: true,
        line: { data: { additionalEvidence: evidence } },
      });
      const alone = revocationLine('RevokedForChangedCircumstances', grounds);
      expect(alone).toMatchObject({ ok: true, line: { data: grounds } });
      expect(alone.ok && 'additionalEvidence' in alone.line.data).toBe(false);
    });

    it.each<[string, string, unknown]>([
      ['data.evidence', 'RevocationProposed', { circumstances: 'x', criteria: [2] }],
      ['data.reason', 'RevocationProposalRejected', {}],
      ['data.evidence', 'RevokedForChangedCircumstances', { circumstances: 'x', criteria: [2] }],
      ['data.criteria', 'RevokedForChangedCircumstances', { circumstances: 'x', evidence }],
      [
        'data.additionalEvidence',
        'RevokedForChangedCircumstances',
        { circumstances: 'x', criteria: [2], evidence, additionalEvidence: [] },
      ],
      [
        'data.additionalEvidence.0.date',
        'RevokedForChangedCircumstances',
        { additionalEvidence: [{ ...evidence[0], date: '2019' }] },
      ],
    ])('refuses a bad %s on %s', (field, type, data) => {
      expect(revocationLine(type, data)).toMatchObject({ ok: false, error: { code: 'INVALID_LINE', field } });
    });
  });

  it.each([
    ['caseId', { caseId: 'case-1' }, 'case-1'],
    ['type', { type: 'Expired' }, caseId],
    ['occurredAt', { occurredAt: '2019-05-01' }, caseId],
    ['actor.role', { actor: { sub: 'x' } }, caseId],
    ['extra', { extra: 1 }, caseId],
    ['data.kind', { data: { ...details, kind: 'export' } }, caseId],
    ['data.procedure', { data: { ...details, procedure: 'sondage' } }, caseId],
    [
      'data.goods.0.quantity',
      { data: { ...details, goods: [{ ...details.goods[0], quantity: 1.5 }] } },
      caseId,
    ],
    [
      'data.applicant.chamberOfCommerceNumber',
      { data: { ...details, applicant: { name: 'X', chamberOfCommerceNumber: '123' } } },
      caseId,
    ],
    [
      'data.validUntil',
      { type: 'Issued', data: { assessment, validFrom: '2019-05-01', validUntil: '2021-02-29' } },
      caseId,
    ],
    ['data.validUntil', { type: 'Extended', data: { reassessment: assessment } }, caseId],
    ['data.criteria.0', { type: 'Denied', data: { criteria: ['2'], reasoning: 'r' } }, caseId],
  ])('refuses a line with a bad %s, naming the field', (field, overrides, expectedCaseId) => {
    const parsed = parseHistoricalLine(lineOf(overrides), 3);
    expect(parsed).toMatchObject({
      ok: false,
      caseId: expectedCaseId,
      error: { code: 'INVALID_LINE', field },
    });
  });

  it('finds the case of a line that is not JSON, where it can', () => {
    expect(parseHistoricalLine(`{"caseId":"${caseId}","type":`, 1)).toMatchObject({
      ok: false,
      caseId,
      error: { code: 'MALFORMED_JSON' },
    });
    expect(parseHistoricalLine('garbage', 1)).toMatchObject({ ok: false, caseId: null });
    expect(parseHistoricalLine('[1]', 1)).toMatchObject({
      ok: false,
      caseId: null,
      error: { code: 'INVALID_LINE' },
    });
  });
});
