import { requestFromParams } from '../reports/report-request';
import { defaultPeriod } from './period-form';

describe('the periods a page starts with', () => {
  it('ends today in Amsterdam, which just after midnight there is already tomorrow', () => {
    // 23:30 UTC on New Year's Eve is 00:30 on 1 January in Amsterdam: the decisions of that new
    // day are already in the record, and last year is the year that just ended.
    expect(defaultPeriod(new Date('2026-12-31T23:30:00Z'))).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(requestFromParams(new URLSearchParams(), new Date('2026-12-31T23:30:00Z')).year).toBe('2026');
  });
});
