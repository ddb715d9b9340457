// The real clock for the core's scheduler (the core itself never touches timers).
import type { Clock } from '../core/scheduler';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
