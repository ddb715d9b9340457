// The intervals as the user sees them: hover rows and status-bar placeholders at "the 992.3 EH/s moment".
//
// Reference values were computed independently of src/ with scipy 1.17.1 (and, where marked, mpmath 1.3.0
// at 50 digits, as in test/unit/estimates/):
//   hash rate 95 %: 992.3 EH/s × G⁻¹(0.025; 1008)/1008 = 931.98, × G⁻¹(0.975; 1008)/1008 = 1054.48 EH/s (mpmath)
//   hash rate 80 %: 952.46 … 1032.56 EH/s (mpmath); P(true < 1 ZH/s) = P(1008, 1008·1000/992.3) = 0.6011 (mpmath)
//   P(true < 950 EH/s) = P(1008, 1008·950/992.3) = 0.0865 (mpmath)
//   trend 992.3/960 = +3.36 % with F(2016, 2016) quantiles: 95 % −5.28 … +12.80 %, 80 % −2.37 … +9.44 %
//   trend 1000/900 = +11.1 %: 95 % +1.82 … +21.25 % (does not contain 0)
// Epoch: mempool's test vector 1 (height 830,027, 1451 blocks in), epoch start 1,706,888,526 s, now
// 1,707,691,381 s (2024-02-11 22:43:01 UTC), exposure t = 802,855 s:
//   change 95 %: 1,209,600 / (t·(1 + BetaPrime(564, 1451) quantile)) − 1 at 0.975 / 0.025 → +5.51 % … +11.41 % (mpmath)
//   change 80 %: at 0.9 / 0.1 → +6.55 % … +10.42 %
//   retarget 95 %: now + t·BetaPrime(565, 1451) at 0.025 / 0.975 → 2024-02-15 05:25:37 … 22:19:23 UTC (mpmath)
//   retarget 80 %: at 0.1 / 0.9 → 2024-02-15 08:09:15 … 19:11:41 UTC
// Halving 840,000: 9,973 blocks to go, rate from 1008 blocks over t = 1008 × 600 s (the difficulty below
// makes 992.3 EH/s exactly 600 s a block): now + t·BetaPrime(9973, 1008)
//   95 %: ×9.28118 … ×10.56529 → 2024-04-16 21:57:20 … 2024-04-25 21:41:10 UTC
//   80 %: ×9.48861 … ×10.32758 → 2024-04-18 08:48:09 … 2024-04-24 05:45:00 UTC
import { describe, expect, it } from 'vitest';
import type { NetworkSnapshot } from '../../../src/core/model';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { glanceEstimateOptions } from '../../../src/core/views/glanceEstimates';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import { hoverMarkdown } from '../../../src/core/views/hoverMarkdown';
import { statusText } from '../../../src/core/views/statusText';
import { hoverContext, makeSnapshot } from '../helpers/snapshot';

const EH = 1e18;
const EPOCH_START_S = 1_706_888_526;
const NOW_S = 1_707_691_381;
const NOW_MS = NOW_S * 1000;
const DAY_S = 86_400;
/** 600 s a block at 992.3 EH/s: D·2³²/600 = 992.3 EH/s. */
const DIFFICULTY = (600 * 992.3 * EH) / 2 ** 32;

function moment(
  overrides: Partial<NetworkSnapshot> = {},
  dailyEhs: readonly [number, number] = [960, 992.3],
): NetworkSnapshot {
  const base = makeSnapshot();
  // 14 UTC days ending the day before NOW: 7 at the first value, then 7 at the second.
  const firstDayS = Math.floor(NOW_S / DAY_S) * DAY_S - 14 * DAY_S;
  const daily = Array.from({ length: 14 }, (_, i) => ({
    timeS: firstDayS + i * DAY_S,
    hashrateHps: (i < 7 ? dailyEhs[0] : dailyEhs[1]) * EH,
  }));
  return makeSnapshot({
    fetchedAtMs: NOW_MS,
    tipHeight: 830_027,
    hashrate: { daily, difficulty: [], currentHashrateHps: 992.3 * EH, currentDifficulty: DIFFICULTY },
    adjustment: {
      ...base.adjustment,
      progressPercent: (1451 / 2016) * 100,
      difficultyChangePercent: 8.51,
      estimatedRetargetMs: Date.UTC(2024, 1, 15, 13, 0),
      remainingBlocks: 565,
      previousRetargetS: EPOCH_START_S,
      nextRetargetHeight: 830_592,
    },
    latestBlocks: [
      {
        height: 830_027,
        timeS: NOW_S - 200,
        difficulty: DIFFICULTY,
        rewardSats: null,
        totalFeesSats: null,
        poolName: null,
      },
    ],
    ...overrides,
  });
}

const isoMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const hover = (snapshot: NetworkSnapshot, level?: number, thresholdHps?: number): string =>
  hoverMarkdown(
    hoverContext(computeGlanceFigures(snapshot, 'USD', NOW_MS, {}, { confidenceLevel: level, thresholdHps }), {
      nowMs: NOW_MS,
      formatDate: isoMinute,
    }),
  );

describe('hover intervals at the 992.3 EH/s moment', () => {
  const md = hover(moment());

  it('shows the hash rate with its interval in its own unit, and how likely it is under 1 ZH/s', () => {
    // 931.98 → 932, 1054.48 → 1,054: whole EH/s, one digit fewer than the point's 992.3.
    expect(md).toContain('| Hash rate (7-day estimate) | **992.3 EH/s** (95%: 932–1,054 EH/s) |');
    // 60.1 % → "60% likely": not "just under 1 ZH/s".
    expect(md).toContain('| Under 1 ZH/s | 60% likely |');
  });

  it('labels a 7-day trend inside its noise, and gives the interval of one outside it', () => {
    expect(md).toContain('| 7-day trend | ↑3.4% vs previous 7 days (within noise) |');
    const significant = hover(moment({}, [900, 1000]));
    expect(significant).toContain('| 7-day trend | ↑11.1% vs previous 7 days (95%: +1.8% … +21.3%) |');
  });

  it("gives mempool's estimated change with our interval, and the retarget date's range", () => {
    expect(md).toContain('| Estimated change | **+8.51%** (95%: +5.5% … +11.4%) |');
    expect(md).toContain('at block 830,592 · 95%: 2024-02-15 05:25 – 2024-02-15 22:19 |');
  });

  it("gives the halving's range, saying what it assumes", () => {
    // The point stays economics' nextHalving: 565 blocks × 588 s + 9,408 × 600 s after now → 2024-04-21 03:00:01.
    expect(md).toContain('≈ 2024-04-21 03:00 (in 69 d 4 h)');
    expect(md).toContain(
      "· 95%: 2024-04-16 21:57 – 2024-04-25 21:41 if today's block rate holds · subsidy then 3.125 BTC |",
    );
    expect(md).toContain('Ranges are 95% intervals: hash rate is inferred from random block times, never measured.');
  });

  it('keeps both tables with their headers', () => {
    expect(md.match(/^\| Figure \| Value \|\n\|:--\|:--\|$/gm)).toHaveLength(2);
  });

  it('uses the confidence level setting everywhere (0.80)', () => {
    const md80 = hover(moment(), 0.8);
    expect(md80).toContain('**992.3 EH/s** (80%: 952–1,033 EH/s)');
    expect(md80).toContain('| Under 1 ZH/s | 60% likely |'); // a probability, not an interval: level-free
    expect(md80).toContain('↑3.4% vs previous 7 days (within noise)'); // 80 %: −2.4 … +9.4 %
    expect(md80).toContain('**+8.51%** (80%: +6.6% … +10.4%)');
    expect(md80).toContain('at block 830,592 · 80%: 2024-02-15 08:09 – 2024-02-15 19:11 |');
    expect(md80).toContain("80%: 2024-04-18 08:48 – 2024-04-24 05:45 if today's block rate holds");
    expect(md80).not.toContain('95%');
  });

  it("words P(below) with the user's alert threshold", () => {
    expect(hover(moment(), undefined, 950 * EH)).toContain('| Under 950 EH/s | 9% likely |'); // 0.0865
    const options = glanceEstimateOptions({
      ...DEFAULT_SETTINGS,
      confidenceLevel: 0.8,
      alerts: { ...DEFAULT_SETTINGS.alerts, hashrateThresholdHps: 950 * EH },
    });
    expect(options).toEqual({ confidenceLevel: 0.8, thresholdHps: 950 * EH });
  });
});

describe('hover intervals: locked in, no information, missing data', () => {
  it("shows the exact change once the epoch's last block is mined", () => {
    // Tip 808,415 = 2016·401 − 1; S = 2015 × 590 s → 1,209,600 / 1,188,850 − 1 = +1.7454 %, whatever mempool says.
    const startS = 1_700_000_000;
    const tipS = startS + 2015 * 590;
    const snapshot = moment({
      tipHeight: 808_415,
      adjustment: {
        ...moment().adjustment,
        difficultyChangePercent: 1.9,
        previousRetargetS: startS,
        nextRetargetHeight: 808_416,
        remainingBlocks: 1,
      },
      latestBlocks: [
        { height: 808_415, timeS: tipS, difficulty: DIFFICULTY, rewardSats: null, totalFeesSats: null, poolName: null },
      ],
    });
    const md = hoverMarkdown(
      hoverContext(computeGlanceFigures(snapshot, 'USD', (tipS + 100) * 1000), {
        nowMs: (tipS + 100) * 1000,
        formatDate: isoMinute,
      }),
    );
    expect(md).toContain("| Estimated change | **+1.75%** (locked in: the epoch's last block is mined) |");
    expect(md).not.toContain('+1.90%');
  });

  it("has no change interval on the epoch's first block (nothing mined at the new difficulty yet)", () => {
    const snapshot = moment({
      tipHeight: 830_592,
      adjustment: { ...moment().adjustment, previousRetargetS: NOW_S - 300, nextRetargetHeight: 832_608 },
      latestBlocks: [
        {
          height: 830_592,
          timeS: NOW_S - 300,
          difficulty: DIFFICULTY,
          rewardSats: null,
          totalFeesSats: null,
          poolName: null,
        },
      ],
    });
    const md = hover(snapshot);
    expect(md).toContain('| Estimated change | **+8.51%** |');
    expect(md).toMatch(/at block 832,608 \|/);
  });

  it('says nothing it cannot back when the tip block or the epoch start is missing', () => {
    const noTip = hover(moment({ latestBlocks: [] }));
    expect(noTip).toContain('| Estimated change | **+8.51%** |');
    expect(noTip).toMatch(/at block 830,592 \|/);
    // The adjustment response is about another epoch and no difficulty record names this one's start.
    const otherEpoch = hover(moment({ adjustment: { ...moment().adjustment, nextRetargetHeight: 828_576 } }));
    expect(otherEpoch).toContain('| Estimated change | **+8.51%** |');
    // …but the difficulty record of the epoch's first block (830,027 − 1451 = 828,576) is as good.
    const fromRecord = hover(
      moment({
        adjustment: { ...moment().adjustment, previousRetargetS: null },
        hashrate: {
          ...moment().hashrate,
          difficulty: [{ timeS: EPOCH_START_S, height: 828_576, difficulty: DIFFICULTY, adjustmentRatio: 1.0 }],
        },
      }),
    );
    expect(fromRecord).toContain('(95%: +5.5% … +11.4%)');
    // Without daily history: no trend row; the hash rate's own interval still stands.
    const noHistory = hover(moment({ hashrate: { ...moment().hashrate, daily: [] } }));
    expect(noHistory).not.toContain('7-day trend');
    expect(noHistory).toContain('(95%: 932–1,054 EH/s)');
    // A hash rate of 0 (nothing to infer from): no interval, no probability, no halving range, no NaN.
    const zero = hover(moment({ hashrate: { ...moment().hashrate, currentHashrateHps: 0 } }));
    expect(zero).not.toMatch(/Under|likely|NaN|Infinity|if today's block rate holds|Ranges are/);
  });
});

describe('status bar bound placeholders', () => {
  const FIGURE_SPACE = '\u2007';
  it('renders {hashrateLow} {hashrateHigh} {probBelow}; presets are unchanged', () => {
    const f = computeGlanceFigures(moment(), 'USD', NOW_MS);
    // Each bound with its own best unit, like {hashrate}: 931.98 EH/s, 1.05448 ZH/s.
    expect(statusText(f, 'custom', '{hashrate} ({hashrateLow}–{hashrateHigh}) P<1ZH {probBelow}', false, NOW_MS)).toBe(
      '992.3 EH/s (932.0 EH/s–1.054 ZH/s) P<1ZH 60%',
    );
    expect(statusText(f, 'hashrate', '', false, NOW_MS)).toBe('$(pulse) 992.3 EH/s ↑3.4%');
    const f80 = computeGlanceFigures(moment(), 'USD', NOW_MS, {}, { confidenceLevel: 0.8 });
    expect(statusText(f80, 'custom', '{hashrateLow} {hashrateHigh}', false, NOW_MS)).toBe('952.5 EH/s 1.033 ZH/s');
  });
  it('pads them in fixed-width mode and shows a dash without data', () => {
    const f = computeGlanceFigures(moment(), 'USD', NOW_MS);
    expect(statusText(f, 'custom', '{hashrateLow}|{probBelow}', true, NOW_MS)).toBe(`932.0 EH/s|${FIGURE_SPACE}60%`);
    const none = computeGlanceFigures(
      moment({ hashrate: { ...moment().hashrate, currentHashrateHps: Number.NaN } }),
      'USD',
      NOW_MS,
    );
    expect(statusText(none, 'custom', '{hashrateLow} {hashrateHigh} {probBelow}', false, NOW_MS)).toBe('— — —');
  });
});
