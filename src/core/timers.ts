// Every timer delay goes through here. Node (and browsers) store a delay in a signed 32-bit integer: anything
// above 2³¹−1 ms (~24.8 days), NaN or negative fires after 1 ms instead — a server's huge Retry-After once
// turned into a request flood that way. Callers that can be woken early re-check their due time.

/** The longest delay setTimeout honours: 2³¹−1 ms, about 24.8 days. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A delay setTimeout will honour: NaN and negatives → 0, longer than MAX_TIMER_DELAY_MS → MAX_TIMER_DELAY_MS. */
export function clampDelayMs(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(ms, MAX_TIMER_DELAY_MS);
}
