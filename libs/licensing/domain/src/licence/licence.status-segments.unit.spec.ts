import fc from 'fast-check';
import { addDays, compareDates, FIRST_LOCAL_DATE, LAST_LOCAL_DATE, localDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type { LicenceCase, RecordedStatus } from './licence.state';
import { isValidOn, statusOn } from './licence.status';
import { statusSegments } from './licence.status-segments';
import type { StatusSegment } from './licence.status-segments';

/*
 * The segments must say, for every date, exactly what statusOn and isValidOn say: checked on
 * every day around the dates of many generated states, and at both ends of the calendar.
 */

const BASE = localDate('2024-01-01');
const day = (offset: number): LocalDate => addDays(BASE, offset);
// Issued and revoked are judged on their dates; every other status is what was recorded.
const STATUSES: readonly RecordedStatus[] = ['applied', 'issued', 'denied', 'revoked'];

/** Only the fields status and validity read; dates fall within a few months so that they collide. */
const states: fc.Arbitrary<LicenceCase> = fc
  .record({
    status: fc.constantFrom(...STATUSES),
    validity: fc.option(fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 }))),
    closedOn: fc.option(fc.integer({ min: 0, max: 100 })),
    suspendedOn: fc.option(fc.integer({ min: 0, max: 100 })),
    windows: fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 20 })), {
      maxLength: 3,
    }),
  })
  .map(
    ({ status, validity, closedOn, suspendedOn, windows }) =>
      ({
        status,
        ...(validity && { validFrom: day(validity[0]), validUntil: day(validity[0] + validity[1]) }),
        ...(closedOn !== null && { closedOn: day(closedOn) }),
        ...(suspendedOn !== null && { suspension: { suspendedOn: day(suspendedOn) } }),
        suspensions: windows.map(([from, length]) => ({ from: day(from), until: day(from + length) })),
      }) as unknown as LicenceCase,
  );

function segmentOn(segments: readonly StatusSegment[], date: LocalDate): StatusSegment | undefined {
  return segments.find(
    (s) => compareDates(s.from, date) <= 0 && (s.until === undefined || compareDates(date, s.until) < 0),
  );
}

describe('statusSegments', () => {
  it('gives statusOn and isValidOn on every date, for any state', () => {
    fc.assert(
      fc.property(states, (state) => {
        const segments = statusSegments(state);
        const dates = [
          FIRST_LOCAL_DATE,
          LAST_LOCAL_DATE,
          ...Array.from({ length: 130 }, (_, i) => day(i - 10)),
        ];
        const wrong = dates.flatMap((date) => {
          const found = segmentOn(segments, date);
          const expected = [statusOn(state, date), isValidOn(state, date)];
          const same = found?.status === expected[0] && found?.valid === expected[1];
          return same ? [] : [{ date, found, expected }];
        });
        expect(wrong).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('covers the calendar from its first day, in order, without gaps, adjacent segments differing', () => {
    fc.assert(
      fc.property(states, (state) => {
        const segments = statusSegments(state);
        expect(segments[0]?.from).toBe(FIRST_LOCAL_DATE);
        expect(segments.at(-1)?.until).toBeUndefined();
        segments.slice(1).forEach((segment, i) => {
          const previous = segments[i] as StatusSegment;
          expect(previous.until).toBe(segment.from);
          expect([previous.status, previous.valid]).not.toEqual([segment.status, segment.valid]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('ends a validity on the last day of the calendar without a day after it', () => {
    const state = {
      status: 'issued',
      validFrom: localDate('2024-01-01'),
      validUntil: LAST_LOCAL_DATE,
      suspensions: [{ from: localDate('9999-12-30'), until: LAST_LOCAL_DATE }],
    } as unknown as LicenceCase;
    expect(statusSegments(state)).toEqual([
      { from: FIRST_LOCAL_DATE, until: '2024-01-01', status: 'issued', valid: false },
      { from: '2024-01-01', until: '9999-12-30', status: 'issued', valid: true },
      { from: '9999-12-30', status: 'suspended', valid: false },
    ]);
  });
});
