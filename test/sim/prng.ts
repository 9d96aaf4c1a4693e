/**
 * mulberry32: a tiny, fast, seedable PRNG. Every random choice the simulator makes (which request
 * a flaky link drops, which stale push it replays) comes from one of these, seeded from the run's
 * seed, so a failing run replays exactly.
 */
export type Prng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A fresh generator derived from this one (one per station keeps their streams independent). */
  fork(): Prng;
};

export function mulberry32(seed: number): Prng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    fork: () => mulberry32(Math.floor(next() * 4294967296)),
  };
}
