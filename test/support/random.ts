// A small seeded PRNG for statistical tests: the same seed gives the same stream on every machine, so a
// simulation-based test either always passes or always fails.
// mulberry32 (Tommy Ettinger's 32-bit generator, public domain); two outputs make one 53-bit double.

export interface Random {
  /** Uniform on (0, 1): never exactly 0, so −ln(u) is finite. */
  uniform(): number;
  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number;
  /** Integer uniform on [min, max]. */
  integer(min: number, max: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const uniform = (): number => {
    const high = next32() >>> 5; // 27 bits
    const low = next32() >>> 6; // 26 bits
    return (high * 67_108_864 + low + 0.5) / 9_007_199_254_740_992;
  };
  return {
    uniform,
    exponential: (rate) => -Math.log(uniform()) / rate,
    integer: (min, max) => min + Math.floor(uniform() * (max - min + 1)),
  };
}
