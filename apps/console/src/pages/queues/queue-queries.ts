import type { Query } from '../../api/api-client';
import { addDays } from '../../components/cases/calendar-dates';

export const QUEUES = ['sondages', 'applications', 'reassessments', 'expiring'] as const;
export type QueueName = (typeof QUEUES)[number];

/** Rows per queue: four queues on one page stay readable. */
export const QUEUE_PAGE_SIZE = 10;

/** How far ahead a licence counts as expiring: the 90 days. */
export const EXPIRING_WITHIN_DAYS = 90;

/**
 * What each queue asks `GET /api/licences`, oldest first (the API lists by registration; the
 * expiring queue by expiry date). `today` is the calendar date in Amsterdam.
 */
export function queueQuery(queue: QueueName, today: string, page: number): Query {
  const paging = { page, pageSize: QUEUE_PAGE_SIZE };
  switch (queue) {
    case 'sondages':
      return { status: 'sondage-requested', ...paging };
    case 'applications':
      return { status: 'applied', ...paging };
    case 'reassessments':
      return { reassessmentRequested: true, ...paging };
    case 'expiring':
      return {
        status: 'issued',
        expiresFrom: today,
        expiresTo: addDays(today, EXPIRING_WITHIN_DAYS),
        sort: 'expiry',
        ...paging,
      };
  }
}
