// The second opinion's rules, with hand-worked thresholds. The 95 % interval of a 1008-block estimate:
// Gamma(1008, 1) quantiles by Wilson–Hilferty, n·(1 − 1/(9n) ∓ 1.96/(3√n))³ = 946.7 and 1071.2, so the
// half-width is (1071.2 − 946.7)/2 = 62.23 blocks = 6.173 % of the estimate.
import { describe, expect, it } from 'vitest';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import { hoverMarkdown, type HoverContext } from '../../../src/core/views/hoverMarkdown';
import { compareSources, type SourceView } from '../../../src/core/views/secondOpinion';
import { NOW_MS, makeSnapshot } from '../helpers/snapshot';

const EH = 1e18;
const node = (over: Partial<SourceView> = {}): SourceView => ({
  name: 'your node',
  tipHeight: 926_005,
  difficulty: 133_869_853_540_305.4,
  hashrateHps: 600 * EH,
  hashrateBlocks: 1008,
  ...over,
});
const mempool = (over: Partial<SourceView> = {}): SourceView => ({ ...node(), name: 'mempool.space', ...over });

describe('compareSources', () => {
  it('agrees when both see the same chain', () => {
    const o = compareSources(node(), mempool());
    expect(o.agree).toBe(true);
    expect(o.disagreements).toEqual([]);
    expect(o.summary).toBe(
      'mempool.space agrees with your node: same tip (block 926,005), difficulty and 7-day hash rate within noise',
    );
  });

  it('flags tips more than 2 blocks apart, naming which source is behind', () => {
    expect(compareSources(node(), mempool({ tipHeight: 926_003 })).agree).toBe(true);
    const o = compareSources(node(), mempool({ tipHeight: 926_000 }));
    expect(o.agree).toBe(false);
    expect(o.summary).toBe('mempool.space is 5 blocks behind your node');
    expect(compareSources(node({ tipHeight: 925_990 }), mempool()).summary).toBe(
      'your node is 15 blocks behind mempool.space',
    );
    expect(compareSources(node(), mempool({ tipHeight: 926_003 })).summary).toMatch(/tips 2 blocks apart/);
  });

  it('flags another difficulty within one epoch, not across a retarget', () => {
    const d = node().difficulty;
    // 1e-5 relative: a real difference (another chain, a bug). 1e-9: rounding.
    const o = compareSources(node(), mempool({ difficulty: d * (1 + 1e-5) }));
    expect(o.disagreements.map((x) => x.kind)).toEqual(['difficulty']);
    expect(o.summary).toMatch(/^the difficulty differs within the same epoch \(your node 133,869,853,540,305/);
    expect(compareSources(node(), mempool({ difficulty: d * (1 + 1e-9) })).agree).toBe(true);
    // 927,358 and 927,359 are in epoch 459, but 927,359 ends it: a source may already give the next
    // epoch's difficulty there, so no rule applies.
    expect(
      compareSources(node({ tipHeight: 927_359, difficulty: d * 1.02 }), mempool({ tipHeight: 927_358 })).agree,
    ).toBe(true);
    expect(
      compareSources(node({ tipHeight: 927_357, difficulty: d * 1.02 }), mempool({ tipHeight: 927_358 })).agree,
    ).toBe(false);
    // 927,359 ends epoch 459; 927,360 (= 460·2016) starts epoch 460 at a new difficulty.
    expect(
      compareSources(node({ tipHeight: 927_360, difficulty: d * 1.02 }), mempool({ tipHeight: 927_359 })).agree,
    ).toBe(true);
  });

  it('flags hash rates further apart than the root sum of squares of their half-widths', () => {
    // 600 vs 650 EH/s: u = 37.04 and 40.13 EH/s, √(37.04² + 40.13²) = 54.6 EH/s > 50: within noise.
    const close = compareSources(node(), mempool({ hashrateHps: 650 * EH }));
    expect(close.agree).toBe(true);
    expect(close.hashrateGapHps).toBeCloseTo(50 * EH, -10);
    expect(close.combinedUncertaintyHps! / EH).toBeCloseTo(54.6, 0);
    // 600 vs 660 EH/s: u(660) = 40.74, √(37.04² + 40.74²) = 55.06 EH/s < 60: a disagreement.
    const far = compareSources(node(), mempool({ hashrateHps: 660 * EH }));
    expect(far.agree).toBe(false);
    expect(far.combinedUncertaintyHps! / EH).toBeCloseTo(55.06, 0);
    expect(far.summary).toMatch(/^the 7-day hash rates differ by more than their uncertainty \(your node 600/);
    // A shorter window is noisier: 144 blocks have u = 600·1.96/12 ≈ 98 EH/s, so 660 is within noise.
    expect(compareSources(node(), mempool({ hashrateHps: 660 * EH, hashrateBlocks: 144 })).agree).toBe(true);
  });

  it('skips the hash-rate rule when one figure is unusable, and lists every disagreement', () => {
    const zero = compareSources(node(), mempool({ hashrateHps: 0 }));
    expect(zero.hashrateGapHps).toBeNull();
    expect(zero.agree).toBe(true);
    const all = compareSources(node(), mempool({ tipHeight: 926_010, difficulty: 1, hashrateHps: 900 * EH }));
    // 926,010 and 926,005 share epoch 459, so the difficulty rule applies.
    expect(all.disagreements.map((x) => x.kind)).toEqual(['tip', 'difficulty', 'hashrate']);
    expect(all.summary.split('; ')[0]).toBe('your node is 5 blocks behind mempool.space');
  });
});

describe('hover with a second opinion', () => {
  const ctx = (over: Partial<HoverContext>): HoverContext => ({
    figures: computeGlanceFigures(makeSnapshot(), 'USD', NOW_MS),
    sourceHost: '127.0.0.1:8332',
    fetchedAtMs: NOW_MS - 60_000,
    nowMs: NOW_MS,
    error: null,
    fromCache: false,
    formatDate: (ms) => new Date(ms).toISOString().slice(0, 16),
    commands: { show: 's', refresh: 'r', showLog: 'l' },
    ...over,
  });

  it('leads with a disagreement and ends with an agreement', () => {
    const bad = hoverMarkdown(ctx({ secondOpinion: compareSources(node(), mempool({ tipHeight: 926_000 })) }));
    expect(bad.split('\n')[2]).toBe(
      '$(warning) **Second opinion disagrees** — Mempool\\.space is 5 blocks behind your node.',
    );
    const good = hoverMarkdown(ctx({ secondOpinion: compareSources(node(), mempool()) }));
    expect(good).toContain('$(pass) Second opinion: mempool\\.space agrees with your node');
    expect(good.indexOf('Second opinion')).toBeGreaterThan(good.indexOf('**Difficulty**'));
    expect(hoverMarkdown(ctx({}))).not.toContain('Second opinion');
  });
});
