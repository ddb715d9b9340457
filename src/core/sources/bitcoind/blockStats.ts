// getblockstats: Core's full field set, every field optional (the `stats` argument filters them). Amounts are
// satoshis, fee rates sat/vB, sizes bytes, weights weight units [Core's RPC help, v27–v30].

import { RpcReader } from './read';

export interface BlockStats {
  readonly height: number | null;
  readonly blockHash: string | null;
  readonly timeS: number | null;
  readonly medianTimeS: number | null;
  readonly subsidySats: number | null;
  readonly totalFeeSats: number | null;
  /** Including the coinbase. */
  readonly txs: number | null;
  readonly avgFeeSats: number | null;
  readonly avgFeeRateSatPerVb: number | null;
  readonly avgTxSizeBytes: number | null;
  /** 10th, 25th, 50th, 75th, 90th percentile (by weight). */
  readonly feeRatePercentilesSatPerVb: readonly number[] | null;
  readonly ins: number | null;
  readonly outs: number | null;
  readonly maxFeeSats: number | null;
  readonly maxFeeRateSatPerVb: number | null;
  readonly maxTxSizeBytes: number | null;
  readonly medianFeeSats: number | null;
  readonly medianTxSizeBytes: number | null;
  readonly minFeeSats: number | null;
  readonly minFeeRateSatPerVb: number | null;
  readonly minTxSizeBytes: number | null;
  readonly swTotalSizeBytes: number | null;
  readonly swTotalWeightWu: number | null;
  readonly swTxs: number | null;
  /** Sum of the outputs of the non-coinbase transactions. */
  readonly totalOutSats: number | null;
  readonly totalSizeBytes: number | null;
  readonly totalWeightWu: number | null;
  readonly utxoIncrease: number | null;
  readonly utxoSizeIncBytes: number | null;
  readonly utxoIncreaseActual: number | null;
  readonly utxoSizeIncActualBytes: number | null;
}

type NumberField = Exclude<
  keyof BlockStats,
  'blockHash' | 'feeRatePercentilesSatPerVb' | 'height' | 'timeS' | 'medianTimeS'
>;

/** Sats: the whole supply bounds any amount. Counts and sizes: generous bounds that still catch garbage. */
const MAX_SATS = 21e14;
const MAX_COUNT = 1e9;

/** Core's JSON key → our name, and whether it may be negative (UTXO deltas can). */
const NUMBER_FIELDS: readonly (readonly [string, NumberField, 'sats' | 'count' | 'rate' | 'delta'])[] = [
  ['subsidy', 'subsidySats', 'sats'],
  ['totalfee', 'totalFeeSats', 'sats'],
  ['txs', 'txs', 'count'],
  ['avgfee', 'avgFeeSats', 'sats'],
  ['avgfeerate', 'avgFeeRateSatPerVb', 'rate'],
  ['avgtxsize', 'avgTxSizeBytes', 'count'],
  ['ins', 'ins', 'count'],
  ['outs', 'outs', 'count'],
  ['maxfee', 'maxFeeSats', 'sats'],
  ['maxfeerate', 'maxFeeRateSatPerVb', 'rate'],
  ['maxtxsize', 'maxTxSizeBytes', 'count'],
  ['medianfee', 'medianFeeSats', 'sats'],
  ['mediantxsize', 'medianTxSizeBytes', 'count'],
  ['minfee', 'minFeeSats', 'sats'],
  ['minfeerate', 'minFeeRateSatPerVb', 'rate'],
  ['mintxsize', 'minTxSizeBytes', 'count'],
  ['swtotal_size', 'swTotalSizeBytes', 'count'],
  ['swtotal_weight', 'swTotalWeightWu', 'count'],
  ['swtxs', 'swTxs', 'count'],
  ['total_out', 'totalOutSats', 'sats'],
  ['total_size', 'totalSizeBytes', 'count'],
  ['total_weight', 'totalWeightWu', 'count'],
  ['utxo_increase', 'utxoIncrease', 'delta'],
  ['utxo_size_inc', 'utxoSizeIncBytes', 'delta'],
  ['utxo_increase_actual', 'utxoIncreaseActual', 'delta'],
  ['utxo_size_inc_actual', 'utxoSizeIncActualBytes', 'delta'],
];

/** Every key Core's getblockstats can return (for requests and for the test server). */
export const BLOCK_STATS_KEYS: readonly string[] = [
  'avgfee',
  'avgfeerate',
  'avgtxsize',
  'blockhash',
  'feerate_percentiles',
  'height',
  'ins',
  'maxfee',
  'maxfeerate',
  'maxtxsize',
  'medianfee',
  'mediantime',
  'mediantxsize',
  'minfee',
  'minfeerate',
  'mintxsize',
  'outs',
  'subsidy',
  'swtotal_size',
  'swtotal_weight',
  'swtxs',
  'time',
  'total_out',
  'total_size',
  'total_weight',
  'totalfee',
  'txs',
  'utxo_increase',
  'utxo_size_inc',
  'utxo_increase_actual',
  'utxo_size_inc_actual',
];

/** The stats the fee mean needs; asking for fewer keeps replies small (Core still reads the whole block). */
export const FEE_STATS_KEYS = ['height', 'time', 'subsidy', 'totalfee', 'txs'] as const;

export function parseBlockStats(json: unknown): BlockStats {
  const r = new RpcReader('getblockstats');
  const o = r.object(json);
  const out: Record<string, unknown> = {
    height: r.optional(o.height, (v) => r.height(v, 'height')),
    blockHash: r.optional(o.blockhash, (v) => r.hash(v, 'blockhash')),
    timeS: r.optional(o.time, (v) => r.timeS(v, 'time')),
    medianTimeS: r.optional(o.mediantime, (v) => r.timeS(v, 'mediantime')),
    feeRatePercentilesSatPerVb: r.optional(o.feerate_percentiles, (v) => {
      const list: unknown[] =
        Array.isArray(v) && v.length === 5 ? v : r.fail('feerate_percentiles should be an array of 5 numbers');
      return list.map((x, i) => r.number(x, `feerate_percentiles[${i}]`, 0, 1e9));
    }),
  };
  for (const [key, name, kind] of NUMBER_FIELDS) {
    out[name] = r.optional(o[key], (v) => {
      if (kind === 'rate') return r.number(v, key, 0, 1e9);
      if (kind === 'sats') return r.integer(v, key, 0, MAX_SATS);
      if (kind === 'delta') return r.integer(v, key, -MAX_COUNT * 100, MAX_COUNT * 100);
      return r.integer(v, key, 0, MAX_COUNT);
    });
  }
  return out as unknown as BlockStats;
}
