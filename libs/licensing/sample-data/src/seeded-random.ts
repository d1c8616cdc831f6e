/*
 * The generator's only source of chance. Seeded, so that the same seed always gives the same
 * plan; Math.random would make a demo store impossible to reproduce or to compare in a benchmark.
 */

/** cyrb128: a 128-bit string hash, used to turn a seed and a label into a generator state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes PractRand. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A generator for `label` under `seed`: each case gets its own, so cases do not depend on each other. */
  constructor(seed: number, label: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(`${seed}/${label}`);
    // The first outputs of a fresh state are still close to the hash; discard them.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Distinct items in their original order. */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i] as T);
  }

  /** A version-4-shaped UUID from this generator (not from the system's random source). */
  uuid(): string {
    const hex = [this.uint32(), this.uint32(), this.uint32(), this.uint32()]
      .map((n) => n.toString(16).padStart(8, '0'))
      .join('');
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Picks by weight with a given uniform draw `u` in [0, 1). */
export function weighted<T>(entries: readonly (readonly [T, number])[], u: number): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let threshold = u * total;
  for (const [value, w] of entries) {
    if (threshold < w) return value;
    threshold -= w;
  }
  return (entries.at(-1) as readonly [T, number])[0];
}

/**
 * The i-th point of an additive recurrence (a Weyl sequence): spread evenly over [0, 1) for any
 * run of consecutive i. Choosing a case's path or destination group with it instead of a fresh
 * draw makes every option with a share of at least about 2/N appear at any size N.
 */
export function evenlySpread(i: number, step: number, offset: number): number {
  const x = offset + i * step;
  return x - Math.floor(x);
}

/** Steps for evenlySpread: fractional parts of irrationals, so the sequences never repeat or align. */
export const GOLDEN_STEP = (Math.sqrt(5) - 1) / 2;
export const SILVER_STEP = Math.SQRT2 - 1;
export const PLASTIC_STEP = 0.324717957244746;
