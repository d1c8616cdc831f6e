import { queryString } from '../../api/api-client';
import { filtersFrom, findQuery, instantOfLocal, localOfInstant, searchParamsOf } from './find-cases.filters';

describe('the filters of finding cases', () => {
  it('keeps only the filters given in the URL, under the API names, and asks the API for that page', () => {
    const filters = {
      ...filtersFrom(new URLSearchParams()),
      status: 'issued',
      destination: ' DE ',
      validOn: '2025-06-01',
    };
    expect(searchParamsOf(filters).toString()).toBe('status=issued&destination=DE&validOn=2025-06-01');
    const again = filtersFrom(searchParamsOf(filters));
    expect(queryString(findQuery(again, 3))).toBe(
      '?status=issued&destination=DE&validOn=2025-06-01&page=3&pageSize=25',
    );
  });

  it('turns a time on the official’s clock into the instant the API takes, and back for the form', () => {
    // The unit tests run with TZ=UTC: the clock and the instant agree.
    expect(instantOfLocal('2025-06-01T12:30')).toBe('2025-06-01T12:30:00.000Z');
    expect(localOfInstant('2025-06-01T12:30:00.000Z')).toBe('2025-06-01T12:30:00');
  });

  it('passes on what is no time, so the API refuses it at the field rather than the console guessing', () => {
    expect(instantOfLocal('yesterday')).toBe('yesterday');
    expect(instantOfLocal('')).toBe('');
    expect(localOfInstant('yesterday')).toBe('yesterday');
  });
});
