// A hand-driven clock for the scheduler: time moves only when a test says so, so no test depends on how
// fast a busy CI machine is.
import type { Clock } from '../../../src/core/scheduler';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class FakeClock implements Clock {
  private nowMs: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(startMs = 1_795_000_000_000) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const timer = { id: this.nextId++, at: this.nowMs + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** When the earliest pending timer fires, or null. */
  get nextTimerAt(): number | null {
    return this.timers.length ? Math.min(...this.timers.map((t) => t.at)) : null;
  }

  /** Moves time forward, firing due timers in order and letting the promises they start settle. */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = Math.max(this.nowMs, due.at);
      due.callback();
    }
    this.nowMs = target;
    await settle();
  }
}

/** Lets chains of resolved promises run (a macrotask boundary flushes every microtask before it). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
