// A follower window's manual refresh: clicks join the fetch in flight, and a server's Retry-After (capped at
// an hour) holds every later click back until it is over.
import { describe, expect, it } from 'vitest';
import { FollowerRefresh } from '../../src/core/followerRefresh';
import type { RunOutcome } from '../../src/core/scheduler';

function setup() {
  let nowMs = 1_000_000;
  const pending: ((outcome: RunOutcome) => void)[] = [];
  let fetches = 0;
  const refresh = new FollowerRefresh(
    () => {
      fetches++;
      return new Promise<RunOutcome>((resolve) => pending.push(resolve));
    },
    () => nowMs,
  );
  return {
    refresh,
    fetches: () => fetches,
    finish: (outcome: RunOutcome) => pending.shift()!(outcome),
    advance: (ms: number) => (nowMs += ms),
    now: () => nowMs,
  };
}

describe('FollowerRefresh', () => {
  it('clicks during a fetch join it: one fetch, one result for all', async () => {
    const t = setup();
    const a = t.refresh.run();
    const b = t.refresh.run();
    expect(b).toBe(a);
    expect(t.fetches()).toBe(1);
    t.finish({ ok: true });
    await expect(a).resolves.toEqual({ kind: 'ran', outcome: { ok: true } });
    void t.refresh.run();
    expect(t.fetches()).toBe(2);
  });

  it('after a Retry-After of 90 s, clicks are deferred until then, and fetch again after', async () => {
    const t = setup();
    const first = t.refresh.run();
    t.finish({ ok: false, retryAfterMs: 90_000 });
    await first;
    const until = t.now() + 90_000;
    t.advance(89_999);
    await expect(t.refresh.run()).resolves.toEqual({ kind: 'deferred', untilMs: until });
    expect(t.fetches()).toBe(1);
    t.advance(1);
    void t.refresh.run();
    expect(t.fetches()).toBe(2);
  });

  it('a Retry-After beyond an hour counts as an hour', async () => {
    const t = setup();
    const first = t.refresh.run();
    t.finish({ ok: false, retryAfterMs: 10 * 3_600_000 });
    await first;
    await expect(t.refresh.run()).resolves.toEqual({ kind: 'deferred', untilMs: t.now() + 3_600_000 });
  });

  it('a failure without Retry-After does not hold the next click back', async () => {
    const t = setup();
    const first = t.refresh.run();
    t.finish({ ok: false });
    await first;
    void t.refresh.run();
    expect(t.fetches()).toBe(2);
  });
});
