// Tick positions for value axes: decades on log axes, round steps on linear ones (pure; unit-tested).

/** Powers of ten in [min, max], thinned to one label per ~24 px: log axes get grid lines at decades only. */
export function decadeSplits(min: number, max: number, heightPx: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const lo = Math.ceil(Math.log10(min) - 1e-9);
  const hi = Math.floor(Math.log10(max) + 1e-9);
  const step = Math.max(1, Math.ceil((hi - lo + 1) / Math.max(2, Math.floor(heightPx / 24))));
  const out: number[] = [];
  for (let e = lo; e <= hi; e++) if (e % step === 0) out.push(10 ** e);
  return out;
}

/** Round steps (1, 2, 2.5, 5 × 10ⁿ) across [min, max], about one per 40 px. */
export function linearSplits(min: number, max: number, heightPx: number): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / Math.max(2, Math.floor(heightPx / 40));
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}
