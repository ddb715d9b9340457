import { expect } from 'vitest';

/** Asserts |got/want − 1| ≤ tolerance (with a readable failure message). */
export function expectRelative(got: number, want: number, tolerance: number): void {
  const error = Math.abs(got / want - 1);
  expect(error, `${got} vs ${want}: relative error ${error.toExponential(2)} > ${tolerance}`).toBeLessThanOrEqual(
    tolerance,
  );
}
