import { describe, expect, it } from 'vitest';
import { estimateDifficultyAdjustment } from '../../src/core/difficultyEstimate';

// The two vectors of mempool's own test (backend/src/__tests__/api/difficulty-adjustment.test.ts):
// our implementation must reproduce what mempool serves, field for field.
describe('estimateDifficultyAdjustment (mempool test vectors)', () => {
  it('vector 1: normal adjustment, 72 % into the epoch', () => {
    const r = estimateDifficultyAdjustment({
      epochStartS: 1_706_888_526, // 2024-02-02T15:42:06Z
      quarterEpochBlockS: 1_707_403_385, // 2024-02-08T14:43:05Z (ignored: past the first quarter)
      nowS: 1_707_691_381, // 2024-02-11T22:43:01Z
      tipHeight: 830_027,
      previousRetargetPercent: 7.333505241141637,
      tipTimeS: 0,
    });
    expect(r.progressPercent).toBeCloseTo(71.97420634920636, 12);
    expect(r.difficultyChangePercent).toBeCloseTo(8.512745140778843, 10);
    expect(r.estimatedRetargetMs).toBe(1_708_004_001_715);
    expect(r.remainingBlocks).toBe(565);
    expect(r.remainingTimeMs).toBe(312_620_715);
    expect(r.previousRetargetPercent).toBe(7.333505241141637);
    expect(r.previousRetargetS).toBe(1_706_888_526);
    expect(r.nextRetargetHeight).toBe(830_592);
    expect(r.timeAvgMs).toBe(553_311);
    expect(r.adjustedTimeAvgMs).toBe(553_311);
    expect(r.expectedBlocks).toBeCloseTo(1338.0916666666667, 10);
  });

  it('vector 2: within the first quarter, the sliding 504-block window', () => {
    const r = estimateDifficultyAdjustment({
      epochStartS: 1_660_820_820, // 2022-08-18T11:07:00Z
      quarterEpochBlockS: 1_660_619_814, // 2022-08-16T03:16:54Z
      nowS: 1_660_917_833, // 2022-08-19T14:03:53Z
      tipHeight: 750_134,
      previousRetargetPercent: 0.6280047707459726,
      tipTimeS: 0,
    });
    expect(r.progressPercent).toBeCloseTo(9.027777777777777, 12);
    expect(r.difficultyChangePercent).toBeCloseTo(1.0420538959004633, 10);
    expect(r.estimatedRetargetMs).toBe(1_662_009_048_328);
    expect(r.remainingBlocks).toBe(1834);
    expect(r.remainingTimeMs).toBe(1_091_215_328);
    expect(r.nextRetargetHeight).toBe(751_968);
    expect(r.timeAvgMs).toBe(533_038);
    expect(r.adjustedTimeAvgMs).toBe(594_992);
    expect(r.expectedBlocks).toBeCloseTo(161.68833333333333, 10);
  });
});

describe('estimateDifficultyAdjustment (edge cases)', () => {
  const base = { epochStartS: 1_700_000_000, quarterEpochBlockS: null, previousRetargetPercent: 0, tipTimeS: 0 };

  it('clamps to +300 % when blocks come absurdly fast', () => {
    // 1000 blocks in 1000 s → raw change (600 / (1000/1001) − 1) × 100 = +59,960 % → clamped.
    const r = estimateDifficultyAdjustment({ ...base, nowS: 1_700_001_000, tipHeight: 2016 * 400 + 1000 });
    expect(r.difficultyChangePercent).toBe(300);
  });

  it('clamps to −75 % when blocks stall', () => {
    // 600 blocks in 30 days: mean 4320 s → (600 / (2,592,000/601) − 1) × 100 = −86.1 % → −75 %.
    const r = estimateDifficultyAdjustment({ ...base, nowS: 1_700_000_000 + 30 * 86_400, tipHeight: 2016 * 400 + 600 });
    expect(r.difficultyChangePercent).toBe(-75);
  });

  it('at the first block of an epoch assumes 600 s and no change yet', () => {
    // n = 0: timeAvg defaults to 600 s; with no quarter-epoch time the change uses (n + 1) = 1 block over 300 s.
    const r = estimateDifficultyAdjustment({ ...base, nowS: 1_700_000_300, tipHeight: 2016 * 400 });
    expect(r.timeAvgMs).toBe(600_000);
    expect(r.remainingBlocks).toBe(2016);
    expect(r.progressPercent).toBe(0);
    expect(r.difficultyChangePercent).toBeCloseTo(100, 10); // 600 / 300 − 1
  });

  it("on the epoch's last block measures to that block, not to now", () => {
    // 2015 blocks mined in exactly 2015 × 600 s; now is an hour later. Timespan = tip time − start.
    const start = 1_700_000_000;
    const r = estimateDifficultyAdjustment({
      ...base,
      epochStartS: start,
      nowS: start + 2015 * 600 + 3600,
      tipHeight: 2016 * 400 + 2015,
      tipTimeS: start + 2015 * 600,
    });
    // (600 / (1,209,000 / 2016) − 1) × 100 = +0.0496 %
    expect(r.difficultyChangePercent).toBeCloseTo((600 / (1_209_000 / 2016) - 1) * 100, 10);
    expect(r.remainingBlocks).toBe(1);
  });
});
