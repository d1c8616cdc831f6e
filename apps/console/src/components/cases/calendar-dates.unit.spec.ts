import { addDays, todayInAmsterdam } from './calendar-dates';

describe('calendar dates in Amsterdam', () => {
  it('is already the next day in Amsterdam shortly after midnight there, while UTC still says the day before', () => {
    expect(todayInAmsterdam(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(todayInAmsterdam(new Date('2026-07-15T22:30:00Z'))).toBe('2026-07-16');
  });

  it('is still the same day in Amsterdam late in the afternoon UTC', () => {
    expect(todayInAmsterdam(new Date('2026-03-01T22:30:00Z'))).toBe('2026-03-01');
    expect(todayInAmsterdam(new Date('2026-07-15T21:30:00Z'))).toBe('2026-07-15');
  });

  it('counts 90 days ahead across months, years and a leap day', () => {
    expect(addDays('2026-11-30', 90)).toBe('2027-02-28');
    expect(addDays('2027-12-15', 90)).toBe('2028-03-14');
    expect(addDays('2028-01-31', 30)).toBe('2028-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('refuses what is no calendar date rather than guess', () => {
    expect(() => addDays('30-11-2026', 1)).toThrow(RangeError);
  });
});
