import { sortedJson } from './sorted-json';

/** What reports were written with before: a copy with its keys sorted, then JSON.stringify. */
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

const reference = (value: unknown, pad = ''): string =>
  JSON.stringify(sortedCopy(value), null, 2).replace(/\n/g, `\n${pad}`);

/** A small seeded generator, so that a failure names a value that can be made again. */
function randomValue(seed: number): unknown {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const keys = ['b', 'a', '10', '2', '0', 'Z', 'é', 'a b', '01', '-1', '4294967295', '4294967294', ''];
  const leaf = (): unknown =>
    [
      () => Math.round(next() * 1e6) / 100,
      () => -0,
      () => Number.NaN,
      () => 'text "quoted"\n\ttab \u2028 ü',
      () => null,
      () => next() < 0.5,
      () => undefined,
    ][Math.floor(next() * 7)]!();
  const grow = (depth: number): unknown => {
    if (depth === 0 || next() < 0.3) return leaf();
    if (next() < 0.4) return Array.from({ length: Math.floor(next() * 4) }, () => grow(depth - 1));
    const record: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--)
      record[keys[Math.floor(next() * keys.length)]!] = grow(depth - 1);
    return record;
  };
  return grow(4);
}

describe('sortedJson', () => {
  it('writes a report line as JSON.stringify of its sorted copy does', () => {
    const line = {
      caseId: 'NL-2025-000123',
      validUntil: '2026-06-30',
      destinations: ['US', 'CA'],
      valueEur: 1234.5,
      criteria: [],
      goodsDescription: 'Onderdelen "type B"',
      licenceKind: 'individual',
      extra: undefined,
      nested: { z: 1, a: [{ y: null, x: {} }] },
    };
    expect(sortedJson(line)).toBe(reference(line));
    expect(sortedJson(line, '    ')).toBe(reference(line, '    '));
    expect(sortedJson(line)).toContain('"caseId": "NL-2025-000123",\n  "criteria": [],');
  });

  it('lists keys that are array indices first, in numeric order, as an object rebuilt from sorted keys does', () => {
    const counts = { b: 1, '10': 2, '2': 3, a: 4, '01': 5 };
    expect(sortedJson(counts)).toBe(reference(counts));
    expect(Object.keys(JSON.parse(sortedJson(counts)) as object)).toEqual(['2', '10', '01', 'a', 'b']);
  });

  it('leaves out what JSON.stringify leaves out, and writes null where it does', () => {
    const value = { a: undefined, b: () => 1, c: [undefined, () => 1, Number.NaN, -0, Infinity] };
    expect(sortedJson(value)).toBe(reference(value));
    expect(sortedJson({ a: undefined })).toBe('{}');
    expect(sortedJson([])).toBe('[]');
  });

  it('agrees with the sorted copy on a thousand generated values, at any depth', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const value = randomValue(seed);
      if (value === undefined) continue;
      expect([seed, sortedJson(value, '  ')]).toEqual([seed, reference(value, '  ')]);
    }
  });

  it('tells apart objects whose keys read alike when joined', () => {
    const values = [
      {},
      { '': 1 },
      { 'a\u0000b': 1 },
      { a: 1, b: 2 },
      { 'a\u0000': 1, b: 2 },
      { a: 1, '\u0000b': 2 },
    ];
    for (const value of [...values, ...values]) expect(sortedJson(value)).toBe(reference(value));
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => sortedJson(undefined)).toThrow(TypeError);
    expect(() => sortedJson({ a: 1n })).toThrow(TypeError);
  });
});
