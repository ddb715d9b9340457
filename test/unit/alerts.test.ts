// The alert notifier in the host: one notification per event even when globalState echoes an old value
// back (every window's writes come back to the extension host) and refreshes arrive in quick succession.
import { describe, expect, it } from 'vitest';
import type { GlanceState } from '../../src/core/glance/state';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { AlertNotifier } from '../../src/vscode/alerts';
import { stub } from '../support/vscodeModule';
import { NOW_MS, makeSnapshot } from './helpers/snapshot';

describe('AlertNotifier', () => {
  it('notifies once per retarget even if globalState hands back a stale copy', async () => {
    const settings = { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, difficultyAdjustment: true } };
    const writes: unknown[] = [];
    // A memento whose reads always return the very first value: the worst stale echo.
    const memento = {
      get: () => undefined,
      update: async (_k: string, v: unknown) => void writes.push(v),
      keys: () => [],
    };
    const log = { info() {}, warn() {}, error() {}, debug() {}, trace() {} };
    const notifier = new AlertNotifier(memento as never, () => settings, log as never);
    stub.record.messages.length = 0;
    const base = makeSnapshot({ fetchedAtMs: NOW_MS });
    const live = (snapshot: ReturnType<typeof makeSnapshot>): GlanceState => ({
      snapshot,
      origin: 'live',
      error: null,
      refreshing: false,
    });
    await notifier.onState(live(base)); // baseline, silent
    const retargeted = (fetchedAtMs: number) =>
      makeSnapshot({
        fetchedAtMs,
        hashrate: {
          ...base.hashrate,
          difficulty: [
            ...base.hashrate.difficulty,
            { timeS: 1_795_700_000, height: 975_744, difficulty: 1.4e14, adjustmentRatio: 1.0145 },
          ],
        },
      });
    // Two refreshes in quick succession, not awaited in between (push, then a poll).
    await Promise.all([notifier.onState(live(retargeted(NOW_MS + 1))), notifier.onState(live(retargeted(NOW_MS + 2)))]);
    await notifier.onState(live(retargeted(NOW_MS + 3)));
    expect(stub.record.messages).toEqual(['Mining Economics: Bitcoin difficulty adjusted at block 975,744: +1.45%.']);
    expect(writes.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps notifying after an evaluation failed (the queue does not stay rejected)', async () => {
    const settings = { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, difficultyAdjustment: true } };
    let failNext = true;
    const memento = {
      get: () => undefined,
      update: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
      },
      keys: () => [],
    };
    const log = { info() {}, warn() {}, error() {}, debug() {}, trace() {} };
    const notifier = new AlertNotifier(memento as never, () => settings, log as never);
    stub.record.messages.length = 0;
    const base = makeSnapshot({ fetchedAtMs: NOW_MS });
    const live = (snapshot: ReturnType<typeof makeSnapshot>): GlanceState => ({
      snapshot,
      origin: 'live',
      error: null,
      refreshing: false,
    });
    await expect(notifier.onState(live(base))).rejects.toThrow('disk full');
    const retargeted = makeSnapshot({
      fetchedAtMs: NOW_MS + 1,
      hashrate: {
        ...base.hashrate,
        difficulty: [
          ...base.hashrate.difficulty,
          { timeS: 1_795_700_000, height: 975_744, difficulty: 1.4e14, adjustmentRatio: 1.0145 },
        ],
      },
    });
    await notifier.onState(live(retargeted));
    expect(stub.record.messages).toEqual(['Mining Economics: Bitcoin difficulty adjusted at block 975,744: +1.45%.']);
  });
});
