/**
 * Limits on the shape of a parsed JSON body. No request of this API needs more than a few levels
 * (a case's goods list is three deep) or more than a few thousand members; anything beyond is
 * refused before class-transformer and class-validator, which walk bodies recursively, ever see it.
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_MEMBERS = 10_000;

/**
 * Keys that name an object's prototype machinery. No DTO has such a field, and Nest's validation
 * pipe would delete them in silence rather than refuse them as the unknown fields they are.
 */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonShapeDefect {
  readonly code: 'JSON_TOO_DEEP' | 'JSON_TOO_MANY_MEMBERS' | 'JSON_FORBIDDEN_KEY';
  readonly message: string;
  /** The member at fault (`applicant.__proto__`), for a forbidden key. */
  readonly field?: string;
}

export interface JsonShapeLimits {
  readonly maxDepth: number;
  readonly maxMembers: number;
}

interface Pending {
  readonly value: object;
  readonly depth: number;
  readonly path: string;
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * The first rule `value` breaks, if any. Depth counts containers: `{}` is 1 deep, `{"a":[]}` 2.
 * Members are the keys of every object and the items of every array, counted together. The walk
 * keeps its own stack, so a body nested a million levels cannot overflow the call stack here.
 */
export function jsonShapeDefect(
  value: unknown,
  limits: JsonShapeLimits = { maxDepth: MAX_JSON_DEPTH, maxMembers: MAX_JSON_MEMBERS },
): JsonShapeDefect | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Pending[] = [{ value, depth: 1, path: '' }];
  let members = 0;
  while (stack.length > 0) {
    const top = stack.pop() as Pending;
    if (top.depth > limits.maxDepth) {
      return {
        code: 'JSON_TOO_DEEP',
        message: `The JSON body is nested more than ${limits.maxDepth} levels deep`,
      };
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(top.value)
      ? top.value.map((item, index) => [index, item])
      : Object.entries(top.value);
    members += entries.length;
    if (members > limits.maxMembers) {
      return {
        code: 'JSON_TOO_MANY_MEMBERS',
        message: `The JSON body holds more than ${limits.maxMembers} keys and array items in all`,
      };
    }
    for (const [key, child] of entries) {
      if (typeof key === 'string' && FORBIDDEN_JSON_KEYS.has(key)) {
        const field = pathOf(top.path, key);
        return { code: 'JSON_FORBIDDEN_KEY', field, message: `${field}: the key ${key} is never accepted` };
      }
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, depth: top.depth + 1, path: pathOf(top.path, key) });
      }
    }
  }
  return undefined;
}
