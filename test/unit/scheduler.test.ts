import { describe, expect, it } from 'vitest';
import { RefreshScheduler, type RunOutcome } from '../../src/core/scheduler';
import { MAX_TIMER_DELAY_MS, clampDelayMs } from '../../src/core/timers';
import { FakeClock, settle } from './helpers/fakeClock';

const MIN = 60_000;

function setup(outcomes: RunOutcome[] = [], options: { focused?: boolean; random?: () => number } = {}) {
  const clock = new FakeClock();
  const runs: number[] = [];
  let pending: ((o: RunOutcome) => void) | null = null;
  const scheduler = new RefreshScheduler({
    clock,
    intervalMs: 5 * MIN,
    initialBackoffMs: 30_000,
    maxBackoffMs: 30 * MIN,
    random: options.random ?? (() => 1), // worst-case jitter: the full delay
    focused: options.focused ?? true,
    run: () => {
      runs.push(clock.now() - start);
      const next = outcomes.shift();
      if (next) return Promise.resolve(next);
      return new Promise<RunOutcome>((resolve) => (pending = resolve));
    },
  });
  const start = clock.now();
  return { clock, runs, scheduler, resolvePending: (o: RunOutcome) => pending?.(o) };
}

describe('RefreshScheduler', () => {
  it('refreshes at once, then every interval after a success', async () => {
    const { clock, runs, scheduler } = setup([{ ok: true }, { ok: true }, { ok: true }]);
    scheduler.start();
    await clock.advance(0);
    expect(runs).toEqual([0]);
    await clock.advance(5 * MIN - 1);
    expect(runs).toEqual([0]);
    await clock.advance(1);
    expect(runs).toEqual([0, 5 * MIN]);
    await clock.advance(5 * MIN);
    expect(runs).toEqual([0, 5 * MIN, 10 * MIN]);
  });

  it('backs off exponentially after failures and resets after a success', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false }, { ok: false }, { ok: false }, { ok: true }, { ok: true }]);
    scheduler.start();
    await clock.advance(0); // fail #1 at 0 → retry in 30 s
    await clock.advance(30_000); // fail #2 → 60 s
    await clock.advance(60_000); // fail #3 → 120 s
    await clock.advance(120_000); // success → interval
    await clock.advance(5 * MIN);
    expect(runs).toEqual([0, 30_000, 90_000, 210_000, 210_000 + 5 * MIN]);
    expect(scheduler.failureCount).toBe(0);
  });

  it('applies jitter within [½, 1] of the backoff delay', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false }, { ok: true }], { random: () => 0 });
    scheduler.start();
    await clock.advance(0);
    await clock.advance(15_000); // 30 s × (0.5 + 0.5 × 0)
    expect(runs).toEqual([0, 15_000]);
  });

  it('caps the backoff', async () => {
    const outcomes: RunOutcome[] = Array.from({ length: 10 }, () => ({ ok: false }));
    const { clock, runs, scheduler } = setup(outcomes);
    scheduler.start();
    await clock.advance(0);
    // 30 s, 1, 2, 4, 8, 16 min, then capped at 30 min.
    await clock.advance(30_000 + 60_000 + 120_000 + 240_000 + 480_000 + 960_000 + 1_800_000 + 1_800_000);
    const gaps = runs.slice(1).map((t, i) => t - runs[i]!);
    expect(gaps).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000]);
  });

  it('honours Retry-After even when it is longer than the backoff, and a manual refresh cannot undercut it', async () => {
    const { clock, runs, scheduler } = setup([{ ok: false, retryAfterMs: 10 * MIN }, { ok: true }]);
    scheduler.start();
    await clock.advance(0);
    const manual = await scheduler.refreshNow();
    expect(manual).toEqual({ kind: 'deferred', untilMs: clock.now() + 10 * MIN });
    await clock.advance(10 * MIN - 1);
    expect(runs).toEqual([0]);
    await clock.advance(1);
    expect(runs).toEqual([0, 10 * MIN]);
  });

  it('pauses while unfocused and catches up on focus', async () => {
    const { clock, runs, scheduler } = setup([{ ok: true }, { ok: true }, { ok: true }]);
    scheduler.start();
    await clock.advance(0);
    scheduler.setFocused(false);
    await clock.advance(60 * MIN);
    expect(runs).toEqual([0]);
    expect(clock.pendingTimers).toBe(0);
    scheduler.setFocused(true);
    await clock.advance(0);
    expect(runs).toEqual([0, 60 * MIN]);
  });

  it('does not refresh on focus when the data is still fresh', async () => {
    const { clock, runs, scheduler } = setup([{ ok: true }, { ok: true }]);
    scheduler.start();
    await clock.advance(0);
    scheduler.setFocused(false);
    await clock.advance(2 * MIN);
    scheduler.setFocused(true);
    await clock.advance(0);
    expect(runs).toEqual([0]);
    await clock.advance(3 * MIN);
    expect(runs).toEqual([0, 5 * MIN]);
  });

  it('never runs two refreshes at once: a manual refresh joins the running one', async () => {
    const { clock, runs, scheduler, resolvePending } = setup();
    scheduler.start();
    await clock.advance(0);
    const a = scheduler.refreshNow();
    const b = scheduler.refreshNow();
    expect(a).toBe(b);
    expect(runs).toEqual([0]);
    resolvePending({ ok: true });
    await expect(a).resolves.toEqual({ kind: 'ran', outcome: { ok: true } });
  });

  it('treats a throwing run as a failure, not a crash', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const scheduler = new RefreshScheduler({
      clock,
      intervalMs: 5 * MIN,
      random: () => 1,
      run: () => {
        calls++;
        return Promise.reject(new Error('boom'));
      },
    });
    scheduler.start();
    await clock.advance(0);
    expect(calls).toBe(1);
    expect(scheduler.failureCount).toBe(1);
    await clock.advance(30_000);
    expect(calls).toBe(2);
  });

  it('shortening the interval takes effect from the last success', async () => {
    const { clock, runs, scheduler } = setup([{ ok: true }, { ok: true }]);
    scheduler.start();
    await clock.advance(2 * MIN);
    scheduler.setIntervalMs(MIN);
    await settle();
    await clock.advance(0);
    expect(runs).toEqual([0, 2 * MIN]);
  });

  it('stops for good when disposed', async () => {
    const { clock, runs, scheduler } = setup([{ ok: true }, { ok: true }]);
    scheduler.start();
    await clock.advance(0);
    scheduler.dispose();
    await clock.advance(60 * MIN);
    expect(runs).toEqual([0]);
    await expect(scheduler.refreshNow()).resolves.toEqual({ kind: 'disposed' });
  });
});

/** Behaves like Node's timers: a delay above 2³¹−1 ms, negative or NaN fires (almost) at once. Records every delay. */
class NodeLikeClock extends FakeClock {
  readonly delays: number[] = [];
  override setTimeout(callback: () => void, delayMs: number): unknown {
    this.delays.push(delayMs);
    const honoured = delayMs >= 0 && delayMs <= 2 ** 31 - 1 ? delayMs : 1;
    return super.setTimeout(callback, honoured);
  }
}

describe('RefreshScheduler against hostile servers', () => {
  const DAY = 24 * 60 * MIN;

  function hostile(outcomes: RunOutcome[], extra: { intervalMs?: number; runTimeoutMs?: number } = {}) {
    const clock = new NodeLikeClock();
    const start = clock.now();
    const runs: number[] = [];
    const timeouts: string[] = [];
    let pending: ((o: RunOutcome) => void) | null = null;
    const scheduler = new RefreshScheduler({
      clock,
      intervalMs: extra.intervalMs ?? 5 * MIN,
      random: () => 1,
      ...(extra.runTimeoutMs !== undefined ? { runTimeoutMs: extra.runTimeoutMs } : {}),
      onRunTimeout: (reason) => timeouts.push(reason),
      run: () => {
        runs.push(clock.now() - start);
        const next = outcomes.shift();
        if (next) return Promise.resolve(next);
        return new Promise<RunOutcome>((resolve) => (pending = resolve));
      },
    });
    return { clock, runs, scheduler, timeouts, resolvePending: (o: RunOutcome) => pending?.(o) };
  }

  it('caps a Retry-After of 3 000 000 s at one hour instead of overflowing the timer into a flood', async () => {
    const { clock, runs, scheduler } = hostile([
      { ok: false, retryAfterMs: 3_000_000_000 },
      { ok: false, retryAfterMs: 3_000_000_000 },
      { ok: true },
    ]);
    scheduler.start();
    await clock.advance(0);
    await clock.advance(59 * MIN);
    expect(runs).toEqual([0]);
    // The capped floor is what a manual refresh sees, too.
    await expect(scheduler.refreshNow()).resolves.toEqual({ kind: 'deferred', untilMs: clock.now() + MIN });
    await clock.advance(MIN);
    expect(runs).toEqual([0, 60 * MIN]);
    await clock.advance(60 * MIN);
    expect(runs).toEqual([0, 60 * MIN, 120 * MIN]);
    expect(clock.delays.every((d) => d >= 0 && d <= 2 ** 31 - 1)).toBe(true);
  });

  it('treats a NaN or negative Retry-After as none', async () => {
    const { clock, runs, scheduler } = hostile([
      { ok: false, retryAfterMs: Number.NaN },
      { ok: false, retryAfterMs: -5 },
      { ok: true },
    ]);
    scheduler.start();
    await clock.advance(0);
    await expect(scheduler.refreshNow()).resolves.toMatchObject({ kind: 'ran' });
    await expect(scheduler.refreshNow()).resolves.toEqual({ kind: 'ran', outcome: { ok: true } });
    expect(runs).toEqual([0, 0, 0]);
  });

  it('waits out an interval longer than the timer limit instead of firing at once', async () => {
    const { clock, runs, scheduler } = hostile([{ ok: true }, { ok: true }], {
      intervalMs: 30 * DAY,
      runTimeoutMs: MIN,
    });
    scheduler.start();
    await clock.advance(0);
    await clock.advance(30 * DAY - 1);
    expect(runs).toEqual([0]);
    await clock.advance(1);
    expect(runs).toEqual([0, 30 * DAY]);
    expect(clock.delays.every((d) => d >= 0 && d <= 2 ** 31 - 1)).toBe(true);
  });

  it('fails a run that overruns its deadline with a reason, and the next manual refresh is not blocked', async () => {
    const { clock, runs, scheduler, timeouts, resolvePending } = hostile([], { runTimeoutMs: 2 * MIN });
    scheduler.start();
    await clock.advance(0);
    const stuck = scheduler.refreshNow(); // joins the hung automatic run
    await clock.advance(2 * MIN - 1);
    expect(timeouts).toEqual([]);
    await clock.advance(1);
    const reason = 'the refresh did not finish within 120 s';
    await expect(stuck).resolves.toEqual({ kind: 'ran', outcome: { ok: false, reason } });
    expect(timeouts).toEqual([reason]);
    expect(scheduler.failureCount).toBe(1);
    const next = scheduler.refreshNow();
    expect(next).not.toBe(stuck);
    expect(runs).toEqual([0, 2 * MIN]);
    resolvePending({ ok: true });
    await expect(next).resolves.toEqual({ kind: 'ran', outcome: { ok: true } });
    expect(scheduler.failureCount).toBe(0);
  });

  it('defers the first run at most one interval, whatever time another window claims', async () => {
    const { clock, runs, scheduler } = hostile([{ ok: true }, { ok: true }]);
    scheduler.deferFirstRunUntil(clock.now() + 1_000 * DAY);
    scheduler.deferFirstRunUntil(Number.NaN);
    scheduler.start();
    await clock.advance(5 * MIN - 1);
    expect(runs).toEqual([]);
    await clock.advance(1);
    expect(runs).toEqual([5 * MIN]);
  });

  it('ignores what an abandoned run settles with later', async () => {
    let resolveFirst: (o: RunOutcome) => void = () => undefined;
    const clock = new FakeClock();
    let calls = 0;
    const scheduler = new RefreshScheduler({
      clock,
      intervalMs: 5 * MIN,
      random: () => 1,
      runTimeoutMs: MIN,
      run: () => {
        calls++;
        return calls === 1
          ? new Promise<RunOutcome>((resolve) => (resolveFirst = resolve))
          : Promise.resolve({ ok: true });
      },
    });
    scheduler.start();
    await clock.advance(MIN); // run 1 overruns → failure, retry in 30 s
    expect(scheduler.failureCount).toBe(1);
    resolveFirst({ ok: false, retryAfterMs: 30 * MIN });
    await settle();
    await clock.advance(30_000);
    expect(calls).toBe(2);
    expect(scheduler.failureCount).toBe(0);
  });
});

describe('clampDelayMs', () => {
  it('maps NaN and negatives to 0 and caps at 2³¹−1 ms', () => {
    expect(MAX_TIMER_DELAY_MS).toBe(2_147_483_647);
    expect(clampDelayMs(Number.NaN)).toBe(0);
    expect(clampDelayMs(-1)).toBe(0);
    expect(clampDelayMs(-Infinity)).toBe(0);
    expect(clampDelayMs(0)).toBe(0);
    expect(clampDelayMs(1500)).toBe(1500);
    expect(clampDelayMs(2_147_483_647)).toBe(2_147_483_647);
    expect(clampDelayMs(3_000_000_000)).toBe(2_147_483_647);
    expect(clampDelayMs(Infinity)).toBe(2_147_483_647);
  });
});
