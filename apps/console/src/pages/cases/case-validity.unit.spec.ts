import { amsterdamToday, validUntilAfter } from './case-validity';

describe('the validity shown before deciding', () => {
  it('ends the day before the same date so many months later', () => {
    expect(validUntilAfter('2026-11-30', 12)).toBe('2027-11-29');
    expect(validUntilAfter('2026-03-01', 36)).toBe('2029-02-28');
  });

  it('ends on the last day of a month that lacks the starting day, as the domain counts', () => {
    expect(validUntilAfter('2026-01-31', 1)).toBe('2026-02-28');
    expect(validUntilAfter('2027-12-31', 2)).toBe('2028-02-29');
  });

  it('asks the policy for today in Amsterdam, already tomorrow there just after midnight', () => {
    expect(amsterdamToday(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
  });
});
