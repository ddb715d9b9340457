// Typed descriptions of the RPC calls we make: method, positional params and the parser of the result. The
// client (src/net/jsonRpc.ts) sends them alone or in a batch; core code never sees raw JSON.

import { parseBlockStats, FEE_STATS_KEYS, type BlockStats } from './blockStats';
import {
  parseBlockCount,
  parseBlockHash,
  parseBlockHeader,
  parseBlockchainInfo,
  parseMiningInfo,
  parseNetworkHashPs,
  parseUptime,
  type BlockHeader,
  type BlockchainInfo,
  type MiningInfo,
} from './results';

export type JsonValue = string | number | boolean | null | readonly JsonValue[];

export interface RpcCall<T> {
  readonly method: string;
  readonly params: readonly JsonValue[];
  readonly parse: (result: unknown) => T;
}

export const rpc = {
  getBlockchainInfo: (): RpcCall<BlockchainInfo> => ({
    method: 'getblockchaininfo',
    params: [],
    parse: parseBlockchainInfo,
  }),
  getMiningInfo: (): RpcCall<MiningInfo> => ({ method: 'getmininginfo', params: [], parse: parseMiningInfo }),
  /** nblocks −1 = since the last retarget; height −1 = tip (Core's defaults are 120 and −1). */
  getNetworkHashPs: (nblocks = 120, height = -1): RpcCall<number> => ({
    method: 'getnetworkhashps',
    params: [nblocks, height],
    parse: parseNetworkHashPs,
  }),
  getBlockCount: (): RpcCall<number> => ({ method: 'getblockcount', params: [], parse: parseBlockCount }),
  getBestBlockHash: (): RpcCall<string> => ({
    method: 'getbestblockhash',
    params: [],
    parse: (j) => parseBlockHash(j, 'getbestblockhash'),
  }),
  getBlockHash: (height: number): RpcCall<string> => ({
    method: 'getblockhash',
    params: [height],
    parse: parseBlockHash,
  }),
  getBlockHeader: (hash: string): RpcCall<BlockHeader> => ({
    method: 'getblockheader',
    params: [hash, true],
    parse: parseBlockHeader,
  }),
  /** `stats` filters the reply (all of Core's fields when omitted). */
  getBlockStats: (heightOrHash: number | string, stats: readonly string[] = FEE_STATS_KEYS): RpcCall<BlockStats> => ({
    method: 'getblockstats',
    params: [heightOrHash, [...stats]],
    parse: parseBlockStats,
  }),
  uptime: (): RpcCall<number> => ({ method: 'uptime', params: [], parse: parseUptime }),
};
