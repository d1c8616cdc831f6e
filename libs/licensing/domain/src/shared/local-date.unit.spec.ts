import {
  addDays,
  addMonths,
  amsterdamDateOf,
  compareDates,
  daysBetween,
  isLocalDate,
  localDate,
  maxDate,
} from './local-date';
import type { LocalDate } from './local-date';

const d = (value: string): LocalDate => localDate(value);

describe('isLocalDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2024-12-31', true],
    ['2024-04-30', true],
    ['0001-01-01', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-04-31', false],
    ['2024-01-32', false],
    ['0000-01-01', false],
    ['2024-1-01', false],
    ['2024-01-1', false],
    ['24-01-01', false],
    ['2024/01/01', false],
    [' 2024-01-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['', false],
  ])('isLocalDate(%j) is %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it.each([[undefined], [null], [20240101], [new Date('2024-01-01T00:00:00Z')]])(
    'is false for the non-string %p',
    (value) => {
      expect(isLocalDate(value)).toBe(false);
    },
  );

  it('localDate accepts a calendar date and refuses anything else with INVALID_DATE naming the field', () => {
    expect(localDate('2024-02-29')).toBe('2024-02-29');
    expect(() => localDate('2023-02-29')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', kind: 'rule-violation' }),
    );
    expect(() => localDate('2025-02-30', 'asOf')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', details: { field: 'asOf' } }),
    );
  });

  it('a refused value is shown cut short, never whole', () => {
    expect(() => localDate('9'.repeat(10_000))).toThrow(/^Not a calendar date YYYY-MM-DD: "9{40}\.\.\."$/);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-03-01', -1, '2023-02-28'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2023-01-01', 365, '2024-01-01'],
    ['1970-01-01', -1, '1969-12-31'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2024-11-28', 0, '2024-11-28'],
    ['2024-01-01', 146097, '2424-01-01'], // 400 Gregorian years
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(d(date), days)).toBe(expected);
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-11-28', 12, '2025-11-28'],
    ['2024-11-28', 36, '2027-11-28'],
    // A day that does not exist rolls to the first of the next month.
    ['2024-01-31', 1, '2024-03-01'],
    ['2023-01-31', 1, '2023-03-01'],
    ['2024-02-29', 12, '2025-03-01'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-03-31', 1, '2024-05-01'],
    ['2024-08-31', 1, '2024-10-01'],
    ['2024-05-31', -1, '2024-05-01'],
    ['2024-01-30', 1, '2024-03-01'],
    ['2023-01-29', 1, '2023-03-01'],
    ['2024-01-29', 1, '2024-02-29'],
    ['2024-03-31', 0, '2024-03-31'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(d(date), months)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2024-01-01', '2025-01-01', 366],
    ['2023-01-01', '2024-01-01', 365],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-11-28', '2024-11-28', 0],
    ['2025-01-01', '2024-12-31', -1],
    ['2024-11-28', '2025-11-27', 364],
    ['1969-12-31', '1970-01-01', 1],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(d(from), d(to))).toBe(expected);
  });

  it('is the inverse of addDays', () => {
    for (const days of [-400, -1, 0, 1, 59, 365, 1461]) {
      expect(daysBetween(d('2024-02-29'), addDays(d('2024-02-29'), days))).toBe(days);
    }
  });
});

describe('compareDates and maxDate', () => {
  it('orders calendar dates', () => {
    expect(compareDates(d('2024-02-29'), d('2024-03-01'))).toBe(-1);
    expect(compareDates(d('2024-03-01'), d('2024-02-29'))).toBe(1);
    expect(compareDates(d('2024-03-01'), d('2024-03-01'))).toBe(0);
    expect(maxDate(d('2024-02-29'), d('2025-01-01'))).toBe('2025-01-01');
    expect(maxDate(d('2025-01-01'), d('2024-02-29'))).toBe('2025-01-01');
  });
});

describe('amsterdamDateOf', () => {
  it.each([
    // Winter time (CET, UTC+1): midnight in Amsterdam is 23:00 UTC the day before.
    ['2024-11-27T22:59:59.999Z', '2024-11-27'],
    ['2024-11-27T23:00:00Z', '2024-11-28'],
    ['2024-11-27T23:30:00Z', '2024-11-28'],
    ['2024-12-31T22:59:59Z', '2024-12-31'],
    ['2024-12-31T23:00:00Z', '2025-01-01'],
    // Summer time (CEST, UTC+2): midnight in Amsterdam is 22:00 UTC the day before.
    ['2024-06-30T21:59:59Z', '2024-06-30'],
    ['2024-06-30T22:00:00Z', '2024-07-01'],
    ['2024-06-30T22:30:00Z', '2024-07-01'],
    ['2024-02-28T23:00:00Z', '2024-02-29'],
    // Spring switch, 2024-03-31 01:00 UTC (02:00 CET -> 03:00 CEST).
    ['2024-03-30T22:59:59Z', '2024-03-30'],
    ['2024-03-30T23:00:00Z', '2024-03-31'],
    ['2024-03-31T00:59:59Z', '2024-03-31'],
    ['2024-03-31T01:00:00Z', '2024-03-31'],
    ['2024-03-31T21:59:59Z', '2024-03-31'],
    ['2024-03-31T22:00:00Z', '2024-04-01'],
    // Autumn switch, 2024-10-27 01:00 UTC (03:00 CEST -> 02:00 CET).
    ['2024-10-26T21:59:59Z', '2024-10-26'],
    ['2024-10-26T22:00:00Z', '2024-10-27'],
    ['2024-10-27T00:59:59Z', '2024-10-27'],
    ['2024-10-27T01:00:00Z', '2024-10-27'],
    ['2024-10-27T22:59:59Z', '2024-10-27'],
    ['2024-10-27T23:00:00Z', '2024-10-28'],
  ])('amsterdamDateOf(%s) = %s', (instant, expected) => {
    expect(amsterdamDateOf(new Date(instant))).toBe(expected);
  });

  it('does not depend on the process time zone', () => {
    // Same instant expressed with different offsets.
    expect(amsterdamDateOf(new Date('2024-11-28T00:30:00+01:00'))).toBe('2024-11-28');
    expect(amsterdamDateOf(new Date('2024-11-27T18:30:00-05:00'))).toBe('2024-11-28');
    expect(amsterdamDateOf(new Date('2024-11-28T07:30:00+09:00'))).toBe('2024-11-27');
  });

  it('gives the date Intl gives in Europe/Amsterdam for every instant, asked in any order', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', dateStyle: 'short' });
    // Every 17 minutes (so every minute of an hour in turn) from 1900 on, around midnights and the
    // switches, then the same instants again backwards, when the answers are remembered.
    const instants: number[] = [];
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 0, 1); t += 17 * 60_000 * 997) instants.push(t);
    for (const year of [1939, 1940, 1970, 1996, 2024, 2037, 2099]) {
      for (let t = Date.UTC(year, 2, 24); t < Date.UTC(year, 3, 2); t += 17 * 60_000) instants.push(t);
      for (let t = Date.UTC(year, 9, 24); t < Date.UTC(year, 10, 2); t += 17 * 60_000) instants.push(t);
    }
    for (const t of [...instants, ...instants.reverse()]) {
      expect(amsterdamDateOf(new Date(t))).toBe(intl.format(new Date(t)));
    }
  });
});

describe('arithmetic at the edges of the calendar (issue 11)', () => {
  const outOfRange = expect.objectContaining({
    code: 'DATE_OUT_OF_RANGE',
    kind: 'rule-violation',
    details: { firstDate: '0001-01-01', lastDate: '9999-12-31' },
  });

  it('reaches 9999-12-31 and 0001-01-01 but refuses to step past them with a DomainError', () => {
    expect(addDays(d('9999-12-30'), 1)).toBe('9999-12-31');
    expect(addMonths(d('9999-11-30'), 1)).toBe('9999-12-30');
    expect(addDays(d('0001-01-02'), -1)).toBe('0001-01-01');
    expect(() => addDays(d('9999-12-31'), 1)).toThrow(outOfRange);
    expect(() => addMonths(d('9999-12-31'), 12)).toThrow(outOfRange);
    expect(() => addDays(d('0001-01-01'), -1)).toThrow(outOfRange);
    expect(() => addMonths(d('0001-01-31'), -1)).toThrow(outOfRange);
  });

  it('refuses a value that is no calendar date in arithmetic with INVALID_DATE, not a RangeError', () => {
    for (const bad of ['10000-01-01', '2023-02-29', 'x']) {
      expect(() => addDays(bad as LocalDate, 1)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
      expect(() => daysBetween(d('2024-01-01'), bad as LocalDate)).toThrow(
        expect.objectContaining({ code: 'INVALID_DATE' }),
      );
    }
  });

  it('amsterdamDateOf refuses an invalid instant and one outside years 1..9999', () => {
    expect(amsterdamDateOf(new Date('9999-12-31T22:59:59Z'))).toBe('9999-12-31');
    expect(amsterdamDateOf(new Date('0001-01-01T00:00:00Z'))).toBe('0001-01-01');
    for (const instant of ['9999-12-31T23:00:00Z', '0000-12-31T12:00:00Z', 'not an instant']) {
      expect(() => amsterdamDateOf(new Date(instant))).toThrow(outOfRange);
    }
  });
});
