// Bitcoin Core as a data source: the pure half (results, node state, default paths, fee mean, errors).
export { BLOCK_STATS_KEYS, FEE_STATS_KEYS, parseBlockStats } from './blockStats';
export type { BlockStats } from './blockStats';
export { rpc } from './calls';
export type { JsonValue, RpcCall } from './calls';
export {
  BITCOIN_NETWORKS,
  DEFAULT_RPC_PORTS,
  cookiePathIn,
  defaultCookiePaths,
  defaultDataDirs,
  networkOfChain,
} from './cookiePath';
export type { BitcoinNetwork, Env } from './cookiePath';
export {
  BitcoindError,
  RPC_CODES,
  bitcoindMessages,
  isBitcoindError,
  isTransientBitcoindError,
  rpcErrorToBitcoindError,
  sanitizeServerText,
} from './errors';
export type { BitcoindErrorDetails, BitcoindErrorKind, CredentialsDescription } from './errors';
export { feeWindowHeights, nodeFeeMean } from './fees';
export type { NodeFeeMean } from './fees';
export { DEFAULT_STALE_TIP_AFTER_S, classifyNode, warmingUpNode } from './nodeState';
export type { ClassifyOptions, NodeState, NodeStatus } from './nodeState';
export {
  parseBlockCount,
  parseBlockHash,
  parseBlockHeader,
  parseBlockchainInfo,
  parseMiningInfo,
  parseNetworkHashPs,
  parseUptime,
} from './results';
export type { BlockHeader, BlockchainInfo, ChainName, MiningInfo, NextBlockInfo } from './results';
export { NodeGlance, NodeSyncingError } from './glance';
export type { NodeGlanceOptions, NodeRpc, RpcOutcome } from './glance';
export {
  QUARTER_EPOCH_BLOCKS,
  TREND_WINDOWS,
  buildNodeSnapshot,
  nodeRewardStats,
  previousRetargetPercent,
  windowPoints,
} from './snapshot';
export type { NodeChainData, NodePrices } from './snapshot';
