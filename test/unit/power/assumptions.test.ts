import { describe, expect, it } from 'vitest';
import { powerAssumptions, type PowerAssumptionsResult } from '../../../src/core/power/assumptions';
import { DEFAULT_SETTINGS, readSettings } from '../../../src/core/settings';

const from = (values: Record<string, unknown>) => (key: string) => values[key];
const ok = (r: PowerAssumptionsResult) => {
  if (!r.ok) throw new Error(r.reason);
  return r;
};

describe('power settings', () => {
  it('default to CBECI v1.x: 0.05 USD/kWh, PUE 1.01 / 1.10 / 1.20, drop from the all-time high', () => {
    const { settings, problems } = readSettings(from({}));
    expect(problems).toEqual([]);
    expect(settings.power).toEqual({ networkPowerPriceUsdPerKwh: 0.05, pue: null, hashReference: 'ath' });
  });

  it('reads valid values', () => {
    const { settings, problems } = readSettings(
      from({ 'power.networkPowerPriceUsdPerKwh': 0.07, 'power.pue': 1.05, 'power.hashReference': '90d' }),
    );
    expect(problems).toEqual([]);
    expect(settings.power).toEqual({ networkPowerPriceUsdPerKwh: 0.07, pue: 1.05, hashReference: '90d' });
    // null is the documented "CBECI's three PUEs", not a problem.
    expect(readSettings(from({ 'power.pue': null })).problems).toEqual([]);
  });

  it('falls back with a message naming each bad setting', () => {
    const { settings, problems } = readSettings(
      from({ 'power.networkPowerPriceUsdPerKwh': 0, 'power.pue': 0.9, 'power.hashReference': 'peak' }),
    );
    expect(settings.power).toEqual(DEFAULT_SETTINGS.power);
    expect(problems.map((p) => p.setting)).toEqual([
      'miningEconomics.power.networkPowerPriceUsdPerKwh',
      'miningEconomics.power.pue',
      'miningEconomics.power.hashReference',
    ]);
    expect(problems[0]!.message).toMatch(/from 0\.005 to 1, got 0\. Using 0\.05/);
    expect(problems[1]!.message).toMatch(/from 1 to 3.*got 0\.9/);
    expect(problems[2]!.message).toMatch(/"peak" is not one of ath, 30d, 90d/);
    for (const bad of ['0.05', Number.NaN, 2, [0.05]])
      expect(readSettings(from({ 'power.networkPowerPriceUsdPerKwh': bad })).settings.power).toEqual(
        DEFAULT_SETTINGS.power,
      );
  });
});

describe('powerAssumptions', () => {
  const perBtc = { USD: 100_000, EUR: 80_000 };

  it('USD: the price as set, CBECI PUEs by bound, the best guess for the drop, hosting from the P&L', () => {
    const a = ok(powerAssumptions(DEFAULT_SETTINGS, {}));
    expect(a.powerPricePerKwh).toBe(0.05);
    expect(a.pueByBound).toEqual({ low: 1.01, best: 1.1, high: 1.2 });
    expect(a.dropPue).toBe(1.1);
    expect(a.hashReference).toBe('ath');
    expect(a.hosting).toEqual({ colocationPerKwMonth: 130, powerPassThrough: true, pue: 1.3, utilisationPercent: 100 });
  });

  it('another currency: converted at BTC prices (0.05 × 80,000 / 100,000 = €0.04/kWh); one PUE for all', () => {
    const settings = { ...DEFAULT_SETTINGS, currency: 'EUR' as const, power: { ...DEFAULT_SETTINGS.power, pue: 1.2 } };
    const a = ok(powerAssumptions(settings, perBtc));
    expect(a.powerPricePerKwh).toBeCloseTo(0.04, 12);
    expect(a.networkPowerPriceUsdPerKwh).toBe(0.05);
    expect(a.pueByBound).toEqual({ low: 1.2, best: 1.2, high: 1.2 });
    expect(a.dropPue).toBe(1.2);
  });

  it('another currency without a USD or own price: a reason, not a guess', () => {
    const settings = { ...DEFAULT_SETTINGS, currency: 'GBP' as const };
    const r = powerAssumptions(settings, perBtc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/no USD and GBP prices/);
    expect(powerAssumptions({ ...DEFAULT_SETTINGS, currency: 'EUR' }, { EUR: 80_000 }).ok).toBe(false);
  });
});
