// Arguments for toFixed and toPrecision, clamped to what they accept: a bad one must not become a
// RangeError. Internal to the format module (not re-exported by index.ts).

/** Number.prototype.toFixed throws above 100 decimals. */
const MAX_DECIMALS = 100;

/** Decimals clamped to what toFixed accepts (a bad argument must not turn into a RangeError). */
export function safeDecimals(decimals: number): number {
  return Number.isFinite(decimals) ? Math.min(MAX_DECIMALS, Math.max(0, Math.round(decimals))) : 0;
}

/** Significant digits clamped to what toPrecision accepts (1…100); `fallback` for a non-finite argument. */
export function safeDigits(digits: number, fallback: number): number {
  return Number.isFinite(digits) ? Math.min(MAX_DECIMALS, Math.max(1, Math.round(digits))) : fallback;
}
