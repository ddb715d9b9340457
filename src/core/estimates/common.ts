/**
 * What every estimate shares: the confidence level and the checks on untrusted inputs.
 *
 * The estimates never throw: a bad input (NaN, a negative hash rate, a level outside 80–99 %) gives
 * `{ kind: 'invalid', reason }` with a sentence naming the input, what was received and what is allowed.
 */

export const DEFAULT_CONFIDENCE_LEVEL = 0.95;
export const MIN_CONFIDENCE_LEVEL = 0.8;
export const MAX_CONFIDENCE_LEVEL = 0.99;

export interface InvalidEstimate {
  readonly kind: 'invalid';
  readonly reason: string;
}

export function invalid(reason: string): InvalidEstimate {
  return { kind: 'invalid', reason };
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value;
}

/** The level to use (default 95 %), or a reason it cannot be used. */
export function checkLevel(level: unknown): number | string {
  if (level === undefined) return DEFAULT_CONFIDENCE_LEVEL;
  if (typeof level !== 'number' || !(level >= MIN_CONFIDENCE_LEVEL && level <= MAX_CONFIDENCE_LEVEL)) {
    return `confidence level must be between ${MIN_CONFIDENCE_LEVEL} and ${MAX_CONFIDENCE_LEVEL}, got ${show(level)}`;
  }
  return level;
}

/** null if value is a finite number > 0, else the reason. */
export function checkPositive(name: string, value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? null
    : `${name} must be a finite number > 0, got ${show(value)}`;
}

/** null if value is a finite number (any sign), else the reason. */
export function checkFinite(name: string, value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value)
    ? null
    : `${name} must be a finite number, got ${show(value)}`;
}

/** null if value is an integer ≥ min, else the reason. */
export function checkCount(name: string, value: unknown, min: number): string | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min
    ? null
    : `${name} must be a whole number ≥ ${min}, got ${show(value)}`;
}

/** The first reason among the checks, if any. */
export function firstProblem(...reasons: (string | null)[]): string | null {
  return reasons.find((r) => r !== null) ?? null;
}
