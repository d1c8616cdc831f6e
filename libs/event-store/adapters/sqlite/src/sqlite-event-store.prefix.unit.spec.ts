import { prefixUpperBound } from './sqlite-event-store.prefix';

/** SQLite's BINARY collation: UTF-8 bytes compared as with memcmp. */
function binaryCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function inRange(value: string, prefix: string): boolean {
  const bound = prefixUpperBound(prefix);
  return binaryCompare(value, prefix) >= 0 && (bound === undefined || binaryCompare(value, bound) < 0);
}

describe('prefixUpperBound', () => {
  it('raises the last character by one', () => {
    expect(prefixUpperBound('measure-')).toBe('measure.');
    expect(prefixUpperBound('a')).toBe('b');
  });

  it('selects exactly the strings that start with the prefix', () => {
    const prefix = 'licence-';
    const values = [
      'licence-',
      'licence-1',
      'licence-zz',
      'licence-\u{10ffff}x',
      'licence',
      'licence.',
      'licencf',
      'lic',
      'measure-1',
      'licence-é',
    ];
    for (const value of values)
      expect([value, inRange(value, prefix)]).toEqual([value, value.startsWith(prefix)]);
  });

  it('steps over the last code point when it is the highest, and over the surrogates', () => {
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('\u{10ffff}\u{10ffff}')).toBeUndefined();
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
    expect(prefixUpperBound('a\u{1f6e1}')).toBe('a\u{1f6e2}');
    for (const value of ['a\u{10ffff}', 'a\u{10ffff}zz', 'b', 'a']) {
      expect([value, inRange(value, 'a\u{10ffff}')]).toEqual([value, value.startsWith('a\u{10ffff}')]);
    }
  });
});
