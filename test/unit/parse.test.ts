import { describe, expect, it } from 'vitest';
import {
  ParseError,
  parseBlockFees,
  parseBlockRewards,
  parseBlocks,
  parseDifficultyAdjustment,
  parseDifficultyAdjustments,
  parseHashrateHistory,
  parseHistoricalPrices,
  parsePrices,
  parseRewardStats,
  parseTipHeight,
  isSnapshotShape,
} from '../../src/core/parse';
import { makeSnapshot } from './helpers/snapshot';

// Shapes as mempool serves them today (see the reference README); values are our own.
const hashrate = () => ({
  hashrates: [
    { timestamp: 1_795_219_200, avgHashrate: 1.0021e21 },
    { timestamp: 1_795_305_600, avgHashrate: 9.87e20 },
  ],
  difficulty: [
    { time: 1_794_000_000, height: 973_728, difficulty: 1.412e14, adjustment: 1.0212 },
    { time: 1_795_200_000, height: 975_744, difficulty: 1.398e14, adjustment: 0.9901 },
  ],
  currentHashrate: 9.931e20,
  currentDifficulty: 1.398e14,
});

const adjustment = () => ({
  progressPercent: 20.33730158730159,
  difficultyChange: -1.23,
  estimatedRetargetDate: 1_796_000_000_123,
  remainingBlocks: 1606,
  remainingTime: 911_596_114,
  previousRetarget: -0.99,
  previousTime: 1_795_200_000,
  nextRetargetHeight: 977_760,
  timeAvg: 574_743,
  adjustedTimeAvg: 567_619,
  timeOffset: 0,
  expectedBlocks: 392.74,
});

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return (error as ParseError).message;
  }
  throw new Error('expected a ParseError');
}

describe('parseHashrateHistory', () => {
  it('reads the current shape with units in names', () => {
    const h = parseHashrateHistory(hashrate());
    expect(h.currentHashrateHps).toBe(9.931e20);
    expect(h.daily[1]).toEqual({ timeS: 1_795_305_600, hashrateHps: 9.87e20 });
    expect(h.difficulty[1]).toEqual({
      timeS: 1_795_200_000,
      height: 975_744,
      difficulty: 1.398e14,
      adjustmentRatio: 0.9901,
    });
  });
  it("accepts the docs' older `timestamp` key for difficulty records and 0 H/s days of early 2009", () => {
    const json = hashrate();
    json.hashrates.unshift({ timestamp: 1_231_027_200, avgHashrate: 0 });
    (json.difficulty as unknown[]) = [
      { time: 1_231_006_505, height: 0, difficulty: 1, adjustment: 0 }, // the genesis record as mempool sends it
      { timestamp: 1_652_468_330, difficulty: 31_251_101_365_711.12, height: 736_249 },
    ];
    const h = parseHashrateHistory(json);
    expect(h.daily[0]!.hashrateHps).toBe(0);
    expect(h.difficulty[0]!.adjustmentRatio).toBe(1);
    expect(h.difficulty[1]!.timeS).toBe(1_652_468_330);
    expect(h.difficulty[1]!.adjustmentRatio).toBe(1);
  });
  it('rejects malformed input with a reason naming the field', () => {
    expect(reason(() => parseHashrateHistory(null))).toMatch(/response should be an object, got null/);
    expect(reason(() => parseHashrateHistory({ ...hashrate(), hashrates: 'x' }))).toMatch(
      /hashrates should be an array/,
    );
    expect(reason(() => parseHashrateHistory({ ...hashrate(), currentHashrate: '9.9e20' }))).toMatch(
      /currentHashrate should be a finite number/,
    );
  });
  it('rejects absurd values', () => {
    expect(reason(() => parseHashrateHistory({ ...hashrate(), currentHashrate: -5 }))).toMatch(
      /currentHashrate = -5 is outside/,
    );
    // 0 is mempool's "my Bitcoin Core is unreachable": kept for fetchSnapshot to replace and explain.
    expect(parseHashrateHistory({ ...hashrate(), currentHashrate: 0 }).currentHashrateHps).toBe(0);
    expect(reason(() => parseHashrateHistory({ ...hashrate(), currentDifficulty: 1e30 }))).toMatch(/currentDifficulty/);
    const ms = hashrate();
    ms.hashrates[0]!.timestamp = 1_795_219_200_000; // milliseconds where seconds belong
    expect(reason(() => parseHashrateHistory(ms))).toMatch(/hashrates\[0\]\.timestamp/);
    const unordered = hashrate();
    unordered.difficulty.reverse();
    expect(reason(() => parseHashrateHistory(unordered))).toMatch(/not in ascending order/);
    const ratio = hashrate();
    ratio.difficulty[0]!.adjustment = 102.12; // a percent where a ratio belongs
    expect(reason(() => parseHashrateHistory(ratio))).toMatch(/adjustment = 102.12 is outside/);
    const zero = hashrate();
    zero.difficulty[1]!.adjustment = 0; // only the genesis record may say 0
    expect(reason(() => parseHashrateHistory(zero))).toMatch(/difficulty\[1\]\.adjustment = 0 is outside/);
  });
});

describe('parseDifficultyAdjustment', () => {
  it('keeps ms and s apart', () => {
    const a = parseDifficultyAdjustment(adjustment());
    expect(a.estimatedRetargetMs).toBe(1_796_000_000_123);
    expect(a.previousRetargetS).toBe(1_795_200_000);
    expect(a.remainingTimeMs).toBe(911_596_114);
    expect(a.difficultyChangePercent).toBe(-1.23);
  });
  it('tolerates older instances without previousTime / expectedBlocks / adjustedTimeAvg', () => {
    const old: Record<string, unknown> = adjustment();
    delete old.previousTime;
    delete old.expectedBlocks;
    delete old.adjustedTimeAvg;
    const a = parseDifficultyAdjustment(old);
    expect(a.previousRetargetS).toBeNull();
    expect(a.expectedBlocks).toBeNull();
    expect(a.adjustedTimeAvgMs).toBe(574_743);
  });
  it('rejects a retarget date in seconds (the stale docs example) instead of showing 1970', () => {
    expect(reason(() => parseDifficultyAdjustment({ ...adjustment(), estimatedRetargetDate: 1_627_762_478 }))).toMatch(
      /looks like seconds/,
    );
  });
  it('rejects impossible estimates', () => {
    expect(reason(() => parseDifficultyAdjustment({ ...adjustment(), difficultyChange: 500 }))).toMatch(
      /difficultyChange/,
    );
    expect(reason(() => parseDifficultyAdjustment({ ...adjustment(), remainingBlocks: 2017 }))).toMatch(
      /remainingBlocks/,
    );
    expect(reason(() => parseDifficultyAdjustment({ ...adjustment(), progressPercent: Number.NaN }))).toMatch(
      /progressPercent/,
    );
  });
});

describe('parseRewardStats', () => {
  it('reads the string totals', () => {
    expect(
      parseRewardStats({
        startBlock: 975_001,
        endBlock: 975_144,
        totalReward: '45360000000',
        totalFee: '360000000',
        totalTx: '512000',
      }),
    ).toEqual({
      startBlock: 975_001,
      endBlock: 975_144,
      totalRewardSats: 45_360_000_000,
      totalFeeSats: 360_000_000,
      totalTx: 512_000,
    });
  });
  it('rejects non-numeric strings, fees above rewards and reversed ranges', () => {
    const ok = { startBlock: 1, endBlock: 144, totalReward: '100', totalFee: '10', totalTx: '5' };
    expect(reason(() => parseRewardStats({ ...ok, totalFee: '1e5' }))).toMatch(
      /totalFee should be a whole number in a string/,
    );
    expect(reason(() => parseRewardStats({ ...ok, totalFee: '-10' }))).toMatch(/totalFee/);
    expect(reason(() => parseRewardStats({ ...ok, totalFee: '200' }))).toMatch(/exceeds totalReward/);
    expect(reason(() => parseRewardStats({ ...ok, startBlock: 200 }))).toMatch(/below startBlock/);
  });
});

describe('parsePrices', () => {
  it('drops currencies marked −1 (unavailable)', () => {
    const p = parsePrices({
      time: 1_795_300_000,
      USD: 95_000,
      EUR: -1,
      GBP: 74_000,
      CAD: 131_000,
      CHF: 84_000,
      AUD: 146_000,
      JPY: 14_250_000,
    });
    expect(p.perBtc.USD).toBe(95_000);
    expect(p.perBtc.EUR).toBeUndefined();
    expect(p.perBtc.JPY).toBe(14_250_000);
  });
  it('rejects absurd prices', () => {
    expect(reason(() => parsePrices({ time: 1_795_300_000, USD: -5 }))).toMatch(/USD = -5 is outside/);
    expect(reason(() => parsePrices({ time: 1_795_300_000, USD: 'a lot' }))).toMatch(/USD should be a finite number/);
  });
});

describe('parseTipHeight', () => {
  it('reads plain text', () => {
    expect(parseTipHeight('975144')).toBe(975_144);
    expect(parseTipHeight(' 975144\n')).toBe(975_144);
  });
  it('rejects JSON, HTML and negative numbers', () => {
    expect(reason(() => parseTipHeight('{"height":1}'))).toMatch(/plain text/);
    expect(reason(() => parseTipHeight('<html>'))).toMatch(/plain text/);
    expect(reason(() => parseTipHeight('-1'))).toMatch(/plain text/);
    expect(reason(() => parseTipHeight(''))).toMatch(/plain text/);
  });
});

describe('history series', () => {
  it('reads difficulty-adjustment tuples newest first and returns them oldest first', () => {
    const r = parseDifficultyAdjustments([
      [1_703_311_464, 822_528, 72_006_146_478_567.1, 1.06983],
      [1_702_180_644, 820_512, 67_305_906_902_031.39, 0.990408],
    ]);
    expect(r.map((d) => d.height)).toEqual([820_512, 822_528]);
    expect(r[1]!.adjustmentRatio).toBe(1.06983);
    expect(reason(() => parseDifficultyAdjustments([[1, 2]]))).toMatch(/should be \[time, height, difficulty, ratio\]/);
    // The whole history ends (newest first) with the genesis row, ratio 0: the start of the series, read as ×1.
    const all = parseDifficultyAdjustments([
      [1_703_311_464, 822_528, 72_006_146_478_567.1, 1.06983],
      [1_231_006_505, 0, 1, 0],
    ]);
    expect(all[0]).toEqual({ timeS: 1_231_006_505, height: 0, difficulty: 1, adjustmentRatio: 1 });
    expect(reason(() => parseDifficultyAdjustments([[1_703_311_464, 822_528, 7.2e13, 0]]))).toMatch(
      /ratio\) = 0 is outside/,
    );
  });
  it('reads rewards and fees with an optional USD price', () => {
    const rewards = parseBlockRewards([
      { avgHeight: 975_000, timestamp: 1_795_219_200, avgRewards: 315_000_000, USD: 95_000 },
      { avgHeight: 975_144, timestamp: 1_795_305_600, avgRewards: 314_000_000 },
    ]);
    expect(rewards[0]!.priceUsd).toBe(95_000);
    expect(rewards[1]!.priceUsd).toBeNull();
    const fees = parseBlockFees([{ avgHeight: 975_000, timestamp: 1_795_219_200, avgFees: 2_500_000, USD: -1 }]);
    expect(fees[0]!.priceUsd).toBeNull();
    expect(reason(() => parseBlockRewards([{ avgHeight: 1, timestamp: 1_795_219_200, avgRewards: -3 }]))).toMatch(
      /avgRewards/,
    );
  });
  it('reads historical prices for a currency and skips days without one', () => {
    const h = parseHistoricalPrices(
      {
        prices: [
          { time: 1_500_000_000, EUR: 1964, USD: 2254.9 },
          { time: 1_400_000_000, EUR: -1, USD: 500 },
        ],
        exchangeRates: {},
      },
      'EUR',
    );
    expect(h.points).toEqual([{ timeS: 1_500_000_000, price: 1964, priceUsd: 2254.9 }]);
  });
  it('reads blocks and escapes nothing here (the hover escapes), but caps pool names', () => {
    const b = parseBlocks([
      {
        height: 975_144,
        timestamp: 1_795_305_000,
        difficulty: 1.398e14,
        extras: { reward: 315_000_000, totalFees: 2_500_000, pool: { id: 1, name: 'x'.repeat(200), slug: 'x' } },
      },
      { height: 975_143, timestamp: 1_795_304_000, difficulty: 1.398e14 },
    ]);
    expect(b[0]!.poolName).toHaveLength(80);
    expect(b[1]!.rewardSats).toBeNull();
    expect(
      reason(() =>
        parseBlocks([
          { height: 5, timestamp: 1_795_305_000, difficulty: 1 },
          { height: 6, timestamp: 1_795_305_000, difficulty: 1 },
        ]),
      ),
    ).toMatch(/not descending/);
  });
});

describe('physical minimums', () => {
  // A tiny positive value passes "greater than 0" yet no network produces it, and it broke formatting
  // (toFixed with 203 decimals). Each is rejected with a reason naming the field and the floor.
  it('difficulty is at least 1, wherever it appears', () => {
    expect(reason(() => parseHashrateHistory({ ...hashrate(), currentDifficulty: 1e-200 }))).toMatch(
      /currentDifficulty = 1e-200 is below the minimum difficulty of 1/,
    );
    expect(reason(() => parseHashrateHistory({ ...hashrate(), currentDifficulty: 0.5 }))).toMatch(
      /currentDifficulty = 0.5 is below the minimum difficulty of 1/,
    );
    const records = hashrate();
    records.difficulty[0]!.difficulty = 1e-9;
    expect(reason(() => parseHashrateHistory(records))).toMatch(/difficulty\[0\]\.difficulty = 1e-9 is below/);
    expect(reason(() => parseDifficultyAdjustments([[1_703_311_464, 822_528, 0.25, 1.06983]]))).toMatch(
      /\[0\]\[2\] \(difficulty\) = 0.25 is below/,
    );
    expect(reason(() => parseBlocks([{ height: 5, timestamp: 1_795_305_000, difficulty: 1e-200 }]))).toMatch(
      /\[0\]\.difficulty = 1e-200 is below/,
    );
    // Exactly 1 (the genesis difficulty) is fine.
    expect(parseHashrateHistory({ ...hashrate(), currentDifficulty: 1 }).currentDifficulty).toBe(1);
  });

  it('hash rate is at least 1 H/s; a daily 0 (a day without blocks) stays allowed', () => {
    expect(reason(() => parseHashrateHistory({ ...hashrate(), currentHashrate: 1e-200 }))).toMatch(
      /currentHashrate = 1e-200 is below the minimum of 1 H\/s/,
    );
    const daily = hashrate();
    daily.hashrates[0]!.avgHashrate = 0.001;
    expect(reason(() => parseHashrateHistory(daily))).toMatch(
      /hashrates\[0\]\.avgHashrate = 0.001 is below the minimum of 1 H\/s/,
    );
    daily.hashrates[0]!.avgHashrate = 0;
    expect(parseHashrateHistory(daily).daily[0]!.hashrateHps).toBe(0);
    expect(reason(() => parseHashrateHistory({ ...hashrate(), currentHashrate: 1e25 }))).toMatch(
      /currentHashrate = 1e\+25 is outside/,
    );
  });

  it('a price is above 0.0001 and below 10⁹ (−1 and 0 still mean "unavailable")', () => {
    expect(reason(() => parsePrices({ time: 1_795_300_000, USD: 1e-200 }))).toMatch(
      /USD = 1e-200 is below the minimum price of 0.0001/,
    );
    expect(reason(() => parsePrices({ time: 1_795_300_000, USD: 1e9 }))).toMatch(
      /USD = 1000000000 is not below 1000000000/,
    );
    expect(reason(() => parsePrices({ time: 1_795_300_000, JPY: 5e9 }))).toMatch(/JPY = 5000000000 is outside/);
    expect(
      reason(() => parseBlockRewards([{ avgHeight: 1, timestamp: 1_795_219_200, avgRewards: 3, USD: 1e-9 }])),
    ).toMatch(/\[0\]\.USD = 1e-9 is below/);
    expect(parsePrices({ time: 1_795_300_000, USD: 0, EUR: -1, GBP: 0.0001 }).perBtc).toEqual({ GBP: 0.0001 });
  });

  it('heights are whole numbers in range and times plausible', () => {
    expect(
      reason(() =>
        parseRewardStats({ startBlock: 1.5, endBlock: 144, totalReward: '100', totalFee: '10', totalTx: '5' }),
      ),
    ).toMatch(/startBlock should be a whole number/);
    expect(
      reason(() =>
        parseRewardStats({ startBlock: 1, endBlock: 10_000_001, totalReward: '100', totalFee: '10', totalTx: '5' }),
      ),
    ).toMatch(/endBlock = 10000001 is outside/);
    expect(reason(() => parsePrices({ time: 1_000_000_000, USD: 95_000 }))).toMatch(/time = 1000000000 is outside/); // 2001: before Bitcoin
    expect(reason(() => parseDifficultyAdjustment({ ...adjustment(), previousTime: 5_000_000_000 }))).toMatch(
      /previousTime = 5000000000 is outside/,
    ); // 2128
  });
});

describe('isSnapshotShape', () => {
  it('accepts a snapshot and rejects other values, older schemas and damaged parts', () => {
    expect(isSnapshotShape(makeSnapshot())).toBe(true);
    expect(isSnapshotShape(JSON.parse(JSON.stringify(makeSnapshot())))).toBe(true);
    for (const bad of [
      null,
      undefined,
      'snapshot',
      42,
      [],
      { ...makeSnapshot(), schema: 2 },
      { ...makeSnapshot(), tipHeight: '975144' },
      { ...makeSnapshot(), latestBlocks: null },
      { ...makeSnapshot(), hashrate: {} },
    ]) {
      expect(isSnapshotShape(bad)).toBe(false);
    }
  });
});
