import { isValidOn, statusOn } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { historyEntryOf } from './projections/decision-history.projection';
import type { DecisionHistoryEntry } from './read-model.rows';
import { CaseHistoryBuilder } from './testing/case-history.builder';
import { caseAt } from './time-travel';

const historyOf = (builder: CaseHistoryBuilder): DecisionHistoryEntry[] =>
  builder.events.map((e) => historyEntryOf(e) as DecisionHistoryEntry);

const on = (date: string) => ({ validOn: date as LocalDate });

describe('time travel over a case history', () => {
  // Issued 2024-01-10 (allies, until 2027-01-09); extended 2026-06-01 to 2029-05-31 max,
  // extended again 2028-01-15; revoked 2028-06-01.
  const licence = new CaseHistoryBuilder('c1')
    .register('2024-01-08T10:00:00Z')
    .issue('2024-01-10T10:00:00Z')
    .extend('2026-06-01T10:00:00Z', '2028-12-31')
    .extend('2028-01-15T10:00:00Z')
    .revoke('2028-06-01T10:00:00Z');
  const history = historyOf(licence);

  it('given validOn before registration, when asked, then the case did not exist', () => {
    expect(caseAt(history, on('2024-01-07'))).toBeUndefined();
  });

  it('given validOn between application and issue, then the case was applied and not valid', () => {
    expect(caseAt(history, on('2024-01-09'))).toMatchObject({ revision: 0, state: { status: 'applied' } });
  });

  it('given validOn after the first end date but after the extension, then the extended end date counts', () => {
    const found = caseAt(history, on('2027-06-01'));
    expect(found).toMatchObject({ revision: 2, state: { status: 'issued', validUntil: '2028-12-31' } });
  });

  it('given extension after extension, then each validOn sees the extensions decided by then', () => {
    expect(caseAt(history, on('2026-05-31'))?.state.validUntil).toBe('2027-01-09');
    expect(caseAt(history, on('2026-06-01'))?.state.validUntil).toBe('2028-12-31');
    expect(caseAt(history, on('2028-01-15'))?.state.validUntil).toBe('2031-01-14');
  });

  it('given revocation of an extended licence, then it was issued the day before and revoked from that day', () => {
    expect(caseAt(history, on('2028-05-31'))?.state.status).toBe('issued');
    expect(caseAt(history, on('2028-06-01'))).toMatchObject({
      revision: 5,
      state: { status: 'revoked', validUntil: '2031-01-14' },
    });
  });

  it('given any point after registration, then the registration is the first event: its recorded time and official', () => {
    const registration = {
      registeredAt: '2024-01-08T10:00:00.000Z',
      registeredBy: { sub: 'bob', role: 'assessor' },
    };
    expect(caseAt(history, on('2024-01-09'))).toMatchObject(registration);
    // The approval of the revocation was carol's; the registration stays bob's.
    expect(caseAt(history, on('2028-06-01'))).toMatchObject(registration);
    expect(caseAt(history, { asOf: '2030-01-01T00:00:00.000Z' })).toMatchObject(registration);
  });

  it('given asOf, then decisions recorded after that instant are ignored whatever their date', () => {
    expect(caseAt(history, { asOf: '2026-06-01T09:00:00.000Z' })?.state.validUntil).toBe('2027-01-09');
    expect(caseAt(history, { asOf: '2026-06-01T10:00:00.000Z' })?.state.validUntil).toBe('2028-12-31');
  });

  it('given imported history recorded years after the decisions, then validOn and asOf answer differently', () => {
    const imported = new CaseHistoryBuilder('c2')
      .register('2020-03-02T10:00:00Z', {}, '2026-01-05T08:00:00Z')
      .issue('2020-03-03T10:00:00Z', '2026-01-05T08:00:01Z');
    const entries = historyOf(imported);
    // Business time: it was valid in 2021 (we know that now).
    expect(caseAt(entries, on('2021-01-01'))?.state).toMatchObject({
      status: 'issued',
      validUntil: '2023-03-02',
    });
    // Recorded time: in 2025 the system knew nothing of it.
    expect(caseAt(entries, { asOf: '2025-01-01T00:00:00Z' })).toBeUndefined();
    // Both: as known on the import day, on a 2021 date.
    expect(
      caseAt(entries, { asOf: '2026-01-05T08:00:00.500Z', validOn: '2021-01-01' as LocalDate })?.state.status,
    ).toBe('applied');
  });

  it('given decisions whose business dates run backwards, then a decision never takes effect before its predecessors', () => {
    const messy = historyOf(
      new CaseHistoryBuilder('c3').register('2024-05-10T10:00:00Z').issue('2024-05-12T10:00:00Z'),
    );
    const backwards = messy.map((e, i) => (i === 1 ? { ...e, decisionDate: '2024-05-01' as LocalDate } : e));
    expect(caseAt(backwards, on('2024-05-05'))).toBeUndefined();
    expect(caseAt(backwards, on('2024-05-10'))?.state.status).toBe('issued');
  });

  describe('across suspension windows', () => {
    // Issued 2024-01-10 (until 2027-01-09); suspended 2025-03-10, reinstated 2025-04-10 (recorded
    // then); suspended again 2025-09-01 and still suspended.
    const suspended = historyOf(
      new CaseHistoryBuilder('c4')
        .register('2024-01-08T10:00:00Z')
        .issue('2024-01-10T10:00:00Z')
        .suspend('2025-03-10T10:00:00Z')
        .reinstate('2025-04-10T10:00:00Z')
        .suspend('2025-09-01T10:00:00Z'),
    );
    /** What `GET ?validOn=&asOf=` answers: the state folded to the point in time, judged on its date. */
    const judged = (date: string, asOf?: string) => {
      const found = caseAt(suspended, { validOn: date as LocalDate, ...(asOf && { asOf }) });
      if (!found) throw new Error(`No case on ${date}`);
      return {
        status: statusOn(found.state, date as LocalDate),
        valid: isValidOn(found.state, date as LocalDate),
      };
    };

    it('given validOn inside a window, then the licence is suspended and not valid; the day after reinstatement it is valid', () => {
      expect(judged('2025-03-09')).toEqual({ status: 'issued', valid: true });
      expect(judged('2025-03-10')).toEqual({ status: 'suspended', valid: false });
      expect(judged('2025-04-10')).toEqual({ status: 'suspended', valid: false });
      expect(judged('2025-04-11')).toEqual({ status: 'issued', valid: true });
      expect(judged('2025-08-31')).toEqual({ status: 'issued', valid: true });
      expect(judged('2025-09-01')).toEqual({ status: 'suspended', valid: false });
      expect(judged('2027-01-10')).toEqual({ status: 'expired', valid: false });
    });

    it('given asOf during a suspension, then it is suspended as known then, however it ended later', () => {
      expect(judged('2025-05-01', '2025-03-20T00:00:00Z')).toEqual({ status: 'suspended', valid: false });
      expect(judged('2025-05-01', '2025-04-10T10:00:00Z')).toEqual({ status: 'issued', valid: true });
      expect(judged('2025-03-01', '2025-03-20T00:00:00Z')).toEqual({ status: 'issued', valid: true });
    });

    it('given a past window, then its end date stays as issued', () => {
      expect(caseAt(suspended, on('2025-12-01'))?.state).toMatchObject({
        validUntil: '2027-01-09',
        suspensions: [{ from: '2025-03-10', until: '2025-04-10' }],
        suspension: { suspendedOn: '2025-09-01' },
      });
    });
  });
});
