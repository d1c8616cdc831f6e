import fc from 'fast-check';
import { renderReportJson } from './report.json';
import type { Report } from './report.types';

/** What the JSON of a report always was: every object copied with sorted keys, then stringified. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sortedCopy(record[key])]),
    );
  }
  return value;
}

const reference = (value: unknown) => `${JSON.stringify(sortedCopy(value), null, 2)}\n`;
const render = (value: unknown) => renderReportJson(value as Report);

describe('the JSON of a report', () => {
  it('is byte for byte the sorted-keys JSON, for any JSON-shaped value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expect(render(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys at every level, numeric keys first in numeric order, as an object built from sorted keys does', () => {
    const value = {
      zeta: [{ b: 1, a: [] }, {}],
      '2025': { '10': 'x', '9': 'y', '09': 'z', '-1': 'w' },
      alpha: 'é "quoted" \n',
      '4294967295': 'not an index',
      '7': null,
    };
    expect(render(value)).toBe(reference(value));
    expect(render(value).indexOf('"7"')).toBeLessThan(render(value).indexOf('"2025"'));
  });

  it('leaves out what JSON leaves out, and writes what it cannot write as null', () => {
    const value = {
      gone: undefined,
      fn: () => 1,
      list: [undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5e-7],
      at: new Date(0),
    };
    expect(render(value)).toBe(reference(value));
    expect(render(value)).not.toContain('gone');
  });
});
