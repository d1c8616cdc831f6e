import { queryString } from '../../api/api-client';
import { queueQuery, QUEUE_PAGE_SIZE } from './queue-queries';

describe('work queue queries', () => {
  const today = '2026-11-30';

  it('asks for the sondages awaiting an answer and the applications awaiting a decision, by status', () => {
    expect(queryString(queueQuery('sondages', today, 1))).toBe(
      `?status=sondage-requested&page=1&pageSize=${QUEUE_PAGE_SIZE}`,
    );
    expect(queryString(queueQuery('applications', today, 3))).toBe(
      `?status=applied&page=3&pageSize=${QUEUE_PAGE_SIZE}`,
    );
  });

  it('asks for the cases whose reassessment a country measure requested', () => {
    expect(queryString(queueQuery('reassessments', today, 2))).toBe(
      `?reassessmentRequested=true&page=2&pageSize=${QUEUE_PAGE_SIZE}`,
    );
  });

  it('asks for issued licences expiring from today up to 90 days ahead, soonest first', () => {
    expect(queueQuery('expiring', today, 1)).toEqual({
      status: 'issued',
      expiresFrom: '2026-11-30',
      expiresTo: '2027-02-28',
      sort: 'expiry',
      page: 1,
      pageSize: QUEUE_PAGE_SIZE,
    });
  });
});
