import { localDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, CaseEvents, SENIOR } from '../testing/case-events';
import { stateAfter } from '../testing/given-when-then';
import type { LicenceCommand } from './licence.commands';
import type { LicenceCase } from './licence.state';
import { isSuspendedOn, isValidOn, statusOn } from './licence.status';

/*
 * Time travel across suspension windows: a licence is not valid on any day from its suspension
 * to its reinstatement, both included, and valid again from the day after; its end date stays.
 */

const d = (value: string): LocalDate => localDate(value);
const evidence = [{ title: 'UN report', source: 'UN', date: d('2024-03-01'), reference: 'S/2024/1' }];
const suspend: LicenceCommand = {
  type: 'SuspendLicence',
  criteria: [2],
  evidence,
  reasons: 'Under investigation',
};
const reinstate: LicenceCommand = { type: 'ReinstateLicence', reason: 'Cleared' };

/** A 3-year allied licence issued 2024-01-15, valid until 2027-01-14. */
const issued = () => new CaseEvents('c-1').register('2024-01-02').issue('2024-01-15');
const caseOf = (events: CaseEvents): LicenceCase => stateAfter(...events.events) as LicenceCase;

/** On each date: [status, valid]. */
const onDates = (licence: LicenceCase, dates: readonly string[]) =>
  dates.map((date) => [date, statusOn(licence, d(date)), isValidOn(licence, d(date))]);

describe('validity across suspension windows', () => {
  const once = caseOf(issued().decide(suspend, '2024-04-01', SENIOR).decide(reinstate, '2024-05-15', SENIOR));

  it('is valid the day before, not from the first day through the reinstatement day, and valid again the day after', () => {
    expect(onDates(once, ['2024-03-31', '2024-04-01', '2024-04-20', '2024-05-15', '2024-05-16'])).toEqual([
      ['2024-03-31', 'issued', true],
      ['2024-04-01', 'suspended', false],
      ['2024-04-20', 'suspended', false],
      ['2024-05-15', 'suspended', false],
      ['2024-05-16', 'issued', true],
    ]);
  });

  it('keeps the end date: valid on its last day, expired the day after', () => {
    expect(once.validUntil).toBe('2027-01-14');
    expect(onDates(once, ['2027-01-14', '2027-01-15'])).toEqual([
      ['2027-01-14', 'issued', true],
      ['2027-01-15', 'expired', false],
    ]);
  });

  it('honours every window after two suspensions, and the valid days between them', () => {
    const twice = caseOf(
      issued()
        .decide(suspend, '2024-04-01', SENIOR)
        .decide(reinstate, '2024-05-15', SENIOR)
        .decide(suspend, '2025-02-03', SENIOR)
        .decide(reinstate, '2025-02-03', SENIOR),
    );
    expect(twice.suspensions).toEqual([
      { from: '2024-04-01', until: '2024-05-15' },
      { from: '2025-02-03', until: '2025-02-03' },
    ]);
    expect(onDates(twice, ['2024-05-01', '2024-06-01', '2025-02-02', '2025-02-03', '2025-02-04'])).toEqual([
      ['2024-05-01', 'suspended', false],
      ['2024-06-01', 'issued', true],
      ['2025-02-02', 'issued', true],
      // Suspended and reinstated on the same day: not valid that one day.
      ['2025-02-03', 'suspended', false],
      ['2025-02-04', 'issued', true],
    ]);
  });

  it('treats an open suspension as lasting from its first day on, into the future, until the end date', () => {
    const open = caseOf(issued().decide(suspend, '2024-04-01', SENIOR));
    expect(onDates(open, ['2024-03-31', '2024-04-01', '2026-12-31', '2027-01-15'])).toEqual([
      ['2024-03-31', 'issued', true],
      ['2024-04-01', 'suspended', false],
      ['2026-12-31', 'suspended', false],
      ['2027-01-15', 'expired', false],
    ]);
    expect(isSuspendedOn(open, d('2024-03-31'))).toBe(false);
  });

  it('leaves an extension to run past the original end date after a reinstatement', () => {
    const extended = caseOf(
      issued()
        .decide(suspend, '2024-04-01', SENIOR)
        .decide(reinstate, '2024-05-15', SENIOR)
        .decide({ type: 'ExtendLicence', reassessment: ASSESSMENT }, '2026-12-01'),
    );
    expect(extended.validUntil! > '2027-01-14').toBe(true);
    expect(onDates(extended, ['2024-04-10', '2027-02-01'])).toEqual([
      ['2024-04-10', 'suspended', false],
      ['2027-02-01', 'issued', true],
    ]);
  });
});
