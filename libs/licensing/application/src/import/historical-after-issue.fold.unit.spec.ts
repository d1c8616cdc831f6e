import { DomainError, DUTCH_VALIDITY_POLICY, evolve, isValidOn } from '@licences/licensing-domain';
import type { LicenceCase, LicenceEvent, LicenceState, LocalDate } from '@licences/licensing-domain';
import { Readable } from 'node:stream';
import { EventLoopTurns } from './event-loop-turns';
import { HistoricalCaseFold } from './historical-case.fold';
import { parseHistoricalLine } from './historical-line.parser';
import { checkFile } from './import-check';
import { ImportRefusal } from './import.types';
import type { HistoricalLine } from './import.types';
import type { SourceLine } from './staged-import-files';
import { assessment, caseId, details, historicalLine } from './testing/historical-lines.fixture';

/*
 * Imported history may record reassessments, suspensions and reinstatements, holds and releases
 * (issue 13); each line is decided by the real decider, so history obeys the rules live cases do.
 */

const INTAKE = { sub: 'j.jansen', role: 'intake' };
const ASSESSOR = { sub: 'p.de.vries', role: 'assessor' };
const OTHER_ASSESSOR = { sub: 'k.bakker', role: 'assessor' };
const SENIOR = { sub: 'a.visser', role: 'senior-assessor' };
const evidence = [{ title: 'UN report', source: 'UN', date: '2021-05-20', reference: 'S/2021/1' }];
const grounds = { circumstances: 'Armed conflict', criteria: [2, 3], evidence };
const suspension = { criteria: [2], evidence, reasons: 'Reports of misuse under investigation' };
const CUTOVER = new Date('2025-01-01T00:00:00Z');

function lineText(type: string, date: string, actor: { sub: string; role: string }, data: unknown): string {
  return JSON.stringify({ caseId, type, occurredAt: `${date}T10:00:00Z`, actor, data });
}

const line = historicalLine;

const applied = () => line('Applied', '2021-01-04', INTAKE, details);
const issued = () =>
  line('Issued', '2021-01-20', ASSESSOR, { assessment, validFrom: '2021-01-20', validUntil: '2024-01-19' });

/** The lines folded: the events, or the code of the first refusal (finish included). */
function fold(...lines: HistoricalLine[]): LicenceEvent[] | string {
  const folding = new HistoricalCaseFold(DUTCH_VALIDITY_POLICY, CUTOVER);
  try {
    const events = lines.map((l) => folding.apply(l));
    folding.finish();
    return events;
  } catch (error) {
    if (error instanceof DomainError || error instanceof ImportRefusal) return error.code;
    throw error;
  }
}

const stateOf = (events: LicenceEvent[]): LicenceCase =>
  events.reduce<LicenceState>((s, e) => evolve(s, e), undefined) as LicenceCase;

describe('historical import: steps after issue and holds', () => {
  it('imports a maintained reassessment, a suspension and its reinstatement; not valid inside it', () => {
    const events = fold(
      applied(),
      issued(),
      line('Reassessed', '2021-03-01', ASSESSOR, { assessment, outcome: 'maintained' }),
      line('Suspended', '2021-06-01', SENIOR, suspension),
      line('Reinstated', '2021-07-01', SENIOR, { reason: 'Investigation closed' }),
    );
    if (typeof events === 'string') throw new Error(events);
    expect(events.slice(2).map((e) => e.type)).toEqual(['Reassessed', 'Suspended', 'Reinstated']);
    expect(events[2]).toMatchObject({
      data: { outcome: 'maintained', reassessedBy: ASSESSOR, measureId: null },
    });
    const licence = stateOf(events);
    expect(isValidOn(licence, '2021-05-31' as LocalDate)).toBe(true);
    expect(isValidOn(licence, '2021-06-15' as LocalDate)).toBe(false);
    expect(isValidOn(licence, '2021-07-01' as LocalDate)).toBe(false);
    expect(isValidOn(licence, '2021-07-02' as LocalDate)).toBe(true);
    expect(licence.validUntil).toBe('2024-01-19');
  });

  it('imports a reassessment that proposed revocation with its proposal, under the four-eyes rule', () => {
    const reassessed = line('Reassessed', '2021-06-01', OTHER_ASSESSOR, {
      assessment,
      outcome: 'revocation-proposed',
    });
    const proposed = line('RevocationProposed', '2021-06-01', OTHER_ASSESSOR, grounds);
    const events = fold(
      applied(),
      issued(),
      reassessed,
      proposed,
      line('RevokedForChangedCircumstances', '2021-06-08', SENIOR, {}),
    );
    if (typeof events === 'string') throw new Error(events);
    expect(events.slice(2).map((e) => e.type)).toEqual([
      'Reassessed',
      'RevocationProposed',
      'RevokedForChangedCircumstances',
    ]);
    expect(events[2]).toMatchObject({ data: { outcome: 'revocation-proposed' } });
    expect(events[4]).toMatchObject({ data: { proposedBy: OTHER_ASSESSOR, approvedBy: SENIOR } });
    const reassessorAsSenior = { sub: OTHER_ASSESSOR.sub, role: 'senior-assessor' };
    expect(
      fold(
        applied(),
        issued(),
        reassessed,
        proposed,
        line('RevokedForChangedCircumstances', '2021-06-08', reassessorAsSenior, {}),
      ),
    ).toBe('REVOCATION_APPROVER_IS_PROPOSER');
  });

  it('refuses a reassessment that proposed revocation without its proposal next, by the same official that day', () => {
    const reassessed = line('Reassessed', '2021-06-01', ASSESSOR, {
      assessment,
      outcome: 'revocation-proposed',
    });
    expect(fold(applied(), issued(), reassessed)).toBe('REASSESSMENT_PROPOSAL_MISSING');
    expect(
      fold(applied(), issued(), reassessed, line('RevocationProposed', '2021-06-02', ASSESSOR, grounds)),
    ).toBe('REASSESSMENT_PROPOSAL_MISSING');
    expect(
      fold(
        applied(),
        issued(),
        reassessed,
        line('RevocationProposed', '2021-06-01', OTHER_ASSESSOR, grounds),
      ),
    ).toBe('REASSESSMENT_PROPOSAL_MISSING');
  });

  it('imports a hold and its release; refuses a decision recorded while the case was held', () => {
    const held = line('PutOnHold', '2021-01-10', ASSESSOR, {
      reason: 'Situation in the country of destination',
    });
    const released = line('Released', '2021-01-15', ASSESSOR, { reason: 'Situation assessed' });
    const events = fold(applied(), held, released, issued());
    if (typeof events === 'string') throw new Error(events);
    expect(events.map((e) => e.type)).toEqual(['Applied', 'PutOnHold', 'Released', 'Issued']);
    expect(events[2]).toMatchObject({ data: { heldOn: '2021-01-10', measureId: null } });
    expect(fold(applied(), held, issued())).toBe('CASE_ON_HOLD');
    expect(fold(applied(), issued(), line('PutOnHold', '2021-02-01', ASSESSOR, { reason: 'Late' }))).toBe(
      'HOLD_NOT_ALLOWED',
    );
  });

  it('refuses an extension recorded while the licence was suspended', () => {
    expect(
      fold(
        applied(),
        issued(),
        line('Suspended', '2021-06-01', SENIOR, suspension),
        line('Extended', '2021-07-01', ASSESSOR, { reassessment: assessment, validUntil: '2025-01-19' }),
      ),
    ).toBe('LICENCE_SUSPENDED');
  });

  it('refuses a reassessment request, which only a country measure makes, and a measure named on a hold', () => {
    const request = parseHistoricalLine(
      lineText('ReassessmentRequested', '2021-06-01', SENIOR, { measureId: 'm-1', reason: 'Turkey' }),
      7,
    );
    expect(request).toMatchObject({
      ok: false,
      caseId,
      error: { code: 'MEASURE_STEP_NOT_IMPORTED', field: 'type' },
    });
    const measureHold = parseHistoricalLine(
      lineText('PutOnHold', '2021-06-01', ASSESSOR, { reason: 'Turkey', measureId: 'm-1' }),
      8,
    );
    expect(measureHold).toMatchObject({ ok: false, error: { code: 'INVALID_LINE' } });
  });

  it('refuses, in the check of a file, a case whose history ends on a reassessment that proposed revocation', async () => {
    const texts = [
      lineText('Applied', '2021-01-04', INTAKE, details),
      lineText('Issued', '2021-01-20', ASSESSOR, {
        assessment,
        validFrom: '2021-01-20',
        validUntil: '2024-01-19',
      }),
      lineText('Reassessed', '2021-06-01', ASSESSOR, { assessment, outcome: 'revocation-proposed' }),
    ];
    const lines: AsyncIterable<SourceLine> = Readable.from(texts.map((text) => ({ text, tooLong: false })));
    const outcome = await checkFile({
      file: { lines, sha256: () => 'sha' },
      policy: DUTCH_VALIDITY_POLICY,
      cutover: CUTOVER,
      turns: new EventLoopTurns(),
      progress: () => undefined,
    });
    expect(outcome.cases.get(caseId)?.refusal).toMatchObject({
      line: 3,
      error: { code: 'REASSESSMENT_PROPOSAL_MISSING' },
    });
  });
});
