import { describe, expect, it } from 'vitest';
import { RefreshScheduler, type RunOutcome } from '../../src/core/scheduler';
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
