import { describe, expect, it } from 'vitest';
import type { DerivedSeries } from '../../../src/core/history/derive';
import { DEFAULT_POWER_SETTINGS } from '../../../src/core/power/assumptions';
import type { Machine } from '../../../src/core/power/machines';
import { computeKeyFigures, latestNetworkPower } from '../../../src/core/views/keyFigures';
import { NOW_MS, makeSnapshot } from '../helpers/snapshot';

const DAY = 86_400;
const TODAY = 1_795_564_800; // 2026-11-25T00:00:00Z
const EHS = 1e18;
const machine = (model: string, efficiencyJPerTh: number): Machine => ({
  model,
  manufacturer: 'Test',
  releaseMonth: '2024-01',
  hashrateThs: 100,
  powerW: 100 * efficiencyJPerTh,
  efficiencyJPerTh,
  source: 'test',
  uncertain: false,
});
const TABLE = [machine('fast', 15), machine('slow', 25), machine('old', 60)];

/** n days ending today; the power reads only the 7-day hash rate and the fiat hashprice (the rest empty). */
function history(n: number, hashpricePerPhDay: number): DerivedSeries {
  const column = (f: (i: number) => number | null) => Array.from({ length: n }, (_, i) => f(i));
  const empty = () => column(() => null);
  return {
    hashrate: empty(),
    hashrateMa30: empty(),
    difficulty: empty(),
    difficultyHps: empty(),
    hashpriceSats: empty(),
    rewardSats: empty(),
    feesSats: empty(),
    feeSharePercent: empty(),
    price: empty(),
    hashrateMa7Low: [],
    hashrateMa7High: [],
    bandLevel: null,
    timeS: Array.from({ length: n }, (_, i) => TODAY - (n - 1 - i) * DAY),
    // Today has no estimate yet.
    hashrateMa7: column((i) => (i === n - 1 ? null : 1000 * EHS)),
    hashpriceFiat: column(() => hashpricePerPhDay),
  };
}
const rel = (actual: number | null, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) / expected - 1)).toBeLessThan(1e-9);

describe('key figures: network power from the history', () => {
  it('$60/PH/day at $0.05/kWh: breakeven 50 J/TH → 15 and 25 J/TH run: 15.15 / 22 / 30 GW on the newest day', () => {
    // 1000 EH/s × 15 J/TH = 15 GW × 1.01; × mean(15, 25) = 20 GW × 1.10; × 25 J/TH = 25 GW × 1.20.
    const f = latestNetworkPower(history(60, 60), 'USD', {}, DEFAULT_POWER_SETTINGS, TABLE);
    rel(f.networkPowerLowW, 15.15e9);
    rel(f.networkPowerBestW, 22e9);
    rel(f.networkPowerHighW, 30e9);
    expect(f.networkPowerDayS).toBe(TODAY - DAY);
  });

  it('$20/PH/day: breakeven 16.7 J/TH → only the 15 J/TH machine: 15.15 / 16.5 / 18 GW', () => {
    const f = latestNetworkPower(history(30, 20), 'USD', {}, DEFAULT_POWER_SETTINGS, TABLE);
    rel(f.networkPowerLowW, 15.15e9);
    rel(f.networkPowerBestW, 16.5e9);
    rel(f.networkPowerHighW, 18e9);
  });

  it('EUR: €48/PH/day at 0.05 USD = €0.04/kWh (80,000 / 100,000) is the same 50 J/TH breakeven', () => {
    const f = latestNetworkPower(history(30, 48), 'EUR', { USD: 100_000, EUR: 80_000 }, DEFAULT_POWER_SETTINGS, TABLE);
    rel(f.networkPowerBestW, 22e9);
    // One PUE for every bound when set.
    const one = latestNetworkPower(
      history(30, 48),
      'EUR',
      { USD: 100_000, EUR: 80_000 },
      { ...DEFAULT_POWER_SETTINGS, pue: 1.3 },
      TABLE,
    );
    rel(one.networkPowerLowW, 19.5e9);
    rel(one.networkPowerBestW, 26e9);
    rel(one.networkPowerHighW, 32.5e9);
  });

  it('nothing to show without a history, a conversion rate or enough days for the threshold mean', () => {
    const none = { networkPowerLowW: null, networkPowerBestW: null, networkPowerHighW: null, networkPowerDayS: null };
    expect(latestNetworkPower(null, 'USD', {}, DEFAULT_POWER_SETTINGS, TABLE)).toEqual(none);
    expect(latestNetworkPower(history(30, 48), 'EUR', { EUR: 80_000 }, DEFAULT_POWER_SETTINGS, TABLE)).toEqual(none);
    // The 14-day threshold mean needs 7 days with a hashprice.
    expect(latestNetworkPower(history(6, 60), 'USD', {}, DEFAULT_POWER_SETTINGS, TABLE)).toEqual(none);
  });
});

describe('computeKeyFigures', () => {
  it('carries the newest power figures of the history it is given, with the power settings', () => {
    const snapshot = makeSnapshot();
    const h = history(60, 60);
    const settings = { ...DEFAULT_POWER_SETTINGS, pue: 1.2 };
    const f = computeKeyFigures(snapshot, 'USD', NOW_MS, h, {}, settings);
    const expected = latestNetworkPower(h, 'USD', snapshot.prices.perBtc, settings);
    expect(expected.networkPowerBestW).not.toBeNull();
    expect(f).toMatchObject(expected);
    expect(computeKeyFigures(snapshot, 'USD', NOW_MS, null).networkPowerBestW).toBeNull();
  });
});
