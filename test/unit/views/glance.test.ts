import { describe, expect, it } from 'vitest';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import { escapeMarkdown, hoverMarkdown, type HoverContext } from '../../../src/core/views/hoverMarkdown';
import { StateHolder, staleness } from '../../../src/core/glance/state';
import { unknownPlaceholders } from '../../../src/core/settings';
import { renderTemplate, statusText } from '../../../src/core/views/statusText';
import { NOW_MS, hoverContext, makeSnapshot } from '../helpers/snapshot';

const FIGURE_SPACE = '\u2007';

describe('status bar text', () => {
  // Snapshot: 987.6 EH/s; trend 988/1000 − 1 = −1.2 %; D = 1.38e14, reward 3.15 BTC, $95,000
  // → hashprice $43.62/PH/day (worked in economics.test.ts), hashvalue 45,918 sats/PH/day.
  const f = computeGlanceFigures(makeSnapshot(), 'USD', NOW_MS);

  it('shows hash rate, trend and hashprice by default', () => {
    expect(statusText(f, 'hashrateAndHashprice', '', false, NOW_MS)).toBe('$(pulse) 987.6 EH/s ↓1.2% · $43.62/PH/day');
  });
  it('has presets for each figure alone', () => {
    expect(statusText(f, 'hashrate', '', false, NOW_MS)).toBe('$(pulse) 987.6 EH/s ↓1.2%');
    expect(statusText(f, 'hashpriceFiat', '', false, NOW_MS)).toBe('$(pulse) $43.62/PH/day');
    expect(statusText(f, 'hashpriceSats', '', false, NOW_MS)).toBe('$(pulse) 45,918 sats/PH/day');
  });
  it('renders a custom template with every placeholder', () => {
    const text = statusText(
      f,
      'custom',
      '{height} {difficulty} {diffChange} {retargetIn} {price} {hashpriceSats}',
      false,
      NOW_MS,
    );
    expect(text).toBe('975,144 138.0 T −1.23% in 3 d 4 h $95,000 45,918 sats/PH/day');
  });
  it('pads numbers with figure spaces in fixed-width mode so the item keeps its width', () => {
    const text = statusText(f, 'hashrateAndHashprice', '', true, NOW_MS);
    expect(text).toBe(`$(pulse) 987.6 EH/s ${FIGURE_SPACE}↓1.2% · ${FIGURE_SPACE}$43.62/PH/day`);
    const higher = computeGlanceFigures(
      makeSnapshot({ prices: { timeS: 1, perBtc: { USD: 250_000 } } }),
      'USD',
      NOW_MS,
    );
    expect(statusText(higher, 'hashrateAndHashprice', '', true, NOW_MS)).toHaveLength(text.length);
  });
  it('leaves unknown placeholders visible and reports them', () => {
    expect(unknownPlaceholders('{hashrate} {nope} {x}')).toEqual(['nope', 'x']);
    expect(renderTemplate('{nope} {height} {toString}', { height: () => '1' } as never, false)).toBe(
      '{nope} 1 {toString}',
    );
  });
  it('drops the trend cleanly when there is no history', () => {
    const noHistory = computeGlanceFigures(
      makeSnapshot({ hashrate: { ...makeSnapshot().hashrate, daily: [] } }),
      'USD',
      NOW_MS,
    );
    expect(statusText(noHistory, 'hashrateAndHashprice', '', false, NOW_MS)).toBe(
      '$(pulse) 987.6 EH/s · $43.62/PH/day',
    );
  });
  it('shows a dash, not NaN, when the currency has no price', () => {
    const f2 = computeGlanceFigures(makeSnapshot(), 'JPY', NOW_MS);
    expect(statusText(f2, 'hashpriceFiat', '', false, NOW_MS)).toBe('$(pulse) —/PH/day');
  });
});

describe('hover', () => {
  const ctx = (over: Partial<HoverContext> = {}): HoverContext => ({
    figures: computeGlanceFigures(makeSnapshot(), 'USD', NOW_MS),
    sourceHost: 'mempool.space',
    fetchedAtMs: NOW_MS - 120_000,
    nowMs: NOW_MS,
    error: null,
    fromCache: false,
    formatDate: (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' '),
    commands: { show: 'miningEconomics.show', refresh: 'miningEconomics.refresh', showLog: 'miningEconomics.showLog' },
    ...over,
  });

  it('gives every table a header row, right before its delimiter row', () => {
    const lines = hoverMarkdown(ctx()).split('\n');
    const delimiters = lines.flatMap((line, i) => (line === '|:--|:--|' ? [i] : []));
    expect(delimiters).toHaveLength(2); // the network table and the difficulty table
    for (const i of delimiters) expect(lines[i - 1]).toBe('| Figure | Value |');
  });

  it('answers "when is the next adjustment and by how much"', () => {
    const md = hoverMarkdown(ctx());
    expect(md).toContain('| Difficulty | **138.0 T** |');
    expect(md).toContain('1,416 of 2,016 blocks (70.2%) · 600 to go');
    // mempool's figure first; the interval after it is tested in estimates.test.ts (this fixture's epoch
    // timing, 1416 blocks in 600,000 s, does not match its −1.23 %).
    expect(md).toContain('| Estimated change | **−1.23%** (95%: ');
    // NOW_MS + 3 d 4 h
    expect(md).toContain('| Estimated retarget | 2026-11-28 13:46 (in 3 d 4 h) at block 975,744 · 95%: ');
    expect(md).toContain('| Previous adjustment | −1.23% on 2026-11-18 11:06 |');
    expect(md).toContain('9 min 48 s (target 10 min 0 s)');
    // 1,050,000 − 975,144 = 74,856 blocks left
    expect(md).toContain('block 1,050,000 · 74,856 blocks left');
    expect(md).toContain('subsidy then 1.563 BTC');
  });

  it('breaks hashprice into subsidy and fees, with price, age and source', () => {
    const md = hoverMarkdown(ctx());
    expect(md).toContain('**$43.62/PH/day** · 45,918 sats/PH/day');
    // 3.125 / 3.15 = 99.2 %, 0.025 / 3.15 = 0.8 %
    expect(md).toContain('3.15 BTC = subsidy 3.125 BTC (99.2%) + fees 0.025 BTC (0.8%, mean of last 144 blocks)');
    expect(md).toContain('| BTC price | $95,000 USD |');
    expect(md).toContain('Source: mempool\\.space · updated 2 min ago');
    expect(md).toContain('Last block 975,144 by Foundry USA, 5 min ago.');
    expect(md).toContain('[$(refresh) Refresh](command:miningEconomics.refresh)');
  });

  it('marks stale data with its age and the reason', () => {
    const md = hoverMarkdown(
      ctx({ error: '/api/v1/prices: HTTP 500 Internal Server Error', fetchedAtMs: NOW_MS - 12 * 60_000 }),
    );
    expect(md).toContain(
      '**Stale** — Showing the last good data from 12 min ago. Last refresh failed: /api/v1/prices\\: HTTP 500 Internal Server Error',
    );
  });

  it('has a clear no-data state', () => {
    const md = hoverMarkdown(ctx({ figures: null, error: 'connection refused', fetchedAtMs: null }));
    expect(md).toContain('No data yet — connection refused');
    expect(md.split('connection refused')).toHaveLength(2); // said once, not twice
    expect(md).not.toContain('undefined');
    expect(md).not.toContain('NaN');
  });

  it('escapes everything that came from the network', () => {
    const hostile = makeSnapshot({
      latestBlocks: [
        {
          height: 975_144,
          timeS: 1_795_599_700,
          difficulty: 1.38e14,
          rewardSats: null,
          totalFeesSats: null,
          poolName: '[pwn](command:workbench.action.terminal.new) <img src=x>',
        },
      ],
    });
    const md = hoverMarkdown(ctx({ figures: computeGlanceFigures(hostile, 'USD', NOW_MS), error: 'evil](command:x)' }));
    expect(md).not.toContain('[pwn](command:');
    expect(md).toContain('\\[pwn\\]\\(command\\:workbench\\.action\\.terminal\\.new\\) &lt;img src\\=x');
    expect(md).not.toContain('](command:x)');
    expect(escapeMarkdown('a*b_c')).toBe('a\\*b\\_c');
  });
});

describe('state and staleness', () => {
  it('keeps the last good snapshot through failures', () => {
    const holder = new StateHolder();
    const seen: string[] = [];
    holder.subscribe((s) => seen.push(`${s.origin}:${s.error?.message ?? 'ok'}`));
    holder.restoreFromCache(makeSnapshot());
    holder.succeeded(makeSnapshot({ tipHeight: 975_145 }));
    holder.failed('HTTP 500', NOW_MS);
    expect(holder.current.snapshot?.tipHeight).toBe(975_145);
    expect(seen).toEqual(['cache:ok', 'live:ok', 'live:HTTP 500']);
  });
  it('never lets old data replace live data, nor shows it as live', () => {
    const holder = new StateHolder();
    holder.succeeded(makeSnapshot({ fetchedAtMs: NOW_MS }));
    holder.restoreFromCache(makeSnapshot({ fetchedAtMs: NOW_MS + 1, tipHeight: 1 }));
    expect(holder.current).toMatchObject({ origin: 'live', snapshot: { tipHeight: 975_144 } });
    const fresh = new StateHolder();
    fresh.restoreFromCache(makeSnapshot({ fetchedAtMs: NOW_MS - 10 }));
    fresh.restoreFromCache(makeSnapshot({ fetchedAtMs: NOW_MS, tipHeight: 2 }));
    fresh.restoreFromCache(makeSnapshot({ fetchedAtMs: NOW_MS - 5, tipHeight: 3 }));
    expect(fresh.current).toMatchObject({ origin: 'cache', snapshot: { tipHeight: 2 } });
  });
  it('a broken listener does not stop the others', () => {
    const holder = new StateHolder();
    let reached = false;
    holder.subscribe(() => {
      throw new Error('view bug');
    });
    holder.subscribe(() => (reached = true));
    holder.failed('x', 0);
    expect(reached).toBe(true);
  });
  it('is stale after a failure, or when data outlives three intervals (at least 15 min)', () => {
    const fresh = { snapshot: makeSnapshot(), origin: 'live' as const, error: null, refreshing: false };
    expect(staleness(fresh, NOW_MS, 5 * 60_000).stale).toBe(false);
    // Fetched 2 min before NOW: 15 min old at NOW + 13 min (not yet stale), 16 min old at NOW + 14 min.
    expect(staleness(fresh, NOW_MS + 13 * 60_000, 5 * 60_000).stale).toBe(false);
    expect(staleness(fresh, NOW_MS + 14 * 60_000, 5 * 60_000)).toEqual({
      stale: true,
      reason: 'the data has not been refreshed recently',
    });
    // A 10-minute interval stretches the limit to 30 min.
    expect(staleness(fresh, NOW_MS + 14 * 60_000, 10 * 60_000).stale).toBe(false);
    expect(staleness({ ...fresh, error: { message: 'HTTP 429', atMs: NOW_MS } }, NOW_MS, 5 * 60_000)).toEqual({
      stale: true,
      reason: 'HTTP 429',
    });
  });
});

describe("the user's margin", () => {
  // Hashprice $43.6223/PH/day (see above). 20 J/TH at $0.05/kWh: 20 kW × 24 h × $0.05 = $24.00/PH/day.
  // Revenue after a 2 % pool fee: 43.6223 × 0.98 = $42.7499 → margin $18.75/PH/day.
  // Breakeven power price: 42.7499 / (24 × 20) = $0.0891/kWh; breakeven hashprice 24 / 0.98 = $24.49;
  // breakeven BTC price: 24 / (0.98 × 4.591825e-4 BTC) = $53,333.
  const f = computeGlanceFigures(makeSnapshot(), 'USD', NOW_MS, {
    efficiencyJPerTh: 20,
    powerPricePerKwh: 0.05,
    poolFeePercent: 2,
  });

  it('is in the status bar with the margin preset', () => {
    expect(statusText(f, 'margin', '', false, NOW_MS)).toBe('$(pulse) margin $18.75/PH/day');
    const costly = computeGlanceFigures(makeSnapshot(), 'USD', NOW_MS, {
      efficiencyJPerTh: 40,
      powerPricePerKwh: 0.08,
    });
    // 40 × 24 × 0.08 = $76.80 cost vs $42.75 revenue → −$34.05
    expect(statusText(costly, 'margin', '', false, NOW_MS)).toBe('$(pulse) margin -$34.05/PH/day');
  });

  it('is in the hover with its breakevens and inputs', () => {
    const md = hoverMarkdown(hoverContext(f));
    expect(md).toContain(
      '| Your margin (20.0 J/TH, $0.050/kWh, 2.0% pool fee) | **$18.75/PH/day** = $42.75/PH/day revenue − $24.00/PH/day power |',
    );
    expect(md).toContain('| Breakeven | power $0.089/kWh · hashprice $24.49/PH/day · BTC $53,333 |');
  });
});
