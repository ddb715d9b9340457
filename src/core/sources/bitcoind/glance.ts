// Reading the glance from a node: cheap when nothing happened, bounded when something did.
// - Every refresh: getbestblockhash (one tiny call). Same tip → the snapshot is rebuilt from memory with the
//   new clock (the retarget estimate moves with time) and fresh prices: no other node call.
// - New tip: getblockchaininfo (is the node synced?), then ONE batch (hash rates, the hashes of the few
//   headers the estimate needs, getblockstats of the blocks not yet cached: 144 the first time, then one per
//   new block), then one batch of those headers. Four HTTP requests per block, whatever happened.
// Pure: the RPC client and the price source are injected (src/net/jsonRpc.ts and the host in practice).

import { BLOCKS_PER_DAY, BLOCKS_PER_EPOCH } from '../../constants';
import type { NetworkSnapshot } from '../../model';
import type { BlockStats } from './blockStats';
import { FEE_STATS_KEYS } from './blockStats';
import { rpc, type RpcCall } from './calls';
import { BitcoindError } from './errors';
import { feeWindowHeights, nodeFeeMean } from './fees';
import { classifyNode, type NodeState } from './nodeState';
import type { BlockHeader, BlockchainInfo } from './results';
import {
  buildNodeSnapshot,
  QUARTER_EPOCH_BLOCKS,
  TREND_WINDOWS,
  type NodeChainData,
  type NodePrices,
} from './snapshot';
import { t } from '../../l10n';

export type RpcOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error };

/** What the reader needs of a JSON-RPC client (JsonRpcClient satisfies it). */
export interface NodeRpc {
  call<T>(call: RpcCall<T>): Promise<T>;
  batch(calls: readonly RpcCall<unknown>[]): Promise<readonly RpcOutcome<unknown>[]>;
}

/** The node is in initial block download: no figure is current. Its message leads with "node syncing 42 %". */
export class NodeSyncingError extends Error {
  constructor(
    readonly state: NodeState,
    nodeUrl: string,
  ) {
    super(
      t(
        '{0}: Bitcoin Core at {1} is still downloading the chain, so its figures are not current yet (showing the last good ones until it catches up).',
        capitalize(state.label),
        nodeUrl,
      ),
    );
    this.name = 'NodeSyncingError';
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Stats keys for the fee mean, plus the hash to notice a reorganisation of a cached block. */
const STATS_KEYS = [...FEE_STATS_KEYS, 'blockhash'] as const;

export interface NodeGlanceOptions {
  readonly rpc: NodeRpc;
  readonly sourceHost: string;
  /** The URL as messages show it (no credentials). */
  readonly nodeUrl: string;
  readonly now: () => number;
  /** The prices for this refresh (never rejects: a failure is a note and the previous prices). */
  readonly prices: (previous: NetworkSnapshot | null) => Promise<NodePrices>;
}

export class NodeGlance {
  private readonly stats = new Map<number, BlockStats>();
  private chain: NodeChainData | null = null;
  /** Node state at the last full read (for the hover and other readers). */
  nodeState: NodeState | null = null;

  constructor(private readonly options: NodeGlanceOptions) {}

  /** Everything read from the node so far (null before the first full read). */
  get chainData(): NodeChainData | null {
    return this.chain;
  }

  /** How many getblockstats results are cached (the fee window). */
  get cachedStats(): number {
    return this.stats.size;
  }

  /** One refresh; rejects with a BitcoindError or NodeSyncingError (the caller keeps the last snapshot). */
  async snapshot(previous: NetworkSnapshot | null): Promise<NetworkSnapshot> {
    const { rpc: client, now } = this.options;
    const best = await client.call(rpc.getBestBlockHash());
    let chain = this.chain;
    if (!chain || chain.tipHash !== best) chain = await this.readChain();
    const prices = await this.options.prices(previous);
    return buildNodeSnapshot(chain, prices, this.options.sourceHost, now());
  }

  private async readChain(): Promise<NodeChainData> {
    const { rpc: client, now, nodeUrl } = this.options;
    const info = await client.call(rpc.getBlockchainInfo());
    const state = classifyNode(info, Math.floor(now() / 1000));
    this.nodeState = state;
    if (state.status === 'syncing') throw new NodeSyncingError(state, nodeUrl);
    const chain = await this.readAt(info);
    this.chain = chain;
    return chain;
  }

  private async readAt(info: BlockchainInfo): Promise<NodeChainData> {
    const { rpc: client, now } = this.options;
    const tip = info.blocks;
    const epochStart = tip - (tip % BLOCKS_PER_EPOCH);
    const quarterHeight = tip % BLOCKS_PER_EPOCH < QUARTER_EPOCH_BLOCKS ? tip - QUARTER_EPOCH_BLOCKS : null;
    const windowHeights = feeWindowHeights(tip, BLOCKS_PER_DAY);
    this.dropOutside(windowHeights);
    const missing = windowHeights.filter((h) => !this.stats.has(h));
    // The newest cached block: if its hash changed, a reorganisation replaced cached blocks.
    const newestCached = Math.max(-1, ...this.stats.keys());

    const headerHeights = [epochStart, ...(epochStart > 0 ? [epochStart - 1] : [])];
    if (quarterHeight !== null && quarterHeight >= 0) headerHeights.push(quarterHeight);
    const trendHeights: number[] = [];
    for (let k = 0; k < TREND_WINDOWS && tip - k * BLOCKS_PER_DAY >= BLOCKS_PER_DAY; k++)
      trendHeights.push(tip - k * BLOCKS_PER_DAY);

    const calls: RpcCall<unknown>[] = [
      rpc.getNetworkHashPs(1008, tip),
      ...trendHeights.map((h) => rpc.getNetworkHashPs(BLOCKS_PER_DAY, h)),
      ...headerHeights.map((h) => rpc.getBlockHash(h)),
      ...(newestCached >= 0 ? [rpc.getBlockHash(newestCached)] : []),
      ...missing.map((h) => rpc.getBlockStats(h, STATS_KEYS)),
    ];
    const out = await client.batch(calls);
    let i = 0;
    const hashrate7dHps = value(out[i++], 'getnetworkhashps(1008)') as number;
    const windowHashratesHps = trendHeights.map(() => {
      const o = out[i++]!;
      return o.ok ? (o.value as number) : null;
    });
    const headerHashes = headerHeights.map((h) => value(out[i++], `getblockhash(${h})`) as string);
    if (newestCached >= 0) {
      const o = out[i++]!;
      if (!o.ok || o.value !== this.stats.get(newestCached)?.blockHash) {
        // Reorganised (or unknown): every cached block may be gone; read the window again, once.
        this.stats.clear();
        const again = await client.batch(windowHeights.map((h) => rpc.getBlockStats(h, STATS_KEYS)));
        this.keepStats(again);
      }
    }
    this.keepStats(out.slice(i));

    const headers = (await client.batch(headerHashes.map((h) => rpc.getBlockHeader(h)))).map(
      (o, j) => value(o, `getblockheader at ${headerHeights[j]}`) as BlockHeader,
    );
    const feeStats = windowHeights.map((h) => this.stats.get(h)).filter((s): s is BlockStats => s !== undefined);
    const fees = nodeFeeMean(feeStats, BLOCKS_PER_DAY);
    if (!fees || fees.toHeight !== tip) throw this.feesMissing(out.slice(i), tip);
    const start = headers[0]!;
    return {
      tipHash: info.bestBlockHash,
      tipHeight: tip,
      tipTimeS: info.timeS,
      difficulty: info.difficulty,
      hashrate7dHps,
      windowHashratesHps,
      epochStart: {
        height: epochStart,
        timeS: start.timeS,
        difficulty: start.difficulty,
        previousDifficulty: epochStart > 0 ? headers[1]!.difficulty : null,
      },
      quarterEpochBlockS: quarterHeight !== null && quarterHeight >= 0 ? headers[headers.length - 1]!.timeS : null,
      fees,
      feeStats,
      readAtMs: now(),
    };
  }

  private keepStats(outcomes: readonly RpcOutcome<unknown>[]): void {
    for (const o of outcomes) {
      if (!o.ok) continue;
      const s = o.value as BlockStats;
      if (s.height !== null) this.stats.set(s.height, s);
    }
  }

  private dropOutside(heights: readonly number[]): void {
    const keep = new Set(heights);
    for (const h of [...this.stats.keys()]) if (!keep.has(h)) this.stats.delete(h);
  }

  /** The tip's own fees are missing: say why (the first failure tells: pruned, method missing…). */
  private feesMissing(outcomes: readonly RpcOutcome<unknown>[], tip: number): Error {
    const failure = outcomes.find((o): o is { ok: false; error: Error } => !o.ok);
    return (
      failure?.error ??
      new BitcoindError('invalid', `Bitcoin Core at ${this.options.nodeUrl} gave no fee statistics for block ${tip}.`)
    );
  }
}

/** An essential batch element: its error is the refresh's error. */
function value(outcome: RpcOutcome<unknown> | undefined, what: string): unknown {
  if (!outcome) throw new BitcoindError('invalid', `No reply to ${what} in the batch.`);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
