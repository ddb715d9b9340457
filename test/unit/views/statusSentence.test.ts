import { describe, expect, it } from 'vitest';
import {
  spokenCount,
  spokenDuration,
  spokenHashrate,
  spokenMoney,
  spokenRelative,
  spokenSignedPercent,
  spokenTrend,
} from '../../../src/core/format';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import { statusSentence } from '../../../src/core/views/statusText';
import { NOW_MS, makeSnapshot } from '../helpers/snapshot';

describe('spoken figures', () => {
  it('spells out hash-rate units with four significant digits', () => {
    expect(spokenHashrate(991.8e18)).toBe('991.8 exahashes per second');
    expect(spokenHashrate(1.024e21)).toBe('1.024 zettahashes per second');
    expect(spokenHashrate(999.96e18)).toBe('1.000 zettahashes per second');
    expect(spokenHashrate(4.5e6)).toBe('4.500 megahashes per second');
    expect(spokenHashrate(12)).toBe('12.00 hashes per second');
    expect(spokenHashrate(Number.NaN)).toBe('not available');
    expect(spokenHashrate(null)).toBe('not available');
  });
  it('names the currency and says the sign as a word', () => {
    expect(spokenMoney(47.08, 'USD')).toBe('47.08 US dollars');
    expect(spokenMoney(-34.0524, 'USD')).toBe('minus 34.05 US dollars');
    expect(spokenMoney(95_000, 'EUR')).toBe('95,000 euros');
    expect(spokenMoney(0.0912, 'GBP')).toBe('0.0912 pounds sterling');
    expect(spokenMoney(6789.4, 'JPY')).toBe('6,789 Japanese yen');
    // Rounds to zero: no "minus 0.0000".
    expect(spokenMoney(-0.00001, 'CHF')).toBe('0.0000 Swiss francs');
    expect(spokenMoney(Number.POSITIVE_INFINITY, 'USD')).toBe('not available');
  });
  it('reads percents and trends as words', () => {
    expect(spokenSignedPercent(-1.2345)).toBe('minus 1.23 percent');
    expect(spokenSignedPercent(5.8)).toBe('plus 5.80 percent');
    expect(spokenSignedPercent(0.001)).toBe('0.00 percent');
    expect(spokenTrend(5.84)).toBe('up 5.8 percent over 7 days');
    expect(spokenTrend(-1.2)).toBe('down 1.2 percent over 7 days');
    expect(spokenTrend(0.04)).toBe('unchanged over 7 days');
    expect(spokenTrend(null)).toBe('');
  });
  it('reads large counts in words and durations with whole unit names', () => {
    expect(spokenCount(1.38e14)).toBe('138.0 trillion');
    expect(spokenCount(126.27e12)).toBe('126.3 trillion');
    expect(spokenCount(950)).toBe('950.0');
    expect(spokenDuration((3 * 86_400 + 4 * 3600) * 1000)).toBe('3 days 4 hours');
    expect(spokenDuration((86_400 + 3600) * 1000)).toBe('1 day 1 hour');
    expect(spokenDuration(61_000)).toBe('1 minute');
    expect(spokenRelative(NOW_MS + 2 * 3600_000, NOW_MS)).toBe('in 2 hours');
    expect(spokenRelative(NOW_MS - 45_000, NOW_MS)).toBe('45 seconds ago');
  });
});

describe('status item sentence (its accessible label)', () => {
  // The test snapshot (worked in glance.test.ts): 987.6 EH/s, trend 988/1000 − 1 = −1.2 %, hashprice
  // $43.6223/PH/day, hashvalue 45,918 sats/PH/day, D = 1.38e14, expected change −1.2345 %, BTC $95,000.
  const f = computeGlanceFigures(makeSnapshot(), 'USD', NOW_MS, {
    efficiencyJPerTh: 40,
    powerPricePerKwh: 0.08,
  });

  it('reads the default preset as one sentence with units spelled out', () => {
    expect(statusSentence(f, 'hashrateAndHashprice', '', NOW_MS)).toBe(
      'Bitcoin network hash rate 987.6 exahashes per second, down 1.2 percent over 7 days; ' +
        'hashprice 43.62 US dollars per petahash per second per day',
    );
  });
  it('reads each preset', () => {
    expect(statusSentence(f, 'hashrate', '', NOW_MS)).toBe(
      'Bitcoin network hash rate 987.6 exahashes per second, down 1.2 percent over 7 days',
    );
    expect(statusSentence(f, 'hashpriceFiat', '', NOW_MS)).toBe(
      'Bitcoin hashprice 43.62 US dollars per petahash per second per day',
    );
    expect(statusSentence(f, 'hashpriceSats', '', NOW_MS)).toBe(
      'Bitcoin hashvalue 45,918 satoshis per petahash per second per day',
    );
    // 40 J/TH × 24 h × $0.08/kWh = $76.80/PH/day cost vs 43.6223 × 0.98 = $42.75 revenue → −$34.05.
    expect(statusSentence(f, 'margin', '', NOW_MS)).toBe(
      'Your Bitcoin mining margin minus 34.05 US dollars per petahash per second per day',
    );
  });
  it('reads a custom template with spoken values and without its icons', () => {
    expect(
      statusSentence(
        f,
        'custom',
        '$(pulse) Block {height}, difficulty {difficulty} {diffChange} {retargetIn}, BTC {price}',
        NOW_MS,
      ),
    ).toBe('Block 975,144, difficulty 138.0 trillion minus 1.23 percent in 3 days 4 hours, BTC 95,000 US dollars');
  });
  it('leaves the trend out when there is no history, and says when the price is missing', () => {
    const bare = computeGlanceFigures(
      makeSnapshot({ hashrate: { ...makeSnapshot().hashrate, daily: [] }, prices: { timeS: 1, perBtc: {} } }),
      'USD',
      NOW_MS,
    );
    expect(statusSentence(bare, 'hashrateAndHashprice', '', NOW_MS)).toBe(
      'Bitcoin network hash rate 987.6 exahashes per second; hashprice not available',
    );
  });
});
