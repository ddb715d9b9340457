// The real clock for the core's scheduler and lease (the core itself never touches timers). Their delays
// come from servers (Retry-After) and files (a lease's expiry): clamped, or Node fires a too-long one at once.
import type { Clock } from '../core/scheduler';
import { clampDelayMs } from '../core/timers';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, clampDelayMs(delayMs)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
