// When to fetch. One refresh at a time; the regular interval after a success; exponential backoff with
// jitter after failures; a server's Retry-After is a floor nobody may undercut, not even a manual refresh;
// no fetching while the window is unfocused, and a catch-up as soon as it is focused again.
// The clock and randomness are injected so tests drive time by hand. Every run has a deadline: a run that
// hangs (a server trickling bytes) fails with a reason and never blocks the next refresh.

import { clampDelayMs } from './timers';
import { MAX_RETRY_AFTER_MS } from './transport';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type RunOutcome =
  | { readonly ok: true }
  /** `reason`: set by the scheduler when the run overran its deadline. */
  | { readonly ok: false; readonly retryAfterMs?: number; readonly reason?: string };

/** A refresh (a dozen requests, each with its own 30 s deadline and retries) that takes longer is stuck. */
export const DEFAULT_RUN_TIMEOUT_MS = 2 * 60_000;

export type RefreshResult =
  | { readonly kind: 'ran'; readonly outcome: RunOutcome }
  /** A server asked us to wait (Retry-After) and the wait is not over. */
  | { readonly kind: 'deferred'; readonly untilMs: number }
  | { readonly kind: 'disposed' };

export interface SchedulerOptions {
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly run: () => Promise<RunOutcome>;
  /** First retry delay after a failure; doubles per consecutive failure. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Returns [0, 1). Jitter spreads retries of many clients over [½, 1] of the delay. */
  readonly random?: () => number;
  readonly focused?: boolean;
  /** A run still unsettled after this long counts as failed (default DEFAULT_RUN_TIMEOUT_MS). */
  readonly runTimeoutMs?: number;
  /**
   * Called when a run overran its deadline, with the reason (the run itself is abandoned: whatever it
   * settles with later is ignored by the schedule). For the log and the error shown to the user.
   */
  readonly onRunTimeout?: (reason: string) => void;
}

export class RefreshScheduler {
  private readonly clock: Clock;
  private readonly run: () => Promise<RunOutcome>;
  private readonly random: () => number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private intervalMs: number;
  private focused: boolean;
  private timer: unknown = undefined;
  private inFlight: Promise<RefreshResult> | undefined;
  private consecutiveFailures = 0;
  /** Retry-After floor: no request before this instant. */
  private notBeforeMs = 0;
  /** When the next automatic refresh is due. */
  private dueAtMs: number;
  private disposed = false;
  private lastSuccessMs: number | null = null;
  private readonly runTimeoutMs: number;
  private readonly onRunTimeout: ((reason: string) => void) | undefined;

  constructor(options: SchedulerOptions) {
    this.clock = options.clock;
    this.run = options.run;
    this.intervalMs = options.intervalMs;
    this.random = options.random ?? Math.random;
    this.initialBackoffMs = options.initialBackoffMs ?? 30_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30 * 60_000;
    this.focused = options.focused ?? true;
    this.dueAtMs = this.clock.now();
    this.runTimeoutMs = options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    this.onRunTimeout = options.onRunTimeout;
  }

  /**
   * Before start(): the first automatic refresh waits until then (another window just fetched) — but never
   * longer than one interval: the time comes from shared storage, and a far-future one must not stop us.
   */
  deferFirstRunUntil(timeMs: number): void {
    if (!Number.isFinite(timeMs)) return;
    this.dueAtMs = Math.max(this.dueAtMs, Math.min(timeMs, this.clock.now() + this.intervalMs));
  }

  /** Starts the cycle with an immediate refresh (if focused). */
  start(): void {
    this.arm();
  }

  get nextDueMs(): number {
    return Math.max(this.dueAtMs, this.notBeforeMs);
  }

  get failureCount(): number {
    return this.consecutiveFailures;
  }

  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
    // Re-base on the previous success so shortening the interval takes effect at once.
    if (this.consecutiveFailures === 0 && this.lastSuccessMs !== null) this.dueAtMs = this.lastSuccessMs + intervalMs;
    this.arm();
  }

  setFocused(focused: boolean): void {
    if (this.focused === focused) return;
    this.focused = focused;
    // Unfocused: let the timer lapse; focused again: a missed refresh runs now.
    this.arm();
  }

  /** A user-requested refresh: runs now unless a Retry-After is pending or one is already running. */
  refreshNow(): Promise<RefreshResult> {
    if (this.disposed) return Promise.resolve({ kind: 'disposed' });
    if (this.inFlight) return this.inFlight;
    const now = this.clock.now();
    if (now < this.notBeforeMs) return Promise.resolve({ kind: 'deferred', untilMs: this.notBeforeMs });
    return this.execute();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private execute(): Promise<RefreshResult> {
    this.clearTimer();
    const attempt = new Promise<RefreshResult>((resolve) => {
      let settled = false;
      let deadline: unknown = undefined;
      const finish = (outcome: RunOutcome): void => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(deadline);
        this.settle(outcome);
        resolve({ kind: 'ran', outcome });
      };
      deadline = this.clock.setTimeout(() => {
        const reason = `the refresh did not finish within ${Math.round(this.runTimeoutMs / 1000)} s`;
        finish({ ok: false, reason });
        try {
          this.onRunTimeout?.(reason);
        } catch {
          // A throwing listener must not break the schedule.
        }
      }, clampDelayMs(this.runTimeoutMs));
      let running: Promise<RunOutcome>;
      try {
        running = Promise.resolve(this.run());
      } catch {
        running = Promise.resolve({ ok: false });
      }
      // `run` is expected to report failures as outcomes; a rejection is still a failure, never a crash.
      running.then(finish, () => finish({ ok: false }));
    });
    this.inFlight = attempt;
    void attempt.finally(() => {
      if (this.inFlight === attempt) this.inFlight = undefined;
      this.arm();
    });
    return attempt;
  }

  private settle(outcome: RunOutcome): void {
    const now = this.clock.now();
    if (outcome.ok) {
      this.consecutiveFailures = 0;
      this.notBeforeMs = 0;
      this.lastSuccessMs = now;
      this.dueAtMs = now + this.intervalMs;
      return;
    }
    this.consecutiveFailures++;
    const exponential = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (this.consecutiveFailures - 1));
    const jittered = exponential * (0.5 + 0.5 * this.random());
    // Capped again here: `run` passes on what a server said, and the floor binds even manual refreshes.
    const retryAfterMs = Math.min(MAX_RETRY_AFTER_MS, clampDelayMs(outcome.retryAfterMs ?? 0));
    if (retryAfterMs > 0) this.notBeforeMs = now + retryAfterMs;
    this.dueAtMs = now + Math.max(jittered, retryAfterMs);
  }

  private arm(): void {
    this.clearTimer();
    if (this.disposed || this.inFlight || !this.focused) return;
    // A due time beyond the timer limit (a huge interval setting) wakes us early: check and sleep again.
    const delay = clampDelayMs(this.nextDueMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.disposed || this.inFlight || !this.focused) return;
      if (this.clock.now() < this.nextDueMs) this.arm();
      else void this.execute();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
