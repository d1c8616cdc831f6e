import { isCalendarDateInRange, isInstantInRange } from './calendar-range';

describe('calendar values at the edge', () => {
  it('accepts real dates from 1900 to 2999 only', () => {
    for (const date of ['2024-02-29', '1900-01-01', '2999-12-31', '2025-11-27']) {
      expect(isCalendarDateInRange(date)).toBe(true);
    }
    for (const date of [
      '2025-02-30',
      '2023-02-29',
      '2025-13-01',
      '2025-00-10',
      '1899-12-31',
      '3000-01-01',
      '9999-12-31',
      '275760-01-01',
      '2025-1-01',
      ' 2025-01-01',
      20250101,
      null,
    ]) {
      expect(isCalendarDateInRange(date)).toBe(false);
    }
  });

  it('accepts instants whose every part exists, with a zone', () => {
    for (const instant of [
      '2025-06-01T12:00:00Z',
      '2025-06-01T12:00Z',
      '2025-06-01T23:59:59.123456789+14:00',
      '2024-02-29T00:00:00-12:00',
    ]) {
      expect(isInstantInRange(instant)).toBe(true);
    }
  });

  it('refuses impossible instants instead of rolling them over', () => {
    for (const instant of [
      '2025-02-30T00:00:00Z',
      '2025-06-01T24:00:00Z',
      '2025-06-01T12:60:00Z',
      '2025-06-01T12:00:60Z',
      '2025-06-01T12:00:00+15:00',
      '2025-06-01T12:00:00+01:60',
      '2025-06-01T12:00:00',
      '9999-12-31T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '2025-06-01',
      1748779200000,
    ]) {
      expect(isInstantInRange(instant)).toBe(false);
    }
  });
});
