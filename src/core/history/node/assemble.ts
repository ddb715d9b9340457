// The node's samples → the panel's HistoryDataset, through the same UTC-day binning as mempool's series
// (align.ts's buildHistoryDataset), so every chart, band and export works unchanged. What the node could not
// give stays null and is said in the dataset's notes: a pruned node's old fees, a cancelled or failed fill.

import { SECONDS_PER_DAY } from '../../constants';
import { subsidySats } from '../../economics';
import { formatInteger, isoDay } from '../../format';
import type { BlockFeesPoint, BlockRewardsPoint, Currency, DailyHashrate, DifficultyRecord } from '../../model';
import { buildHistoryDataset, type PricePoint } from '../align';
import type { HistoryDataset } from '../types';
import type { FillResult } from './fill';
import { FEE_MAX_DAYS, type NodeHistoryPlan } from './plan';
import type { FeeSample, HeightSample, NodeHistoryStore } from './store';
import { t } from '../../l10n';

export interface NodeDatasetMeta {
  readonly currency: Currency;
  readonly sourceHost: string;
  readonly fetchedAtMs: number;
  /** Prices in the dataset's currency (mempool's history); null when there are none. */
  readonly prices: readonly PricePoint[] | null;
  /** Why there are no prices, when `prices` is null. */
  readonly pricesMissing?: string;
  /** The fill so far (null: nothing fetched yet, e.g. drawing from the disk cache alone). */
  readonly fill: FillResult | null;
  /** While a fill runs: its progress, said in the notes. */
  readonly progress?: { readonly done: number; readonly total: number } | null;
}

function pick<T extends { height: number }>(heights: readonly number[], ...maps: ReadonlyMap<number, T>[]): T[] {
  const out: T[] = [];
  for (const h of heights) {
    for (const m of maps) {
      const v = m.get(h);
      if (v) {
        out.push(v);
        break;
      }
    }
  }
  return out;
}

/** Retargets → DifficultyRecord (ratio to the previous retarget known; the genesis row itself is left out). */
export function nodeRetargets(retargets: readonly HeightSample[]): DifficultyRecord[] {
  const out: DifficultyRecord[] = [];
  for (let i = 0; i < retargets.length; i++) {
    const r = retargets[i]!;
    if (r.height === 0) continue;
    const prev = retargets[i - 1];
    // A ratio only across one epoch: with a gap (a failed height) the ratio would span several.
    const ratio = prev && prev.height === r.height - 2016 && prev.difficulty > 0 ? r.difficulty / prev.difficulty : 1;
    out.push({ timeS: r.timeS, height: r.height, difficulty: r.difficulty, adjustmentRatio: ratio });
  }
  return out;
}

export function buildNodeDataset(
  plan: NodeHistoryPlan,
  store: NodeHistoryStore,
  fresh: NodeHistoryStore,
  meta: NodeDatasetMeta,
): HistoryDataset {
  const inRange = (t: number): boolean => t >= plan.fromTimeS;
  const samples = pick(plan.sampleHeights, fresh.samples, store.samples).filter((s) => inRange(s.timeS));
  const retargets = nodeRetargets(pick(plan.retargetHeights, fresh.retargets, store.retargets));
  const fees = pick(plan.feeHeights, fresh.fees, store.fees).filter((f: FeeSample) => inRange(f.timeS));
  const hashrate: DailyHashrate[] = samples.map((s) => ({ timeS: s.timeS, hashrateHps: s.hashrateHps }));
  const feePoints: BlockFeesPoint[] = fees.map((f) => ({
    avgHeight: f.height,
    timeS: f.timeS,
    avgFeesSats: f.totalFeeSats,
    priceUsd: null,
  }));
  // Reward = the scheduled subsidy (our own formula) + the block's fees.
  const rewards: BlockRewardsPoint[] = fees.map((f) => ({
    avgHeight: f.height,
    timeS: f.timeS,
    avgRewardsSats: subsidySats(f.height) + f.totalFeeSats,
    priceUsd: null,
  }));

  const notes: string[] = [];
  if (meta.progress && meta.progress.done < meta.progress.total)
    notes.push(
      t(
        'Filling from your node: {0} of {1} heights.',
        formatInteger(meta.progress.done),
        formatInteger(meta.progress.total),
      ),
    );
  const fill = meta.fill;
  if (fill?.cancelled)
    notes.push(
      t('Filling from your node was cancelled: the charts show what was fetched; choose the range again to go on.'),
    );
  if (fill?.error)
    notes.push(t('Your node stopped answering ({0}); the charts show what was fetched.', fill.error.message));
  if (plan.feeHeights.length === 0 && plan.prunedFeeHeights.length === 0)
    notes.push(
      t(
        "Hashprice and fees need each block's fees (getblockstats): from your node they are shown for ranges up to {0} days.",
        FEE_MAX_DAYS,
      ),
    );
  const prunedHeights = [...plan.prunedFeeHeights, ...(fill?.prunedFeeHeights ?? [])];
  if (prunedHeights.length > 0) {
    const below = plan.pruneHeight ?? Math.max(...prunedHeights) + 1;
    const firstFee = fees[0];
    notes.push(
      firstFee
        ? t(
            'Your node is pruned below block {0}: fees, and so hashprice, are missing for {1} sampled blocks (before {2}), not drawn as zero.',
            formatInteger(below),
            formatInteger(prunedHeights.length),
            isoDay(firstFee.timeS),
          )
        : t(
            'Your node is pruned below block {0}: fees, and so hashprice, are missing for {1} sampled blocks, not drawn as zero.',
            formatInteger(below),
            formatInteger(prunedHeights.length),
          ),
    );
  }
  if (fill && fill.failures.length > 0)
    notes.push(
      t('{0} heights could not be read from your node and are left out.', formatInteger(fill.failures.length)),
    );
  if (!meta.prices)
    notes.push(
      meta.pricesMissing
        ? t('No price history ({0}): hashprice is shown in sats.', meta.pricesMissing)
        : t('No price history: hashprice is shown in sats.'),
    );

  const dataset = buildHistoryDataset(
    { hashrate, adjustments: retargets, rewards, fees: feePoints, prices: meta.prices ?? [] },
    {
      range: plan.range,
      currency: meta.currency,
      sourceHost: meta.sourceHost,
      fetchedAtMs: meta.fetchedAtMs,
      notes: notes.slice(0, 20),
    },
  );
  // buildHistoryDataset's grid starts at the oldest point (a retarget's time is not among them): clip the
  // days before the range, which only ALL keeps.
  if (plan.fromTimeS <= 0) return dataset;
  const first = dataset.days.timeS.findIndex((t) => t >= plan.fromTimeS - (plan.fromTimeS % SECONDS_PER_DAY));
  if (first <= 0) return dataset;
  const d = dataset.days;
  return {
    ...dataset,
    days: {
      timeS: d.timeS.slice(first),
      hashrateHps: d.hashrateHps.slice(first),
      difficulty: d.difficulty.slice(first),
      rewardSats: d.rewardSats.slice(first),
      feesSats: d.feesSats.slice(first),
      price: d.price.slice(first),
    },
  };
}
