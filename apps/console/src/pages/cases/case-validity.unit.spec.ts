import { amsterdamToday } from './case-validity';

describe('the validity shown before deciding', () => {
  it('asks the policy for today in Amsterdam, already tomorrow there just after midnight', () => {
    expect(amsterdamToday(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
  });
});
