import { describe, expect, it } from 'vitest';
import {
  epochProgress,
  hashpriceBreakdown,
  hashpricePerPhDay,
  hashrateTrendPercent,
  hashvalueBtcPerPhDay,
  impliedHashrateHps,
  meanFeesPerBlockSats,
  nextHalving,
  subsidySats,
} from '../../src/core/economics';
import { movingAverage } from '../../src/core/movingAverage';
import type { DailyHashrate, RewardStats } from '../../src/core/model';

describe('subsidySats', () => {
  it('halves every 210,000 blocks by integer shift', () => {
    expect(subsidySats(0)).toBe(5_000_000_000);
    expect(subsidySats(209_999)).toBe(5_000_000_000);
    expect(subsidySats(210_000)).toBe(2_500_000_000);
    expect(subsidySats(839_999)).toBe(625_000_000); // 6.25 BTC until the 4th halving
    expect(subsidySats(840_000)).toBe(312_500_000); // 3.125 BTC
    expect(subsidySats(1_050_000)).toBe(156_250_000); // 1.5625 BTC
  });
  it('truncates like Core: 50 BTC >> 33 is 0 sats (the 33rd halving empties it)', () => {
    // 5e9 >> 32 = 1 sat, >> 33 = 0
    expect(subsidySats(32 * 210_000)).toBe(1);
    expect(subsidySats(33 * 210_000)).toBe(0);
    expect(subsidySats(64 * 210_000)).toBe(0);
  });
});

describe('hashvalue and hashprice', () => {
  // Hand-worked (reference README): D = 8.3127e13, reward 6.25 + 0.136 = 6.386 BTC, $69,880.
  // Blocks per PH/s per day = 86 400 × 10¹⁵ / (8.3127e13 × 2³²) = 8.64e19 / 3.570264e23 = 2.41998e-4
  // hashvalue = 6.386 × 2.41998e-4 = 0.0015454 BTC; hashprice = 0.0015454 × 69,880 = $107.99 ≈ $108/PH/day.
  const rewardSats = 638_600_000;
  it('matches the hand-worked reference example', () => {
    expect(hashvalueBtcPerPhDay(rewardSats, 8.3127e13)).toBeCloseTo(0.0015454, 6);
    expect(hashpricePerPhDay(rewardSats, 8.3127e13, 69_880)).toBeCloseTo(107.99, 2);
  });
  it('is inversely proportional to difficulty and proportional to reward', () => {
    // Doubling D halves hashprice: $107.99 → $54.00.
    expect(hashpricePerPhDay(rewardSats, 2 * 8.3127e13, 69_880)).toBeCloseTo(53.996, 2);
    expect(hashpricePerPhDay(2 * rewardSats, 8.3127e13, 69_880)).toBeCloseTo(215.985, 2);
  });
  it('equals the hash-rate form 144 × reward × price / H when H = D·2³²/600', () => {
    const hPhs = impliedHashrateHps(8.3127e13) / 1e15; // 595,046 PH/s
    expect(hPhs).toBeCloseTo(595_046.24, 1);
    expect((144 * 6.386 * 69_880) / hPhs).toBeCloseTo(107.99, 2);
  });
});

describe('impliedHashrateHps', () => {
  it('is D·2³²/600 by default', () => {
    // 1.234e14 × 4,294,967,296 / 600 = 8.8333e20 H/s = 883.3 EH/s
    expect(impliedHashrateHps(1.234e14)).toBeCloseTo(8.833316e20, -15);
    // Observed 9 min 48 s blocks (588 s) imply proportionally more hash rate.
    expect(impliedHashrateHps(1.234e14, 588)).toBeCloseTo(8.833316e20 * (600 / 588), -15);
  });
});

describe('hashpriceBreakdown', () => {
  const stats: RewardStats = {
    startBlock: 975_001,
    endBlock: 975_144,
    totalRewardSats: 144 * 315_000_000,
    totalFeeSats: 144 * 2_500_000,
    totalTx: 500_000,
  };
  it('splits subsidy and fees for the next block and prices it', () => {
    // Tip 975,144 → next block 975,145 earns 3.125 BTC; fees 0.025 BTC/block → reward 3.15 BTC.
    // D = 1.38e14: blocks/PH/day = 8.64e19/(1.38e14 × 2³²) = 1.457722e-4; hashvalue = 4.591825e-4 BTC = 45,918.3 sats.
    // At $95,000: 4.591825e-4 × 95,000 = $43.62/PH/day. Fee share = 0.025 / 3.15 = 0.79 %.
    const b = hashpriceBreakdown(975_144, stats, 1.38e14, 95_000);
    expect(meanFeesPerBlockSats(stats)).toBe(2_500_000);
    expect(b.subsidySats).toBe(312_500_000);
    expect(b.rewardPerBlockSats).toBe(315_000_000);
    expect(b.feeShare).toBeCloseTo(0.0079365, 6);
    expect(b.hashvalueSatsPerPhDay).toBeCloseTo(45_918.25, 1);
    expect(b.hashpricePerPhDay).toBeCloseTo(43.6223, 3);
  });
  it('uses the subsidy of the next block, so the halving block counts at the new subsidy', () => {
    expect(hashpriceBreakdown(1_049_999, stats, 1.38e14, 95_000).subsidySats).toBe(156_250_000);
  });
  it('has no fiat hashprice without a price', () => {
    expect(hashpriceBreakdown(975_144, stats, 1.38e14, null).hashpricePerPhDay).toBeNull();
  });
});

describe('nextHalving', () => {
  it('finds the next multiple of 210,000 and estimates its date', () => {
    // Tip 975,000: halving at 1,050,000, 75,000 blocks left. 500 blocks at 590 s (rest of the epoch),
    // then 74,500 at 600 s: 295,000 s + 44,700,000 s = 44,995,000 s after now.
    const h = nextHalving(975_000, 1_000_000_000_000, 500, 590_000);
    expect(h.height).toBe(1_050_000);
    expect(h.blocksLeft).toBe(75_000);
    expect(h.subsidyAfterSats).toBe(156_250_000);
    expect(h.estimatedMs).toBe(1_000_000_000_000 + 44_995_000_000);
  });
  it('on a halving block points at the following one', () => {
    expect(nextHalving(840_000, 0, 2016, 600_000).height).toBe(1_050_000);
  });
});

describe('hash-rate trend', () => {
  const day = 86_400;
  const series = (values: number[]): DailyHashrate[] =>
    values.map((v, i) => ({ timeS: 1_700_000_000 + i * day, hashrateHps: v * 1e18 }));
  it('compares the last 7-day mean with the 7-day mean ending 7 days earlier', () => {
    // Days 0-6 average 1000 EH/s, days 7-13 average 988 EH/s → 988/1000 − 1 = −1.2 %.
    const s = series([1000, 1000, 1000, 1000, 1000, 1000, 1000, 988, 988, 988, 988, 988, 988, 988]);
    expect(
      movingAverage(
        s.map((d) => d.hashrateHps),
        7,
        7,
      )[13],
    ).toBeCloseTo(988e18, -10);
    expect(hashrateTrendPercent(s)).toBeCloseTo(-1.2, 10);
  });
  it('finds the earlier window by time, so a missing day does not shift it', () => {
    const full = series([990, 995, 1000, 1005, 1010, 1015, 1020, 980, 981, 982, 983, 984, 985, 986]);
    const gappy = full.filter((_, i) => i !== 3); // day 3 missing
    // Earlier window still ends at day 6; it now holds days 0-2,4-6 plus nothing before: only 6 points → null.
    expect(hashrateTrendPercent(gappy)).toBeNull();
    // With one more day before, the window (days −1..6 minus day 3) has 7 points.
    const withEarlier = [{ timeS: full[0]!.timeS - day, hashrateHps: 985e18 }, ...gappy];
    // mean(985,990,995,1000,1010,1015,1020) = 1002.142857; mean(980..986) = 983 → −1.9102 %
    expect(hashrateTrendPercent(withEarlier)).toBeCloseTo((983 / 1002.142857142857 - 1) * 100, 8);
  });
  it('is null without two full windows', () => {
    expect(hashrateTrendPercent(series([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]))).toBeNull();
    expect(hashrateTrendPercent([])).toBeNull();
  });
});

describe('epochProgress', () => {
  it('counts the epoch from the tip height alone: tip mod 2016 mined, the rest to go', () => {
    // 975,144 = 483 × 2016 + 1,416: 1,416 mined (70.238 %), 600 to go, the retarget at 975,744 = 484 × 2016.
    expect(epochProgress(975_144)).toEqual({
      blocksMined: 1416,
      blocksToGo: 600,
      progressPercent: (1416 / 2016) * 100,
      nextRetargetHeight: 975_744,
    });
    // The retarget block itself starts the next epoch: nothing of it mined yet, all 2,016 to go.
    expect(epochProgress(975_744)).toEqual({
      blocksMined: 0,
      blocksToGo: 2016,
      progressPercent: 0,
      nextRetargetHeight: 977_760,
    });
    expect(epochProgress(977_759)).toMatchObject({ blocksMined: 2015, blocksToGo: 1 });
  });
});
