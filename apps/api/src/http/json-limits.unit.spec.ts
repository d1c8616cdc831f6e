import { jsonShapeDefect, MAX_JSON_DEPTH, MAX_JSON_MEMBERS } from './json-limits';

/** `[[[...]]]` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

describe('the shape limits of a JSON body', () => {
  it('accepts bodies up to the depth limit and refuses one level more', () => {
    expect(jsonShapeDefect(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonShapeDefect(nested(MAX_JSON_DEPTH + 1))?.code).toBe('JSON_TOO_DEEP');
  });

  it('refuses a million levels without overflowing the call stack', () => {
    expect(jsonShapeDefect(JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000)))?.code).toBe(
      'JSON_TOO_DEEP',
    );
  });

  it('counts keys and array items together, wherever they are', () => {
    const half = MAX_JSON_MEMBERS / 2;
    const atLimit = {
      a: Array.from({ length: half - 2 }, () => 1),
      b: { c: Array.from({ length: half - 1 }, () => 1) },
    };
    expect(jsonShapeDefect(atLimit)).toBeUndefined();
    const over = { ...atLimit, d: 1 };
    expect(jsonShapeDefect(over)?.code).toBe('JSON_TOO_MANY_MEMBERS');
  });

  it('refuses prototype keys at any depth, naming where', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = JSON.parse(`{"goods":[{"a":1},{"${key}":{"polluted":true}}]}`) as unknown;
      expect(jsonShapeDefect(body)).toMatchObject({ code: 'JSON_FORBIDDEN_KEY', field: `goods[1].${key}` });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('has nothing to say about scalars and ordinary bodies', () => {
    expect(jsonShapeDefect('text')).toBeUndefined();
    expect(jsonShapeDefect(null)).toBeUndefined();
    expect(jsonShapeDefect({ applicant: { name: 'Thales' }, goods: [{ quantity: 2 }] })).toBeUndefined();
  });

  it('applies the limits it is given', () => {
    expect(jsonShapeDefect({ a: { b: {} } }, { maxDepth: 2, maxMembers: 10 })?.code).toBe('JSON_TOO_DEEP');
    expect(jsonShapeDefect([1, 2, 3], { maxDepth: 2, maxMembers: 2 })?.code).toBe('JSON_TOO_MANY_MEMBERS');
  });
});
