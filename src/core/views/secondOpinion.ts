// A second opinion: the same three figures from two sources (the user's node and a mempool instance) and
// whether they agree beyond noise. A stuck source falls behind on the tip; a source on another chain or
// with a bug shows another difficulty within one epoch; a unit or window mix-up moves the hash rate by
// more than the estimates' own uncertainty. Rules (README, "A second opinion"):
//   tip:        |tip₁ − tip₂| > 2 blocks (two blocks can be in flight between two polls);
//   difficulty: same epoch (⌊tip/2016⌋ equal, so the same difficulty is in force; not when a tip ends its
//               epoch, where one source may already report the next epoch's) and a relative difference
//               above 1e-6 (both print Core's double; a rounding, not a real difference, stays below);
//   hash rate:  |Ĥ₁ − Ĥ₂| > √(u₁² + u₂²), uᵢ the half-width of each estimate's exact interval at the
//               confidence level (estimates/hashrate.ts: Ĥ·[G⁻¹(α/2; n), G⁻¹(1 − α/2; n)]/n).

import { BLOCKS_PER_EPOCH } from '../constants';
import { hashrateInterval } from '../estimates/hashrate';
import { formatHashrate, formatInteger } from '../format';
import { t } from '../l10n';

export const MAX_TIP_GAP_BLOCKS = 2;
export const DIFFICULTY_REL_TOLERANCE = 1e-6;

export interface SourceView {
  /** For sentences: "your node", "mempool.space". */
  readonly name: string;
  readonly tipHeight: number;
  /** Difficulty of the tip block (the one in force for the next block unless the tip ends an epoch). */
  readonly difficulty: number;
  /** getnetworkhashps over `hashrateBlocks` intervals ending at the tip (1008 ≈ 7 days). */
  readonly hashrateHps: number;
  readonly hashrateBlocks: number;
}

export type Disagreement =
  | { readonly kind: 'tip'; readonly behind: string; readonly ahead: string; readonly blocks: number }
  | { readonly kind: 'difficulty'; readonly a: number; readonly b: number }
  | { readonly kind: 'hashrate'; readonly a: number; readonly b: number; readonly combinedUncertaintyHps: number };

export interface SecondOpinion {
  readonly agree: boolean;
  readonly disagreements: readonly Disagreement[];
  /** |Ĥ₁ − Ĥ₂| and √(u₁² + u₂²), null when a hash rate is unusable (zero, not finite). */
  readonly hashrateGapHps: number | null;
  readonly combinedUncertaintyHps: number | null;
  /** One sentence for the hover. */
  readonly summary: string;
}

function halfWidth(view: SourceView, level: number): number | null {
  const interval = hashrateInterval({ hashrateHps: view.hashrateHps, blocks: view.hashrateBlocks, level });
  return interval.kind === 'interval' ? (interval.highHps - interval.lowHps) / 2 : null;
}

/** `a` is the configured source, `b` the second opinion; `level` the confidence level of the intervals. */
export function compareSources(a: SourceView, b: SourceView, level = 0.95): SecondOpinion {
  const disagreements: Disagreement[] = [];
  const gap = a.tipHeight - b.tipHeight;
  if (Math.abs(gap) > MAX_TIP_GAP_BLOCKS) {
    disagreements.push(
      gap > 0
        ? { kind: 'tip', behind: b.name, ahead: a.name, blocks: gap }
        : { kind: 'tip', behind: a.name, ahead: b.name, blocks: -gap },
    );
  }
  const endsEpoch = (tip: number): boolean => (tip + 1) % BLOCKS_PER_EPOCH === 0;
  const sameEpoch =
    Math.floor(a.tipHeight / BLOCKS_PER_EPOCH) === Math.floor(b.tipHeight / BLOCKS_PER_EPOCH) &&
    !endsEpoch(a.tipHeight) &&
    !endsEpoch(b.tipHeight);
  const scale = Math.max(Math.abs(a.difficulty), Math.abs(b.difficulty));
  if (sameEpoch && scale > 0 && Math.abs(a.difficulty - b.difficulty) / scale > DIFFICULTY_REL_TOLERANCE)
    disagreements.push({ kind: 'difficulty', a: a.difficulty, b: b.difficulty });

  const ua = halfWidth(a, level);
  const ub = halfWidth(b, level);
  let hashrateGapHps: number | null = null;
  let combined: number | null = null;
  if (ua !== null && ub !== null) {
    hashrateGapHps = Math.abs(a.hashrateHps - b.hashrateHps);
    combined = Math.hypot(ua, ub);
    if (hashrateGapHps > combined)
      disagreements.push({ kind: 'hashrate', a: a.hashrateHps, b: b.hashrateHps, combinedUncertaintyHps: combined });
  }
  const opinion = {
    agree: disagreements.length === 0,
    disagreements,
    hashrateGapHps,
    combinedUncertaintyHps: combined,
  };
  return { ...opinion, summary: summarize(a, b, opinion) };
}

function describe(d: Disagreement, a: SourceView, b: SourceView): string {
  switch (d.kind) {
    case 'tip':
      return t('{0} is {1} blocks behind {2}', d.behind, formatInteger(d.blocks), d.ahead);
    case 'difficulty':
      return t(
        'the difficulty differs within the same epoch ({0} {1}, {2} {3})',
        a.name,
        formatInteger(Math.round(d.a)),
        b.name,
        formatInteger(Math.round(d.b)),
      );
    case 'hashrate':
      return t(
        'the 7-day hash rates differ by more than their uncertainty ({0} {1}, {2} {3}; ±{4} expected)',
        a.name,
        formatHashrate(d.a),
        b.name,
        formatHashrate(d.b),
        formatHashrate(d.combinedUncertaintyHps),
      );
  }
}

function summarize(a: SourceView, b: SourceView, o: Omit<SecondOpinion, 'summary'>): string {
  if (!o.agree) return o.disagreements.map((d) => describe(d, a, b)).join('; ');
  const apart = Math.abs(a.tipHeight - b.tipHeight);
  const tips =
    apart === 0
      ? t('same tip (block {0})', formatInteger(a.tipHeight))
      : apart === 1
        ? t('tips 1 block apart')
        : t('tips {0} blocks apart', formatInteger(apart));
  return t('{0} agrees with {1}: {2}, difficulty and 7-day hash rate within noise', b.name, a.name, tips);
}

/** Block intervals behind both sources' 7-day figure (mempool's currentHashrate = getnetworkhashps(1008)). */
export const SECOND_OPINION_HASHRATE_BLOCKS = 1008;

/** The configured source's view, from the glance figures the status bar already has. */
export function viewFromFigures(
  name: string,
  figures: { readonly tipHeight: number; readonly difficulty: number; readonly hashrateHps: number },
): SourceView {
  return {
    name,
    tipHeight: figures.tipHeight,
    difficulty: figures.difficulty,
    hashrateHps: figures.hashrateHps,
    hashrateBlocks: SECOND_OPINION_HASHRATE_BLOCKS,
  };
}
