import { describe, expect, it } from 'vitest';
import type { GlanceState } from '../../../src/core/glance/state';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import {
  documentText,
  snapshotCsv,
  snapshotCsvHeader,
  snapshotInput,
  snapshotMarkdown,
  type SnapshotInput,
} from '../../../src/core/views/miningSnapshot';
import { NOW_MS, makeSnapshot } from '../helpers/snapshot';

// The test snapshot, fetched 2 min before NOW_MS (2026-11-25T09:46:40Z) from mempool.space:
// tip 975,144; 987.6 EH/s; trend 988/1000 − 1 = −1.2 %; D = 1.38e14; mempool's change −1.2345 %; retarget
// in 3 d 4 h = 2026-11-28T13:46:40Z at block 975,744; reward 3.15 BTC per block; BTC $95,000.
const D = 1.38e14;
// Hashvalue: a PH/s finds 86,400 s × 1e15 H/s ÷ (D × 2³²) blocks a day, each worth 3.15 BTC.
const HASHVALUE_BTC = ((86_400 * 1e15) / (D * 2 ** 32)) * 3.15; // 4.5918e-4 BTC
const HASHPRICE_USD = HASHVALUE_BTC * 95_000; // $43.6223
// 20 J/TH at $0.05/kWh: 20 kW × 24 h × 0.05 = $24.00 a day per PH/s; revenue after 2 % pool fee.
const MARGIN_USD = HASHPRICE_USD * 0.98 - 24; // $18.7499

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  pnl: { ...DEFAULT_SETTINGS.pnl, efficiencyJPerTh: 20, powerPricePerKwh: 0.05, poolFeePercent: 2, uptimePercent: 100 },
};
const live: GlanceState = { snapshot: makeSnapshot(), origin: 'live', error: null, refreshing: false };

describe('mining snapshot as Markdown', () => {
  it('tables the current figures with units in the row headers, the source and the time', () => {
    const md = snapshotMarkdown(snapshotInput(live, settings, 'ignored.example', NOW_MS));
    expect(md).toBe(
      [
        '**Bitcoin mining snapshot**',
        '',
        '| Figure (unit) | Value |',
        '| :-- | --: |',
        '| Block height | 975,144 |',
        '| Hash rate, 7-day estimate (EH/s) | 987.6 |',
        '| Hash rate trend, last 7 days vs the 7 before (%) | −1.2 |',
        '| Hashprice (USD per PH/s per day) | 43.62 |',
        '| Hashvalue (sats per PH/s per day) | 45,918 |',
        '| BTC price (USD) | 95,000 |',
        '| Difficulty | 138,000,000,000,000 |',
        '| Next difficulty change, estimate (%) | −1.23 |',
        '| Next retarget, estimate (UTC) | 2026-11-28T13:46:40Z at block 975,744 |',
        '| Your margin at 20 J/TH and $0.050/kWh (USD per PH/s per day) | +18.75 |',
        '',
        'Source: mempool.space · data fetched 2026-11-25T09:44:40Z (2 min ago) · taken 2026-11-25T09:46:40Z by Mining Economics. Hash rate is inferred from block times, not measured.',
        '',
      ].join('\n'),
    );
    expect(HASHPRICE_USD.toFixed(2)).toBe('43.62');
  });

  it('says when the figures come from an earlier session', () => {
    const md = snapshotMarkdown(snapshotInput({ ...live, origin: 'cache' }, settings, 'x', NOW_MS));
    expect(md).toContain(
      '> **Not current: these figures are cached from an earlier session, fetched 2026-11-25T09:44:40Z (2 min ago), and have not been refreshed since.**',
    );
    expect(md).toContain('| Block height | 975,144 |');
  });

  it('says when the last refresh failed, quoting the reason safely', () => {
    const state: GlanceState = { ...live, error: { message: 'HTTP 500 from <b>|evil|</b>', atMs: NOW_MS } };
    const md = snapshotMarkdown(snapshotInput(state, settings, 'x', NOW_MS));
    expect(md).toContain(
      '> **Not current: these figures were fetched 2026-11-25T09:44:40Z (2 min ago); HTTP 500 from \\<b\\>\\|evil\\|\\</b\\>.**',
    );
  });

  it('says when the data is hours old without a failure', () => {
    // 3 h after the fetch: beyond max(3 × 5 min, 15 min).
    const md = snapshotMarkdown(snapshotInput(live, settings, 'x', NOW_MS - 120_000 + 3 * 3600_000));
    expect(md).toContain('fetched 2026-11-25T09:44:40Z (3 h ago); the data has not been refreshed recently.**');
  });

  it('has no table before the first data, and says why', () => {
    const none: GlanceState = {
      snapshot: null,
      origin: 'none',
      error: { message: 'connection refused', atMs: NOW_MS },
      refreshing: false,
    };
    const md = snapshotMarkdown(snapshotInput(none, settings, 'my.node:3006', NOW_MS));
    expect(md).toBe(
      [
        '**Bitcoin mining snapshot**',
        '',
        '> **No mining data yet: connection refused. Nothing to show.**',
        '',
        'Source: my.node:3006 · nothing fetched yet · taken 2026-11-25T09:46:40Z by Mining Economics. Hash rate is inferred from block times, not measured.',
        '',
      ].join('\n'),
    );
    const loading = snapshotMarkdown(snapshotInput({ ...none, error: null }, settings, 'x', NOW_MS));
    expect(loading).toContain('> **No mining data yet: the first fetch has not finished. Nothing to show.**');
  });

  it('escapes markup in outside text but keeps dates and hosts readable', () => {
    expect(documentText('a|b *c* [d](e) `f` <g> 2026-11-25T09:44:40Z host.example:3006')).toBe(
      'a\\|b \\*c\\* \\[d\\](e) \\`f\\` \\<g\\> 2026-11-25T09:44:40Z host.example:3006',
    );
    expect(documentText('line\nbreak\u2028here')).toBe('line break here');
  });
});

describe('mining snapshot as CSV', () => {
  const header =
    'taken_utc,fetched_utc,age_s,source,status,height,hashrate_ehs,hashrate_trend_7d_percent,' +
    'hashprice_usd_per_ph_day,hashprice_sats_per_ph_day,btc_price_usd,difficulty,' +
    'difficulty_change_estimate_percent,retarget_estimate_utc,margin_usd_per_ph_day';

  it('writes a header with units and a row of plain numbers', () => {
    const csv = snapshotCsv(snapshotInput(live, settings, 'x', NOW_MS), null);
    const [head, row, end] = csv.split('\n');
    expect(head).toBe(header);
    expect(end).toBe('');
    const cells = row!.split(',');
    expect(cells.slice(0, 8)).toEqual([
      '2026-11-25T09:46:40Z',
      '2026-11-25T09:44:40Z',
      '120',
      'mempool.space',
      'live',
      '975144',
      '987.6',
      '-1.2',
    ]);
    // Ten significant digits of the independently computed values.
    expect(Number(cells[8])).toBeCloseTo(HASHPRICE_USD, 7);
    expect(cells[8]).toMatch(/^43\.622\d{5}$/);
    expect(Number(cells[9])).toBeCloseTo(HASHVALUE_BTC * 1e8, 5);
    expect(cells.slice(10, 14)).toEqual(['95000', '138000000000000', '-1.2345', '2026-11-28T13:46:40Z']);
    expect(Number(cells[14])).toBeCloseTo(MARGIN_USD, 7);
  });

  it('adds only the row when the file already starts with the same header', () => {
    const input = snapshotInput(live, settings, 'x', NOW_MS);
    const full = snapshotCsv(input, null);
    expect(snapshotCsv(input, `${header}\r`)).toBe(full.split('\n').slice(1).join('\n'));
    // Another currency's header is another table: header again.
    const eur = snapshotInput(live, { ...settings, currency: 'EUR' }, 'x', NOW_MS);
    expect(snapshotCsvHeader('EUR')).toContain('hashprice_eur_per_ph_day');
    expect(snapshotCsv(eur, header).split('\n')).toHaveLength(3);
  });

  it('puts the status in its own column and quotes it, leaving figure cells empty without data', () => {
    const stale: GlanceState = { ...live, error: { message: 'HTTP 500, "try later"', atMs: NOW_MS } };
    const row = snapshotCsv(snapshotInput(stale, settings, 'x', NOW_MS), header).trimEnd();
    expect(row.split(',').slice(0, 4).join(',')).toBe('2026-11-25T09:46:40Z,2026-11-25T09:44:40Z,120,mempool.space');
    expect(row).toContain(',"stale: HTTP 500, ""try later""",975144,');
    const none: SnapshotInput = {
      figures: null,
      currency: 'USD',
      sourceHost: '=cmd|x',
      fetchedAtMs: null,
      nowMs: NOW_MS,
      status: { kind: 'none', reason: null },
    };
    // A host that looks like a formula is neutralised; ten empty figure cells follow.
    expect(snapshotCsv(none, header)).toBe(`2026-11-25T09:46:40Z,,,'=cmd|x,no data${','.repeat(10)}\n`);
  });

  it('uses the figures the status bar uses', () => {
    const f = computeGlanceFigures(makeSnapshot(), 'USD', NOW_MS, settings.pnl);
    expect(snapshotInput(live, settings, 'x', NOW_MS).figures?.hashprice).toEqual(f.hashprice);
  });
});
