// The one moving mean: the charts' 7- and 30-day lines and the hash-rate trend (economics.ts) use it.

/**
 * Trailing moving average over `window` consecutive entries (days), skipping gaps. A value needs at least
 * `minCount` real values in its window (default: half the window), otherwise it is null.
 */
export function movingAverage(
  values: readonly (number | null)[],
  window: number,
  minCount = Math.ceil(window / 2),
): (number | null)[] {
  const n = values.length;
  const out = new Array<number | null>(n);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (i % window === 0 && i > 0) {
      // A running sum carries rounding error from one era's values (10²¹) into another's (10⁶): re-sum the
      // window exactly every `window` steps, so the error never outlives two windows. Still O(n).
      sum = 0;
      count = 0;
      for (let j = i - window + 1; j < i; j++) {
        const v = values[j];
        if (v !== null && v !== undefined) {
          sum += v;
          count++;
        }
      }
    } else if (i >= window) {
      const old = values[i - window];
      if (old !== null && old !== undefined) {
        sum -= old;
        count--;
      }
    }
    const v = values[i];
    if (v !== null && v !== undefined) {
      sum += v;
      count++;
    }
    out[i] = count >= minCount && count > 0 ? sum / count : null;
  }
  return out;
}
