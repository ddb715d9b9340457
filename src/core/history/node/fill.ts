// Fetches what a plan needs and the store lacks, in JSON-RPC batches, a chunk at a time: after each chunk
// the caller hears the progress (and may draw what is there), and a cancel takes effect before the next
// chunk. A node failure stops the fill but keeps what earlier chunks brought; per-block errors (a pruned
// block, a height past the tip after a reorg) are counted, never turned into zeros.

import { describeError } from '../../errors';
import type { RpcCall } from '../../sources/bitcoind/calls';
import { rpc } from '../../sources/bitcoind/calls';
import { isBitcoindError, type BitcoindError } from '../../sources/bitcoind/errors';
import { SAMPLE_WINDOW_BLOCKS, isBuried, type NodeHistoryPlan } from './plan';
import type { FeeSample, HeightSample, NodeHistoryStore } from './store';

export type RpcOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BitcoindError };

/** The node, as the fill needs it: one HTTP request per batch (src/net/jsonRpc.ts's JsonRpcClient.batch). */
export interface NodeBatcher {
  batch<T>(calls: readonly RpcCall<T>[]): Promise<readonly RpcOutcome<T>[]>;
}

export interface FillProgress {
  /** Heights fetched (or found unavailable) so far, of `total` missing at the start. */
  readonly done: number;
  readonly total: number;
}

export interface FillOptions {
  /** Heights per chunk (each costs three batch elements; fees one). */
  readonly chunk?: number;
  readonly onProgress?: (progress: FillProgress) => void;
  /** Polled between chunks. */
  readonly isCancelled?: () => boolean;
}

export interface FillResult {
  readonly cancelled: boolean;
  /** What stopped the fill (the node became unreachable, busy…); null when it ran to the end. */
  readonly error: BitcoindError | null;
  /** Fee heights the node said it pruned (besides the plan's prunedFeeHeights). */
  readonly prunedFeeHeights: readonly number[];
  /** Heights that failed otherwise (one line each, for the log; the chart leaves them out). */
  readonly failures: readonly string[];
}

export const DEFAULT_CHUNK = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Fills `store` (buried heights, kept on disk) and `fresh` (the last few blocks, which a reorg may still
 * change: fetched at every load) with what `plan` needs. Never throws for node failures: see FillResult.
 */
export async function fillNodeHistory(
  node: NodeBatcher,
  plan: NodeHistoryPlan,
  store: NodeHistoryStore,
  fresh: NodeHistoryStore,
  options: FillOptions = {},
): Promise<FillResult> {
  const size = Math.max(1, options.chunk ?? DEFAULT_CHUNK);
  const missingSamples = plan.sampleHeights.filter((h) => !store.samples.has(h));
  const missingRetargets = plan.retargetHeights.filter((h) => !store.retargets.has(h));
  const missingFees = plan.feeHeights.filter((h) => !store.fees.has(h));
  const total = missingSamples.length + missingRetargets.length + missingFees.length;
  let done = 0;
  const pruned: number[] = [];
  const failures: string[] = [];
  const result = (cancelled: boolean, error: BitcoindError | null): FillResult => ({
    cancelled,
    error,
    prunedFeeHeights: pruned,
    failures,
  });
  const target = (height: number): NodeHistoryStore => (isBuried(height, plan.tipHeight) ? store : fresh);
  options.onProgress?.({ done, total });

  type Job = { kind: 'sample' | 'retarget'; heights: number[] } | { kind: 'fee'; heights: number[] };
  const jobs: Job[] = [
    // Retargets first: few, and every day's difficulty comes from them.
    ...chunks(missingRetargets, size).map((heights) => ({ kind: 'retarget' as const, heights })),
    // Newest samples first: the recent days are drawn first while older ones fill in.
    ...chunks(missingSamples.slice().reverse(), size).map((heights) => ({ kind: 'sample' as const, heights })),
    ...chunks(missingFees.slice().reverse(), size).map((heights) => ({ kind: 'fee' as const, heights })),
  ];

  for (const job of jobs) {
    if (options.isCancelled?.()) return result(true, null);
    try {
      if (job.kind === 'fee') {
        const outcomes = await node.batch(job.heights.map((h) => rpc.getBlockStats(h, ['height', 'time', 'totalfee'])));
        outcomes.forEach((o, i) => {
          const height = job.heights[i]!;
          if (!o.ok) {
            if (o.error.kind === 'pruned') pruned.push(height);
            else failures.push(`getblockstats ${height}: ${o.error.message}`);
            return;
          }
          const s = o.value;
          if (s.height !== height || s.timeS === null || s.totalFeeSats === null) {
            failures.push(`getblockstats ${height}: the reply is for another block or lacks time/totalfee`);
            return;
          }
          const sample: FeeSample = { height, timeS: s.timeS, totalFeeSats: s.totalFeeSats };
          target(height).fees.set(height, sample);
        });
      } else {
        const hashes = await node.batch(job.heights.map((h) => rpc.getBlockHash(h)));
        const known = job.heights.flatMap((height, i) => {
          const o = hashes[i]!;
          if (o.ok) return [{ height, hash: o.value }];
          failures.push(`getblockhash ${height}: ${o.error.message}`);
          return [];
        });
        const [headers, rates] = await Promise.all([
          node.batch(known.map((k) => rpc.getBlockHeader(k.hash))),
          job.kind === 'sample'
            ? node.batch(known.map((k) => rpc.getNetworkHashPs(SAMPLE_WINDOW_BLOCKS, k.height)))
            : Promise.resolve(null),
        ]);
        known.forEach((k, i) => {
          const header = headers[i]!;
          const rate = rates ? rates[i]! : ({ ok: true, value: 0 } as const);
          if (!header.ok || !rate.ok) {
            failures.push(
              `height ${k.height}: ${(!header.ok ? header.error : (rate as { error: Error }).error).message}`,
            );
            return;
          }
          if (header.value.height !== k.height) {
            failures.push(`height ${k.height}: the header is of block ${header.value.height}`);
            return;
          }
          const sample: HeightSample = {
            height: k.height,
            timeS: header.value.timeS,
            difficulty: header.value.difficulty,
            hashrateHps: rate.value,
          };
          (job.kind === 'sample' ? target(k.height).samples : target(k.height).retargets).set(k.height, sample);
        });
      }
    } catch (error) {
      if (isBitcoindError(error)) return result(false, error);
      throw new Error(`Filling the node history failed: ${describeError(error)}`, { cause: error });
    }
    done += job.heights.length;
    options.onProgress?.({ done, total });
  }
  return result(false, null);
}
