import { describe, expect, it } from 'vitest';
import { GENESIS_TIME_S } from '../../../src/core/constants';
import { formatDay } from '../../../src/core/format';
import type { DailyHashrate } from '../../../src/core/model';
import { DEFAULT_POWER_SETTINGS } from '../../../src/core/power/assumptions';
import { coversAllHistory, hashDrop, type HashDropResult } from '../../../src/core/power/hashDrop';
import type { Machine } from '../../../src/core/power/machines';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import { computeGlancePower } from '../../../src/core/views/glancePower';
import { hoverMarkdown } from '../../../src/core/views/hoverMarkdown';
import { hashDropText, networkPowerText, whereHashWentHeadline } from '../../../src/core/views/powerText';
import { NOW_MS, hoverContext, makeSnapshot } from '../helpers/snapshot';

const EHS = 1e18;
const DAY = 86_400;
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
// The snapshot's hashprice is $43.62/PH/day (test/unit/views/glance.test.ts); at $0.05/kWh the breakeven is
// 43.62 / (24 × 0.05) = 36.35 J/TH, so both machines run: lower 15, best guess (15 + 25) / 2 = 20, upper 25 J/TH.
const TABLE = [machine('fast', 15), machine('slow', 25)];
// A month (31 days) at 1000 EH/s with one week (days 5–11) at 1062 EH/s: its 7-day high is 1062 EH/s on day 11.
const FIRST_DAY_S = 1_792_972_800; // 2026-10-26
const monthDaily: DailyHashrate[] = Array.from({ length: 31 }, (_, i) => ({
  timeS: FIRST_DAY_S + i * DAY,
  hashrateHps: (i >= 5 && i <= 11 ? 1062 : 1000) * EHS,
}));
const snapshot = makeSnapshot({
  hashrate: { ...makeSnapshot().hashrate, daily: monthDaily, currentHashrateHps: 1000 * EHS },
});
const figures = computeGlanceFigures(snapshot, 'USD', NOW_MS);

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error((r as unknown as { reason: string }).reason);
  return r as Extract<T, { ok: true }>;
}
const rel = (actual: number | null, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) / expected - 1)).toBeLessThan(1e-9);

describe('computeGlancePower (the hover figures)', () => {
  const power = ok(computeGlancePower(snapshot, 'USD', NOW_MS, figures.hashprice, DEFAULT_POWER_SETTINGS, {}, TABLE));

  it('network now: 1000 EH/s × 15 / 20 / 25 J/TH × PUE 1.01 / 1.10 / 1.20 = 15.15 / 22 / 30 GW', () => {
    rel(power.network.lowW, 15.15e9);
    rel(power.network.bestW, 22e9);
    rel(power.network.highW, 30e9);
    expect(networkPowerText(power.network.lowW, power.network.bestW, power.network.highW)).toBe('≈ 22 GW (15–30 GW)');
  });

  it("the drop: a month of data is not an all-time high; it is the month's high, and the text says so", () => {
    const drop = power.drop!;
    expect(drop.reference).toBe('data-peak');
    expect(drop.fellBack).toBe(true);
    expect(drop.spanDays).toBe(30);
    expect(drop.result.reference.timeS).toBe(FIRST_DAY_S + 11 * DAY);
    // 1062 − 1000 = 62 EH/s × 20 J/TH = 1,240 MW of machines; × 1.10 = 1,364 MW of grid power.
    rel(drop.result.dropHps, 62 * EHS);
    rel(drop.result.machineMw, 1240);
    rel(drop.result.gridMw, 1364);
    // Hosting (P&L defaults: $130/kW-month, PUE 1.3, pass-through): 1,000/1.3 kW × 130 × 12 = $1.2 M per
    // grid MW-year × 1,364 MW = $1,636,800,000 a year.
    rel(drop.result.hostingNetPerYear, 1_636_800_000);
    const day = formatDay(FIRST_DAY_S + 11 * DAY);
    expect(hashDropText(drop)).toBe(`−62 EH/s since the high of the last 30 days (${day}) ≈ 1.2 GW`);
    expect(whereHashWentHeadline(drop, 'USD')).toBe(
      `−62 EH/s since the high of the last 30 days (${day}) ≈ 1.2 GW of machines ≈ $1.6 B/yr if leased to AI hosting`,
    );
  });

  it('the hover gains one line with both', () => {
    const md = hoverMarkdown(hoverContext({ ...figures, power }));
    const lines = md.split('\n').filter((l) => l.includes('Network power'));
    expect(lines).toEqual([
      `| Network power (CBECI-style) | **≈ 22 GW (15–30 GW)** · −62 EH/s since the high of the last 30 days (${formatDay(FIRST_DAY_S + 11 * DAY)}) ≈ 1.2 GW |`,
    ]);
  });

  it('settings: one PUE for every bound; a higher network power price leaves fewer machines running', () => {
    // $0.08/kWh: breakeven 43.62 / 1.92 = 22.72 J/TH → only the 15 J/TH machine: every bound 15 J/TH × 1.05.
    const p = ok(
      computeGlancePower(
        snapshot,
        'USD',
        NOW_MS,
        figures.hashprice,
        { networkPowerPriceUsdPerKwh: 0.08, pue: 1.05, hashReference: 'ath' },
        {},
        TABLE,
      ),
    );
    rel(p.network.lowW, 15.75e9);
    rel(p.network.bestW, 15.75e9);
    rel(p.network.highW, 15.75e9);
    // The drop is priced at 15 J/TH: 62 × 15 = 930 MW.
    rel(p.drop!.result.machineMw, 930);
  });

  it('EUR: the USD power price is converted at the BTC prices (0.05 × 82,000 / 95,000)', () => {
    const eur = computeGlanceFigures(snapshot, 'EUR', NOW_MS);
    const p = ok(computeGlancePower(snapshot, 'EUR', NOW_MS, eur.hashprice, DEFAULT_POWER_SETTINGS, {}, TABLE));
    rel(p.assumptions.powerPricePerKwh, (0.05 * 82_000) / 95_000);
    rel(p.network.bestW, 22e9);
  });

  it('no price in the currency: no power figures and no hover line, with a reason', () => {
    const noGbp = computeGlanceFigures(snapshot, 'GBP', NOW_MS);
    const r = computeGlancePower(snapshot, 'GBP', NOW_MS, noGbp.hashprice, DEFAULT_POWER_SETTINGS, {}, TABLE);
    expect(r.ok).toBe(false);
    expect(hoverMarkdown(hoverContext(noGbp))).not.toContain('Network power');
  });

  it('too few days for a 7-day mean: the power line without a drop', () => {
    const short = makeSnapshot({ hashrate: { ...snapshot.hashrate, daily: monthDaily.slice(0, 3) } });
    const p = ok(computeGlancePower(short, 'USD', NOW_MS, figures.hashprice, DEFAULT_POWER_SETTINGS, {}, TABLE));
    expect(p.drop).toBeNull();
    expect(p.dropReason).toMatch(/7-day/);
    const md = hoverMarkdown(hoverContext({ ...figures, power: p }));
    expect(md).toContain('| Network power (CBECI-style) | **≈ 22 GW (15–30 GW)** |');
  });
});

describe('hashDrop: which reference the text may claim', () => {
  const market = { hashpricePerPhDay: 50, hashvalueBtcPerPhDay: 0.0005, btcPrice: 100_000 };
  const inputs = (daily: readonly DailyHashrate[]) => ({
    timeS: daily.map((d) => d.timeS),
    hashrateHps: daily.map((d) => d.hashrateHps),
    market,
    machines: TABLE,
  });
  const drop = (r: HashDropResult) => ok(r);

  it('an all-time high only when the data starts at the genesis block', () => {
    expect(coversAllHistory([GENESIS_TIME_S - 3600, GENESIS_TIME_S + DAY])).toBe(true);
    expect(coversAllHistory([FIRST_DAY_S])).toBe(false);
    expect(coversAllHistory([])).toBe(false);
    // The month, prefixed by a genesis-day point (no estimate: 0 H/s is skipped): now the peak is the ATH.
    const all = [{ timeS: GENESIS_TIME_S, hashrateHps: 0 }, ...monthDaily];
    const d = drop(hashDrop(inputs(all), 'ath'));
    expect(d.reference).toBe('ath');
    expect(d.fellBack).toBe(false);
    expect(hashDropText(d)).toBe(`−62 EH/s since the all-time high of ${formatDay(FIRST_DAY_S + 11 * DAY)} ≈ 1.2 GW`);
  });

  it('30 / 90 days when the data reaches back, else the data high, flagged', () => {
    // 40 days: days 0–4 at 1100 EH/s, then 1000. 30 days before day 39 is day 9: mean of days 3–9 =
    // (2 × 1100 + 5 × 1000) / 7 = 1028.571… EH/s → drop 28.571… EH/s ("28.6 EH/s") × 20 J/TH = 571 MW.
    const forty = Array.from({ length: 40 }, (_, i) => ({
      timeS: FIRST_DAY_S + i * DAY,
      hashrateHps: (i < 5 ? 1100 : 1000) * EHS,
    }));
    const d30 = drop(hashDrop(inputs(forty), '30d'));
    expect(d30.reference).toBe('30d');
    expect(d30.fellBack).toBe(false);
    rel(d30.result.dropHps, (200 / 7) * EHS);
    expect(hashDropText(d30)).toBe('−28.6 EH/s in 30 days ≈ 570 MW');
    const d90 = drop(hashDrop(inputs(forty), '90d'));
    expect(d90.reference).toBe('data-peak');
    expect(d90.fellBack).toBe(true);
    // The highest 7-day mean is days 0–4 alone (4 of 7 days present is enough): 1100 EH/s.
    rel(d90.result.dropHps, 100 * EHS);
  });

  it('a rise or no change makes no power claim', () => {
    const rising = monthDaily.map((d, i) => ({ ...d, hashrateHps: (i < 20 ? 900 : 1000) * EHS }));
    const d = drop(hashDrop(inputs(rising), '30d'));
    expect(whereHashWentHeadline(d, 'USD')).toMatch(/^Hash rate unchanged since the high of the last 30 days/);
    // 40 days: 900 EH/s, then 1000 from day 20: 30 days before day 39 the 7-day mean was 900 → +100 EH/s.
    const up = Array.from({ length: 40 }, (_, i) => ({
      timeS: FIRST_DAY_S + i * DAY,
      hashrateHps: (i < 20 ? 900 : 1000) * EHS,
    }));
    expect(whereHashWentHeadline(drop(hashDrop(inputs(up), '30d')), 'USD')).toBe(
      '+100 EH/s in 30 days (hash rate grew)',
    );
    const flat = drop(hashDrop(inputs(monthDaily.map((x) => ({ ...x, hashrateHps: 1000 * EHS }))), 'ath'));
    expect(hashDropText(flat)).toMatch(/^Hash rate unchanged since/);
  });
});

describe('networkPowerText', () => {
  it('best guess with the bounds, or the lower bound alone when nothing is profitable', () => {
    expect(networkPowerText(9.09e9, 1.44e10, 1.9e10)).toBe('≈ 14 GW (9.1–19 GW)');
    expect(networkPowerText(9.09e9, null, null)).toBe('≈ 9.1 GW or more');
    expect(networkPowerText(null, null, null)).toBe('—');
  });
});
