/**
 * A small deterministic PRNG (mulberry32) for generated fixtures and benchmark corpora:
 * the same seed gives the same sequence on every machine, so a failing fuzz case or a
 * benchmark input can be reproduced.
 */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
