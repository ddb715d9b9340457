// The RPC methods of the test node, with Core's argument checks, error codes and messages
// (rpc/blockchain.cpp, rpc/mining.cpp, rpc/server.cpp of v27–v30), over a NodeChain.

import { BLOCK_STATS_KEYS } from '../../../src/core/sources/bitcoind/blockStats';
import { bitsToDifficulty, compactToTarget } from '../chain';
import { hex64, type NodeChain } from './nodeChain';
import { RpcError } from './rpcError';

export type CoreVersion = 27 | 28 | 29 | 30;

/** What the methods need to know about the node beyond its chain. */
export interface NodeContext {
  readonly node: NodeChain;
  readonly version: CoreVersion;
  /** Lowest height with block data; null = not pruned. */
  readonly pruneHeight: number | null;
  /** null = synced (initialblockdownload false, progress ≈ 1). */
  readonly syncProgress: number | null;
  readonly startedAtMs: number;
  readonly nowMs: number;
}

type Params = readonly unknown[];
type Handler = (ctx: NodeContext, params: Params) => unknown;

/** Positional names, so named parameters (an object) can be mapped like Core does. */
export const PARAM_NAMES: Readonly<Record<string, readonly string[]>> = {
  getnetworkhashps: ['nblocks', 'height'],
  getblockhash: ['height'],
  getblockheader: ['blockhash', 'verbose'],
  getblockstats: ['hash_or_height', 'stats'],
};

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

function intParam(params: Params, i: number, fallback: number): number {
  const v = params[i];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number') throw new RpcError(-3, `JSON value of type ${typeName(v)} is not of expected type number`);
  if (!Number.isInteger(v)) throw new RpcError(-3, 'JSON integer out of range');
  return v;
}

function hashParam(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new RpcError(-3, `JSON value of type ${typeName(v)} is not of expected type string`);
  if (v.length !== 64)
    throw new RpcError(-8, `${name} must be of length 64 (not ${v.length}, for '${v.slice(0, 80)}')`);
  if (!/^[0-9a-fA-F]{64}$/.test(v)) throw new RpcError(-8, `${name} must be hexadecimal string (not '${v}')`);
  return v.toLowerCase();
}

function tooFew(method: string, params: Params, required: number, max: number): void {
  if (params.length < required || params.length > max) {
    throw new RpcError(
      -1,
      `${method} called with ${params.length} arguments; expected ${required === max ? required : `${required} to ${max}`} (see help ${method})`,
    );
  }
}

function blockchainInfo(ctx: NodeContext): Record<string, unknown> {
  const { node } = ctx;
  const tip = node.tipHeight;
  const bits = node.bitsAt(tip);
  const syncing = ctx.syncProgress !== null;
  const out: Record<string, unknown> = {
    chain: 'main',
    blocks: tip,
    headers: syncing ? node.headerHeight : tip,
    bestblockhash: node.blockHash(tip),
  };
  if (ctx.version >= 29) {
    out.bits = bits.toString(16).padStart(8, '0');
    out.target = hex64(compactToTarget(bits));
  }
  Object.assign(out, {
    difficulty: bitsToDifficulty(bits),
    time: node.timeOf(tip),
    mediantime: node.medianTimeOf(tip),
    // A synced node shows 0.9999…, never exactly 1 (an estimate from the tx rate).
    verificationprogress: syncing ? ctx.syncProgress : 0.9999987,
    initialblockdownload: syncing,
    chainwork: hex64(node.chainworkAt(tip)),
    size_on_disk: ctx.pruneHeight !== null ? 575_000_000 : 742_000_000_000,
    pruned: ctx.pruneHeight !== null,
  });
  if (ctx.pruneHeight !== null) {
    out.pruneheight = ctx.pruneHeight;
    out.automatic_pruning = true;
    out.prune_target_size = 576_716_800;
  }
  out.warnings = ctx.version >= 28 ? [] : '';
  return out;
}

function miningInfo(ctx: NodeContext): Record<string, unknown> {
  const { node } = ctx;
  const tip = node.tipHeight;
  const bits = node.bitsAt(tip);
  const out: Record<string, unknown> = { blocks: tip };
  if (ctx.version >= 29) {
    out.bits = bits.toString(16).padStart(8, '0');
    out.target = hex64(compactToTarget(bits));
  }
  Object.assign(out, {
    difficulty: bitsToDifficulty(bits),
    networkhashps: node.networkHashPs(120, -1),
    pooledtx: 1917,
    chain: 'main',
  });
  if (ctx.version >= 29) {
    const nextBits = node.nextBits();
    out.next = {
      height: tip + 1,
      bits: nextBits.toString(16).padStart(8, '0'),
      difficulty: bitsToDifficulty(nextBits),
      target: hex64(compactToTarget(nextBits)),
    };
  }
  if (ctx.version >= 30) out.blockmintxfee = 0.00001;
  out.warnings = ctx.version >= 28 ? [] : '';
  return out;
}

function blockStats(ctx: NodeContext, params: Params): Record<string, unknown> {
  tooFew('getblockstats', params, 1, 2);
  const { node } = ctx;
  const target = params[0];
  let height: number;
  if (typeof target === 'number') {
    if (!Number.isInteger(target)) throw new RpcError(-3, 'JSON integer out of range');
    if (target < 0) throw new RpcError(-8, `Target block height ${target} is negative`);
    if (target > node.tipHeight)
      throw new RpcError(-8, `Target block height ${target} after current tip ${node.tipHeight}`);
    height = target;
  } else {
    const found = node.heightOfHash(hashParam(target, 'hash_or_height'));
    if (found === undefined || found > node.tipHeight) throw new RpcError(-5, 'Block not found');
    height = found;
  }
  const selected = params[1];
  let keys: readonly string[] = BLOCK_STATS_KEYS;
  if (selected !== undefined && selected !== null) {
    if (!Array.isArray(selected))
      throw new RpcError(-3, `JSON value of type ${typeName(selected)} is not of expected type array`);
    for (const key of selected) {
      if (typeof key !== 'string')
        throw new RpcError(-3, `JSON value of type ${typeName(key)} is not of expected type string`);
      if (!BLOCK_STATS_KEYS.includes(key)) throw new RpcError(-8, `Invalid selected statistic '${key}'`);
    }
    if (selected.length > 0) keys = selected as string[];
  }
  // Core reads the block and its undo data before computing anything, whatever stats were asked for.
  if (ctx.pruneHeight !== null && height < ctx.pruneHeight) throw new RpcError(-1, 'Block not available (pruned data)');
  const all = node.blockStats(height);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(all)) if (keys.includes(key)) out[key] = all[key];
  return out;
}

export const METHODS: Readonly<Record<string, Handler>> = {
  getblockchaininfo: (ctx, p) => (tooFew('getblockchaininfo', p, 0, 0), blockchainInfo(ctx)),
  getmininginfo: (ctx, p) => (tooFew('getmininginfo', p, 0, 0), miningInfo(ctx)),
  getblockcount: (ctx) => ctx.node.tipHeight,
  getbestblockhash: (ctx) => ctx.node.blockHash(ctx.node.tipHeight),
  getdifficulty: (ctx) => ctx.node.difficultyAt(ctx.node.tipHeight),
  getnetworkhashps: (ctx, p) => (
    tooFew('getnetworkhashps', p, 0, 2),
    ctx.node.networkHashPs(intParam(p, 0, 120), intParam(p, 1, -1))
  ),
  getblockhash: (ctx, p) => {
    tooFew('getblockhash', p, 1, 1);
    const height = intParam(p, 0, -1);
    if (height < 0 || height > ctx.node.tipHeight) throw new RpcError(-8, 'Block height out of range');
    return ctx.node.blockHash(height);
  },
  getblockheader: (ctx, p) => {
    tooFew('getblockheader', p, 1, 2);
    const height = ctx.node.heightOfHash(hashParam(p[0], 'blockhash'));
    if (height === undefined) throw new RpcError(-5, 'Block not found');
    const verbose = p[1] === undefined || p[1] === null ? true : p[1];
    if (typeof verbose !== 'boolean')
      throw new RpcError(-3, `JSON value of type ${typeName(verbose)} is not of expected type bool`);
    return verbose ? ctx.node.header(height) : ctx.node.rawHeader(height);
  },
  getblockstats: blockStats,
  uptime: (ctx) => Math.floor((ctx.nowMs - ctx.startedAtMs) / 1000),
};
