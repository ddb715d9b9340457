// The synthetic chain (../chain.ts) as a Bitcoin Core node sees it: block hashes, headers, chainwork as Core
// sums it (2²⁵⁶ / (target + 1) per block, BigInt), getnetworkhashps with Core's exact window rules, and
// getblockstats fields. Wraps a SyntheticChain without changing it, so the mempool replay server and this
// node can serve the same chain. Test-only levers: a visible tip below the chain's (IBD / stale node) and
// per-block time overrides (Core's min/max-of-window rule only shows with non-monotonic timestamps).

import {
  BLOCKS_PER_EPOCH,
  bitsToDifficulty,
  compactToTarget,
  hash32,
  retargetBits,
  type SyntheticChain,
} from '../chain';
import { RpcError } from './rpcError';

const TWO_POW_256 = 1n << 256n;

/** Core's GetBlockProof: floor(2²⁵⁶ / (target + 1)). */
export function blockProof(bits: number): bigint {
  return TWO_POW_256 / (compactToTarget(bits) + 1n);
}

export function hex64(n: bigint): string {
  return n.toString(16).padStart(64, '0');
}

export class NodeChain {
  private visibleTip: number | null = null;
  private readonly timeOverrides = new Map<number, number>();
  /** epochPrefix[e] = chainwork of the blocks before epoch e (heights < e·2016). */
  private readonly epochPrefix: bigint[] = [0n];
  private readonly heightByHash = new Map<string, number>();
  private indexedRecentUpTo = -1;

  constructor(readonly chain: SyntheticChain) {}

  /** Height of the node's active chain tip. */
  get tipHeight(): number {
    return Math.min(this.visibleTip ?? Infinity, this.chain.tipHeight);
  }
  /** Best header height (the whole synthetic chain is "announced"). */
  get headerHeight(): number {
    return this.chain.tipHeight;
  }

  /** Pretend the node's active tip is at `height` (null = the chain's tip). */
  setVisibleTip(height: number | null): void {
    if (height !== null && (!Number.isInteger(height) || height < 0 || height > this.chain.tipHeight))
      throw new RangeError(`no block ${height}`);
    this.visibleTip = height;
  }

  /** Override one block's timestamp (miner-set times may go backwards). */
  setBlockTime(height: number, timeS: number): void {
    this.chain.timeOf(height);
    this.timeOverrides.set(height, timeS);
  }

  timeOf(height: number): number {
    return this.timeOverrides.get(height) ?? this.chain.timeOf(height);
  }

  /** Median of the last 11 block times (Core's GetMedianTimePast). */
  medianTimeOf(height: number): number {
    const times: number[] = [];
    for (let h = Math.max(0, height - 10); h <= height; h++) times.push(this.timeOf(h));
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  }

  bitsAt(height: number): number {
    return this.chain.bitsAt(height);
  }

  difficultyAt(height: number): number {
    return bitsToDifficulty(this.bitsAt(height));
  }

  /** Cumulative work of blocks 0..height (Core's nChainWork). */
  chainworkAt(height: number): bigint {
    const e = Math.floor(height / BLOCKS_PER_EPOCH);
    for (let k = this.epochPrefix.length; k <= e; k++) {
      this.epochPrefix.push(
        this.epochPrefix[k - 1]! + BigInt(BLOCKS_PER_EPOCH) * blockProof(this.bitsAt((k - 1) * BLOCKS_PER_EPOCH)),
      );
    }
    return this.epochPrefix[e]! + BigInt(height - e * BLOCKS_PER_EPOCH + 1) * blockProof(this.bitsAt(height));
  }

  blockHash(height: number): string {
    const hash = this.chain.blockIdAt(height);
    this.heightByHash.set(hash, height);
    return hash;
  }

  /**
   * Height of a hash this node has handed out, or of one of the newest 3000 blocks (what a client can
   * know); hashing the whole history for a reverse index would cost ~100 MB for nothing.
   */
  heightOfHash(hash: string): number | undefined {
    const known = this.heightByHash.get(hash);
    if (known !== undefined) return known;
    if (this.indexedRecentUpTo < this.chain.tipHeight) {
      for (let h = Math.max(0, this.chain.tipHeight - 3000, this.indexedRecentUpTo + 1); h <= this.chain.tipHeight; h++)
        this.blockHash(h);
      this.indexedRecentUpTo = this.chain.tipHeight;
    }
    return this.heightByHash.get(hash);
  }

  /** Bits of the block after the tip: Core's retarget when it opens an epoch. */
  nextBits(): number {
    const next = this.tipHeight + 1;
    if (next % BLOCKS_PER_EPOCH !== 0) return this.bitsAt(this.tipHeight);
    return retargetBits(this.bitsAt(this.tipHeight), this.timeOf(next - 1) - this.timeOf(next - BLOCKS_PER_EPOCH));
  }

  /**
   * getnetworkhashps(nblocks, height) exactly as Core v27–v30 (rpc/mining.cpp GetNetworkHashPS): −8 for
   * nblocks 0 or < −1 and for heights outside [−1, tip]; nblocks −1 = blocks since the last retarget;
   * n clamped to the height; (chainwork(end) − chainwork(end − n)) / (max − min) over the n + 1 times.
   */
  networkHashPs(nblocks: number, height: number): number {
    if (nblocks === 0 || nblocks < -1) throw new RpcError(-8, 'Invalid nblocks. Must be a positive number or -1.');
    if (height < -1 || height > this.tipHeight) throw new RpcError(-8, 'Block does not exist at specified height');
    const end = height === -1 ? this.tipHeight : height;
    if (end === 0) return 0;
    let n = nblocks === -1 ? (end % BLOCKS_PER_EPOCH) + 1 : nblocks;
    if (n > end) n = end;
    const start = end - n;
    let minTime = this.timeOf(start);
    let maxTime = minTime;
    for (let h = start + 1; h <= end; h++) {
      const t = this.timeOf(h);
      minTime = Math.min(minTime, t);
      maxTime = Math.max(maxTime, t);
    }
    if (minTime === maxTime) return 0;
    // Core divides arith_uint256 work converted to double by the int64 time span.
    return Number(this.chainworkAt(end) - this.chainworkAt(start)) / (maxTime - minTime);
  }

  /** getblockheader (verbose) for a height; confirmations/next relative to the node's active tip. */
  header(height: number): Record<string, unknown> {
    const block = this.chain.blockAt(height);
    const onActive = height <= this.tipHeight;
    const bits = this.bitsAt(height);
    const out: Record<string, unknown> = {
      hash: this.blockHash(height),
      confirmations: onActive ? this.tipHeight - height + 1 : -1,
      height,
      version: block.version,
      versionHex: (block.version >>> 0).toString(16).padStart(8, '0'),
      merkleroot: block.merkleRoot,
      time: this.timeOf(height),
      mediantime: this.medianTimeOf(height),
      nonce: block.nonce,
      bits: bits.toString(16).padStart(8, '0'),
      target: hex64(compactToTarget(bits)),
      difficulty: bitsToDifficulty(bits),
      chainwork: hex64(this.chainworkAt(height)),
      nTx: onActive ? block.txCount : 0,
    };
    if (height > 0) out.previousblockhash = this.blockHash(height - 1);
    if (onActive && height < this.tipHeight) out.nextblockhash = this.blockHash(height + 1);
    return out;
  }

  /** The serialized 80-byte header (getblockheader verbose=false). */
  rawHeader(height: number): string {
    const block = this.chain.blockAt(height);
    const le32 = (n: number): string => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n >>> 0);
      return b.toString('hex');
    };
    const reversed = (hex: string): string => Buffer.from(hex, 'hex').reverse().toString('hex');
    const prev = height > 0 ? this.blockHash(height - 1) : '0'.repeat(64);
    return (
      le32(block.version) +
      reversed(prev) +
      reversed(block.merkleRoot) +
      le32(this.timeOf(height)) +
      le32(this.bitsAt(height)) +
      le32(block.nonce)
    );
  }

  /**
   * Every getblockstats field for a block. Fees, tx count and weight come from the synthetic chain; the
   * rest is derived so Core's identities hold: avgfee = totalfee / (txs − 1), avgfeerate = totalfee·4 /
   * total_weight, avgtxsize = total_size / (txs − 1), utxo_increase = outs − ins (coinbase excluded from
   * ins/sizes/weights, included in outs), *_actual drop the unspendable witness commitment.
   */
  blockStats(height: number): Record<string, unknown> {
    const block = this.chain.blockAt(height);
    const txs = block.txCount;
    const common = {
      blockhash: this.blockHash(height),
      height,
      time: this.timeOf(height),
      mediantime: this.medianTimeOf(height),
      subsidy: block.subsidySats,
      txs,
    };
    const spends = txs - 1;
    const coinbaseOuts = height === 0 ? 1 : 2;
    if (spends === 0) {
      return fullStats({
        ...common,
        outs: coinbaseOuts,
        utxo_increase: coinbaseOuts,
        utxo_size_inc: 75 * coinbaseOuts,
        utxo_increase_actual: 1,
        utxo_size_inc_actual: 75,
      });
    }
    const fee = block.totalFeesSats;
    const u = (salt: number): number => hash32(hash32(this.chain.seed, salt), height) / 4294967296;
    const totalWeight = Math.max(spends * 400, block.weight - 800);
    const totalSize = Math.round(totalWeight / 2.6);
    const swtxs = Math.round(spends * (0.8 + 0.15 * u(1)));
    const ins = Math.round(spends * (1.6 + 0.8 * u(2)));
    const outs = Math.round(spends * (2.2 + 0.8 * u(3))) + coinbaseOuts;
    const rates = block.feeRange.map((r) => Math.round(r));
    const avgfee = Math.floor(fee / spends);
    return fullStats({
      ...common,
      avgfee,
      avgfeerate: Math.floor((fee * 4) / totalWeight),
      avgtxsize: Math.floor(totalSize / spends),
      feerate_percentiles: rates.slice(1, 6),
      ins,
      maxfee: Math.max(avgfee, Math.round(avgfee * (8 + 20 * u(4)))),
      maxfeerate: rates[6],
      maxtxsize: Math.round(20_000 + 60_000 * u(5)),
      medianfee: Math.round(avgfee * 0.55),
      mediantxsize: 222,
      minfee: Math.min(avgfee, Math.round(avgfee * 0.05)),
      minfeerate: rates[0],
      mintxsize: 150,
      outs,
      swtotal_size: Math.round((totalSize * swtxs) / spends),
      swtotal_weight: Math.round((totalWeight * swtxs) / spends),
      swtxs,
      total_out: Math.round(spends * 1e7 * (0.5 + u(6))),
      total_size: totalSize,
      total_weight: totalWeight,
      totalfee: fee,
      utxo_increase: outs - ins,
      utxo_size_inc: (outs - ins) * 75,
      utxo_increase_actual: outs - ins - 1,
      utxo_size_inc_actual: (outs - ins - 1) * 75,
    });
  }
}

const ZERO_STATS = {
  avgfee: 0,
  avgfeerate: 0,
  avgtxsize: 0,
  feerate_percentiles: [0, 0, 0, 0, 0],
  ins: 0,
  maxfee: 0,
  maxfeerate: 0,
  maxtxsize: 0,
  medianfee: 0,
  mediantxsize: 0,
  minfee: 0,
  minfeerate: 0,
  mintxsize: 0,
  swtotal_size: 0,
  swtotal_weight: 0,
  swtxs: 0,
  total_out: 0,
  total_size: 0,
  total_weight: 0,
  totalfee: 0,
};

/** Core's key order (alphabetical, as UniValue prints the stats map). */
function fullStats(values: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...ZERO_STATS, ...values };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(merged).sort()) out[key] = merged[key];
  return out;
}
