// Untrusted JSON results of the chain/mining RPCs → typed values, units in the names. Shapes from Bitcoin
// Core v27–v30 (fields added later are optional: bits/target/next from v29, blockmintxfee from v30).

import { RpcReader } from './read';

export type ChainName = 'main' | 'test' | 'testnet4' | 'signet' | 'regtest';
const CHAINS: readonly ChainName[] = ['main', 'test', 'testnet4', 'signet', 'regtest'];
/** 10²⁴ H/s (1 YH/s): ~1000× today's network; bigger is a unit mix-up. */
const MAX_HASHRATE_HPS = 1e24;
const MAX_DIFFICULTY = 1e18;

export interface BlockchainInfo {
  readonly chain: ChainName;
  readonly blocks: number;
  readonly headers: number;
  readonly bestBlockHash: string;
  readonly difficulty: number;
  /** Tip block time (miner-set). */
  readonly timeS: number;
  readonly medianTimeS: number;
  /** 0..1, an estimate (never exactly 1 on a synced node). */
  readonly verificationProgress: number;
  readonly initialBlockDownload: boolean;
  readonly chainworkHex: string;
  readonly sizeOnDiskBytes: number | null;
  readonly pruned: boolean;
  /** Lowest height with block data (only when pruned). */
  readonly pruneHeight: number | null;
  readonly automaticPruning: boolean | null;
  readonly pruneTargetSizeBytes: number | null;
  /** v29+. */
  readonly bits: number | null;
  readonly warnings: string[];
}

function chainName(r: RpcReader, value: unknown): ChainName {
  const s = r.string(value, 'chain');
  if (!(CHAINS as readonly string[]).includes(s))
    r.fail(`chain should be one of ${CHAINS.join(', ')}, got "${s.slice(0, 20)}"`);
  return s as ChainName;
}

export function parseBlockchainInfo(json: unknown): BlockchainInfo {
  const r = new RpcReader('getblockchaininfo');
  const o = r.object(json);
  const blocks = r.height(o.blocks, 'blocks');
  const headers = r.height(o.headers, 'headers');
  const pruned = r.boolean(o.pruned, 'pruned');
  return {
    chain: chainName(r, o.chain),
    blocks,
    headers,
    bestBlockHash: r.hash(o.bestblockhash, 'bestblockhash'),
    difficulty: r.number(o.difficulty, 'difficulty', 0, MAX_DIFFICULTY),
    timeS: r.timeS(o.time, 'time'),
    medianTimeS: r.timeS(o.mediantime, 'mediantime'),
    verificationProgress: r.number(o.verificationprogress, 'verificationprogress', 0, 1),
    initialBlockDownload: r.boolean(o.initialblockdownload, 'initialblockdownload'),
    chainworkHex: r.hash(o.chainwork, 'chainwork'),
    sizeOnDiskBytes: r.optional(o.size_on_disk, (v) => r.integer(v, 'size_on_disk')),
    pruned,
    pruneHeight: pruned ? r.optional(o.pruneheight, (v) => r.height(v, 'pruneheight')) : null,
    automaticPruning: pruned ? r.optional(o.automatic_pruning, (v) => r.boolean(v, 'automatic_pruning')) : null,
    pruneTargetSizeBytes: pruned ? r.optional(o.prune_target_size, (v) => r.integer(v, 'prune_target_size')) : null,
    bits: r.optional(o.bits, (v) => r.bits(v, 'bits')),
    warnings: r.warnings(o.warnings),
  };
}

export interface NextBlockInfo {
  readonly height: number;
  readonly bits: number;
  readonly difficulty: number;
}

export interface MiningInfo {
  readonly chain: ChainName;
  readonly blocks: number;
  readonly difficulty: number;
  /** getnetworkhashps with its defaults (120 blocks ending at the tip). */
  readonly networkHashrateHps: number;
  readonly pooledTx: number;
  /** Only after the node built a block template. */
  readonly currentBlockWeightWu: number | null;
  readonly currentBlockTx: number | null;
  /** v29+. */
  readonly bits: number | null;
  /** v29+: the block after the tip (its difficulty differs at a retarget). */
  readonly next: NextBlockInfo | null;
  /** v30+, BTC per kvB. */
  readonly blockMinTxFeeBtcPerKvB: number | null;
  readonly warnings: string[];
}

export function parseMiningInfo(json: unknown): MiningInfo {
  const r = new RpcReader('getmininginfo');
  const o = r.object(json);
  const next = r.optional(o.next, (v) => {
    const n = r.object(v, 'next');
    return {
      height: r.height(n.height, 'next.height'),
      bits: r.bits(n.bits, 'next.bits'),
      difficulty: r.number(n.difficulty, 'next.difficulty', 0, MAX_DIFFICULTY),
    };
  });
  return {
    chain: chainName(r, o.chain),
    blocks: r.height(o.blocks, 'blocks'),
    difficulty: r.number(o.difficulty, 'difficulty', 0, MAX_DIFFICULTY),
    networkHashrateHps: r.number(o.networkhashps, 'networkhashps', 0, MAX_HASHRATE_HPS),
    pooledTx: r.integer(o.pooledtx, 'pooledtx'),
    currentBlockWeightWu: r.optional(o.currentblockweight, (v) => r.integer(v, 'currentblockweight')),
    currentBlockTx: r.optional(o.currentblocktx, (v) => r.integer(v, 'currentblocktx')),
    bits: r.optional(o.bits, (v) => r.bits(v, 'bits')),
    next,
    blockMinTxFeeBtcPerKvB: r.optional(o.blockmintxfee, (v) => r.number(v, 'blockmintxfee', 0, 21e6)),
    warnings: r.warnings(o.warnings),
  };
}

/** getnetworkhashps → H/s (0 when the window has no time span, e.g. at genesis). */
export function parseNetworkHashPs(json: unknown): number {
  return new RpcReader('getnetworkhashps').number(json, 'result', 0, MAX_HASHRATE_HPS);
}

export function parseBlockHash(json: unknown, method = 'getblockhash'): string {
  return new RpcReader(method).hash(json, 'result');
}

/** getblockcount → the active tip's height. */
export function parseBlockCount(json: unknown): number {
  return new RpcReader('getblockcount').height(json, 'result');
}

/** uptime → seconds since the node started. */
export function parseUptime(json: unknown): number {
  return new RpcReader('uptime').integer(json, 'result');
}

export interface BlockHeader {
  readonly hash: string;
  /** −1 when the block is not on the active chain. */
  readonly confirmations: number;
  readonly height: number;
  readonly version: number;
  readonly merkleRoot: string;
  readonly timeS: number;
  readonly medianTimeS: number;
  readonly nonce: number;
  readonly bits: number;
  readonly difficulty: number;
  readonly chainworkHex: string;
  readonly txCount: number;
  readonly previousBlockHash: string | null;
  readonly nextBlockHash: string | null;
}

export function parseBlockHeader(json: unknown): BlockHeader {
  const r = new RpcReader('getblockheader');
  const o = r.object(json);
  const height = r.height(o.height, 'height');
  const previousBlockHash = r.optional(o.previousblockhash, (v) => r.hash(v, 'previousblockhash'));
  if (height > 0 && previousBlockHash === null) r.fail('previousblockhash is missing on a block above genesis');
  return {
    hash: r.hash(o.hash, 'hash'),
    confirmations: r.integer(o.confirmations, 'confirmations', -1),
    height,
    version: r.integer(o.version, 'version', -(2 ** 31), 2 ** 32),
    merkleRoot: r.hash(o.merkleroot, 'merkleroot'),
    timeS: r.timeS(o.time, 'time'),
    medianTimeS: r.timeS(o.mediantime, 'mediantime'),
    nonce: r.integer(o.nonce, 'nonce', 0, 2 ** 32 - 1),
    bits: r.bits(o.bits, 'bits'),
    difficulty: r.number(o.difficulty, 'difficulty', 0, MAX_DIFFICULTY),
    chainworkHex: r.hash(o.chainwork, 'chainwork'),
    txCount: r.integer(o.nTx, 'nTx', 0),
    previousBlockHash,
    nextBlockHash: r.optional(o.nextblockhash, (v) => r.hash(v, 'nextblockhash')),
  };
}
