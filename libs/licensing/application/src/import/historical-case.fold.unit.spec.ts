import { DomainError, DUTCH_VALIDITY_POLICY, evolve, recheckDecision } from '@licences/licensing-domain';
import type { LicenceCase, LicenceEvent } from '@licences/licensing-domain';
import { HistoricalCaseFold } from './historical-case.fold';
import { parseHistoricalLine } from './historical-line.parser';
import { assessment, caseId, details, historicalLine } from './testing/historical-lines.fixture';
import { ImportRefusal } from './import.types';
import type { HistoricalLine } from './import.types';

const ASSESSOR = { sub: 'p.de.vries', role: 'assessor' };
const SENIOR = { sub: 'a.visser', role: 'senior-assessor' };
const evidence = [{ title: 'UN report', source: 'UN', date: '2021-05-20', reference: 'S/2021/1' }];
const grounds = { circumstances: 'Armed conflict', criteria: [2, 3], evidence };

const line = historicalLine;

/** An issued licence (by ASSESSOR), then the given lines, folded; the events or the refusal code. */
function fold(...later: HistoricalLine[]): LicenceEvent[] | string {
  const folding = new HistoricalCaseFold(DUTCH_VALIDITY_POLICY, new Date('2025-01-01T00:00:00Z'));
  const lines = [
    line('Applied', '2021-01-04', { sub: 'j.jansen', role: 'intake' }, details),
    line('Issued', '2021-01-20', ASSESSOR, { assessment, validFrom: '2021-01-20', validUntil: '2024-01-19' }),
    ...later,
  ];
  try {
    return lines.map((l) => folding.apply(l));
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('HistoricalCaseFold: revocations', () => {
  it('imports a proposal and its approval by another official, holding them to the four-eyes rule', () => {
    const events = fold(
      line('RevocationProposed', '2021-06-01', ASSESSOR, grounds),
      line('RevokedForChangedCircumstances', '2021-06-08', SENIOR, {}),
    );
    expect(events).toEqual([
      expect.anything(),
      expect.objectContaining({ type: 'Issued', data: expect.objectContaining({ issuedBy: ASSESSOR }) }),
      expect.objectContaining({ type: 'RevocationProposed' }),
      {
        type: 'RevokedForChangedCircumstances',
        data: expect.objectContaining({
          proposedBy: ASSESSOR,
          proposedOn: '2021-06-01',
          approvedBy: SENIOR,
          decisionDate: '2021-06-08',
          objectionDeadline: '2021-07-20',
        }),
      },
    ]);
  });

  it('refuses a case whose revocation was approved by its proposer or by the issuer', () => {
    const proposedBySenior = line('RevocationProposed', '2021-06-01', SENIOR, grounds);
    expect(fold(proposedBySenior, line('RevokedForChangedCircumstances', '2021-06-08', SENIOR, {}))).toBe(
      'REVOCATION_APPROVER_IS_PROPOSER',
    );
    const issuerAsSenior = { sub: ASSESSOR.sub, role: 'senior-assessor' };
    expect(
      fold(proposedBySenior, line('RevokedForChangedCircumstances', '2021-06-08', issuerAsSenior, {})),
    ).toBe('REVOCATION_APPROVER_DECIDED_LICENCE');
  });

  it('records a lone revocation line with its grounds as one official’s, without a proposer', () => {
    const events = fold(line('RevokedForChangedCircumstances', '2021-06-08', SENIOR, grounds));
    expect(Array.isArray(events) && events.at(-1)).toEqual({
      type: 'RevokedForChangedCircumstances',
      data: expect.objectContaining({ proposedBy: null, proposedOn: null, approvedBy: SENIOR, ...grounds }),
    });
  });

  it('refuses a lone revocation line while a proposal is open, and an approval line without one', () => {
    expect(
      fold(
        line('RevocationProposed', '2021-06-01', ASSESSOR, grounds),
        line('RevokedForChangedCircumstances', '2021-06-08', SENIOR, grounds),
      ),
    ).toBe('REVOCATION_PROPOSAL_ALREADY_OPEN');
    expect(fold(line('RevokedForChangedCircumstances', '2021-06-08', SENIOR, {}))).toBe(
      'NO_OPEN_REVOCATION_PROPOSAL',
    );
  });

  it('imports withdrawals by the proposer and rejections by a second official', () => {
    const events = fold(
      line('RevocationProposed', '2021-06-01', ASSESSOR, grounds),
      line('RevocationProposalWithdrawn', '2021-06-02', ASSESSOR, { reason: 'Retracted' }),
      line('RevocationProposed', '2021-06-03', ASSESSOR, grounds),
      line('RevocationProposalRejected', '2021-06-04', SENIOR, { reason: 'Not proven' }),
    );
    expect(Array.isArray(events) && events.map((e) => e.type).slice(2)).toEqual([
      'RevocationProposed',
      'RevocationProposalWithdrawn',
      'RevocationProposed',
      'RevocationProposalRejected',
    ]);
  });
});

describe('HistoricalCaseFold: dates no licence can have (issue 11)', () => {
  const issuedLine = (validFrom: string, validUntil: string) =>
    line('Issued', '2021-01-20', ASSESSOR, { assessment, validFrom, validUntil });

  /** The case applied for and issued as given, then `later`; the events, or the refusal's code and field. */
  function foldDates(issued: HistoricalLine, ...later: HistoricalLine[]) {
    const folding = new HistoricalCaseFold(DUTCH_VALIDITY_POLICY, new Date('2025-01-01T00:00:00Z'));
    const lines = [
      line('Applied', '2021-01-04', { sub: 'j.jansen', role: 'intake' }, details),
      issued,
      ...later,
    ];
    try {
      return lines.map((l) => folding.apply(l));
    } catch (error) {
      if (error instanceof DomainError) return { code: error.code, field: error.details['field'] };
      if (error instanceof ImportRefusal) return { code: error.code, field: error.field };
      throw error;
    }
  }

  const refusedAtTheLine = (field: string) =>
    expect.objectContaining({ code: 'INVALID_LINE', field }) as Error;

  it('refuses an imported validFrom in year 9999 at its line, and one beyond 12 months with the decider’s VALID_FROM_TOO_FAR_AHEAD', () => {
    expect(() => issuedLine('9999-12-30', '9999-12-31')).toThrow(refusedAtTheLine('data.validFrom'));
    expect(foldDates(issuedLine('2022-01-21', '2025-01-20'))).toEqual({
      code: 'VALID_FROM_TOO_FAR_AHEAD',
      field: 'validFrom',
    });
  });

  it('refuses an imported validUntil in year 9999 at its line or beyond 50 years in the fold, and keeps one that deviates within 50 years', () => {
    expect(() => issuedLine('2021-01-20', '9999-12-31')).toThrow(refusedAtTheLine('data.validUntil'));
    expect(foldDates(issuedLine('2021-01-20', '2071-01-20'))).toEqual({
      code: 'VALID_UNTIL_TOO_FAR_AHEAD',
      field: 'data.validUntil',
    });
    const kept = foldDates(issuedLine('2021-01-20', '2071-01-19'));
    expect(Array.isArray(kept) && kept[1]).toMatchObject({ data: { validUntil: '2071-01-19' } });
  });

  it('refuses an imported extension to year 9999 at its line, and one beyond 50 years in the fold', () => {
    const extendedTo = (validUntil: string) =>
      line('Extended', '2023-06-01', ASSESSOR, { reassessment: assessment, validUntil });
    expect(() => extendedTo('9999-12-31')).toThrow(refusedAtTheLine('data.validUntil'));
    expect(foldDates(issuedLine('2021-01-20', '2024-01-19'), extendedTo('2080-01-01'))).toEqual({
      code: 'VALID_UNTIL_TOO_FAR_AHEAD',
      field: 'data.validUntil',
    });
  });

  it('refuses a decision dated in year 0 at its line instead of misreading it as year 1', () => {
    const parsed = parseHistoricalLine(
      JSON.stringify({
        caseId,
        type: 'Applied',
        occurredAt: '0000-06-01T10:00:00Z',
        actor: { sub: 'j.jansen', role: 'intake' },
        data: details,
      }),
      1,
    );
    expect(parsed).toMatchObject({ ok: false, error: { code: 'INVALID_LINE', field: 'occurredAt' } });
  });
});

describe('HistoricalCaseFold: the fidelity rules apply to history (issue 12)', () => {
  const INTAKE = { sub: 'j.jansen', role: 'intake' };
  const folded = (...lines: HistoricalLine[]) => {
    const folding = new HistoricalCaseFold(DUTCH_VALIDITY_POLICY, new Date('2025-01-01T00:00:00Z'));
    try {
      return lines.map((l) => folding.apply(l));
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
  };
  const sondage = [
    line('SondageRequested', '2021-01-04', INTAKE, details),
    line('SondageAnswered', '2021-01-11', ASSESSOR, { outcome: 'positive', reasoning: 'No objection' }),
  ];

  it('records what an application after a sondage changed, and flags a new end user as not covered by the answer', () => {
    const changed = {
      ...details,
      goods: [{ ...details.goods[0], quantity: 3, valueEur: 1875000 }],
      destinations: [{ country: 'DE', endUser: 'Bundesamt für Ausrüstung der Bundeswehr' }],
    };
    const events = folded(...sondage, line('Applied', '2021-03-01', INTAKE, changed));
    expect(Array.isArray(events) && events[2]).toEqual({
      type: 'Applied',
      data: expect.objectContaining({
        procedure: 'sondage',
        details: expect.objectContaining({ goods: changed.goods, destinations: changed.destinations }),
        changes: [
          expect.objectContaining({ field: 'goods', application: changed.goods }),
          expect.objectContaining({ field: 'destinations', application: changed.destinations }),
        ],
        notCoveredBySondage: ['end-user'],
      }),
    });
    const unchanged = folded(...sondage, line('Applied', '2021-03-01', INTAKE, {}));
    expect(Array.isArray(unchanged) && unchanged[2]).toMatchObject({
      data: { changes: [], notCoveredBySondage: [] },
    });
  });

  it('refuses an application after a sondage by another applicant with the domain’s code', () => {
    const other = { ...details, applicant: { name: 'Damen Shipyards', chamberOfCommerceNumber: '23035950' } };
    expect(folded(...sondage, line('Applied', '2021-03-01', INTAKE, other))).toBe('APPLICANT_CHANGED');
  });

  it('refuses dual-use goods to an EU member state with the domain’s code, and accepts Annex IV goods there', () => {
    const dualUse = (controlListEntry: string, description: string) => ({
      ...details,
      goodsCategory: 'dual-use',
      goods: [{ controlListEntry, description, quantity: 1, valueEur: 480000 }],
    });
    expect(
      folded(line('Applied', '2022-03-01', INTAKE, dualUse('5A002.a', 'Network encryption appliance'))),
    ).toBe('DUAL_USE_EXPORT_WITHIN_EU');
    const annexIv = folded(
      line('Applied', '2022-03-01', INTAKE, dualUse('0B001.b', 'Gas centrifuge test rig')),
    );
    expect(Array.isArray(annexIv) && annexIv[0]?.type).toBe('Applied');
  });

  it('keeps an imported extension past the dual-use legal maximum as history, which oversight reports as a deviation', () => {
    const toUs = {
      ...details,
      goodsCategory: 'dual-use',
      goods: [
        {
          controlListEntry: '5A002.a',
          description: 'Network encryption appliance',
          quantity: 4,
          valueEur: 90000,
        },
      ],
      destinations: [{ country: 'US', endUser: 'Northrop Grumman' }],
    };
    // Issued for the regulation's full two years, then extended by a further year in 2023.
    const events = folded(
      line('Applied', '2022-01-03', INTAKE, toUs),
      line('Issued', '2022-01-10', ASSESSOR, {
        assessment,
        validFrom: '2022-01-10',
        validUntil: '2024-01-09',
      }),
      line('Extended', '2023-12-01', ASSESSOR, { reassessment: assessment, validUntil: '2024-11-30' }),
    );
    expect(Array.isArray(events)).toBe(true);
    const [applied, issued, extended] = events as LicenceEvent[];
    expect(extended).toMatchObject({
      type: 'Extended',
      data: {
        previousValidUntil: '2024-01-09',
        validUntil: '2024-11-30',
        maxValidUntil: '2024-01-09',
        extendedBy: ASSESSOR,
      },
    });
    const before = evolve(evolve(undefined, applied as LicenceEvent), issued as LicenceEvent) as LicenceCase;
    const recheck = recheckDecision(
      extended as Extract<LicenceEvent, { type: 'Extended' }>,
      before,
      DUTCH_VALIDITY_POLICY,
    );
    expect(recheck.findings).toContainEqual(
      expect.objectContaining({
        code: 'VALIDITY_LONGER_THAN_RULE',
        recorded: '2024-11-30',
        expected: '2024-01-09',
      }),
    );
  });
});
