/**
 * Numbers in [0, 1) from a small seeded generator (mulberry32): generated test histories that are
 * the same on every run and every backend, so that a failure can be replayed.
 */
export function seededNumbers(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
