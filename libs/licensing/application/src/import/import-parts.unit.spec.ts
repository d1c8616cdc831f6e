import { importParts } from './import-parts';

const line = (caseId: string, n: number) => JSON.stringify({ caseId, type: 'Registered', n });

/** Cases a, b, c, d with 3, 1, 2 and 2 lines. */
const HISTORY = [
  ...[1, 2, 3].map((n) => line('a', n)),
  line('b', 1),
  ...[1, 2].map((n) => line('c', n)),
  ...[1, 2].map((n) => line('d', n)),
];
const bytesOf = (lines: readonly string[]) => lines.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
const casesOf = (lines: readonly string[]) => [
  ...new Set(lines.map((l) => (JSON.parse(l) as { caseId: string }).caseId)),
];

describe('importParts', () => {
  it('keeps a history that fits in one part as it is', () => {
    expect([...importParts(HISTORY)]).toEqual([HISTORY]);
  });

  it('cuts at case boundaries, each part within the line limit, every line kept in order', () => {
    const parts = [...importParts(HISTORY, { maxBytes: 1_000_000, maxLines: 4 })];
    expect(parts.map(casesOf)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parts.flat()).toEqual(HISTORY);
  });

  it('cuts within the byte limit, counting each line with its newline', () => {
    const limit = bytesOf(HISTORY.slice(0, 4));
    const parts = [...importParts(HISTORY, { maxBytes: limit, maxLines: 100 })];
    expect(parts.map(casesOf)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    for (const part of parts) expect(bytesOf(part)).toBeLessThanOrEqual(limit);
    // One byte less and b no longer fits beside a.
    expect([...importParts(HISTORY, { maxBytes: limit - 1, maxLines: 100 })].map(casesOf)).toEqual([
      ['a'],
      ['b', 'c'],
      ['d'],
    ]);
  });

  it('refuses a case larger than a part, and a case whose lines are not together', () => {
    expect(() => [...importParts(HISTORY, { maxBytes: 1_000_000, maxLines: 2 })]).toThrow(
      'Case a alone is larger than one import file may be',
    );
    expect(() => [...importParts([line('a', 1), line('b', 1), line('a', 2)])]).toThrow(
      'Case a comes back after other cases',
    );
  });

  it('keeps a line whose case cannot be read with the case before it, for the import to refuse', () => {
    const parts = [
      ...importParts([line('a', 1), '{not json', line('b', 1)], { maxBytes: 1_000_000, maxLines: 2 }),
    ];
    expect(parts).toEqual([[line('a', 1), '{not json'], [line('b', 1)]]);
  });
});
