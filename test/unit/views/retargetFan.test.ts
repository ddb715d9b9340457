import { describe, expect, it } from 'vitest';
import type { KeyFigures } from '../../../src/core/views/keyFigures';
import { retargetFan } from '../../../src/core/views/retargetFan';

const DAY = 86_400;
const TODAY = 1_795_564_800;

// Only the fields the fan reads matter; the rest are plausible values.
const figures = {
  currency: 'USD',
  confidenceLevel: 0.9,
  difficulty: 1.5e14,
  difficultyChangeLowPercent: -4,
  difficultyChangeMedianPercent: 1,
  difficultyChangeHighPercent: 6,
  retargetLowMs: (TODAY + 4 * DAY) * 1000,
  retargetMedianMs: (TODAY + 5 * DAY) * 1000,
  retargetHighMs: (TODAY + 6.5 * DAY) * 1000,
} as unknown as KeyFigures;

describe('retargetFan', () => {
  it("runs from the current difficulty to the next one's interval, as implied hash rate D·2³²/600", () => {
    const fan = retargetFan(figures, TODAY)!;
    // 1.5e14 × 4,294,967,296 / 600 = 1.073741824e21 H/s; × 0.96, 1.01, 1.06.
    expect(fan.fromHps).toBeCloseTo(1.073741824e21, -9);
    expect(fan.lowHps).toBeCloseTo(1.03079215104e21, -9);
    expect(fan.medianHps).toBeCloseTo(1.08447924224e21, -9);
    expect(fan.highHps).toBeCloseTo(1.13816633344e21, -9);
    expect([fan.fromS, fan.earliestS, fan.atS, fan.latestS]).toEqual([
      TODAY,
      TODAY + 4 * DAY,
      TODAY + 5 * DAY,
      TODAY + 6.5 * DAY,
    ]);
    expect(fan.level).toBe(0.9);
  });

  it('never starts the date interval before the fan', () => {
    expect(retargetFan({ ...figures, retargetLowMs: (TODAY - DAY) * 1000 }, TODAY)!.earliestS).toBe(TODAY);
  });

  it('is null without an interval, or when the median date is not ahead of the chart', () => {
    expect(retargetFan({ ...figures, difficultyChangeMedianPercent: null }, TODAY)).toBeNull();
    expect(retargetFan({ ...figures, retargetHighMs: null }, TODAY)).toBeNull();
    expect(retargetFan(figures, TODAY + 5 * DAY)).toBeNull();
    expect(retargetFan({ ...figures, difficulty: 0 }, TODAY)).toBeNull();
  });
});
