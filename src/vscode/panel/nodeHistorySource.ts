// The panel's history when the source is the user's node: the core fill (src/core/history/node) over the
// node's JSON-RPC, its store on disk in global storage (one file per chain + genesis, checked when read),
// prices from the mempool instance when there is one. Same surface as HistoryLoader (peek, isStale,
// isLoading, load), plus progress and cancel for the long fills.
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { PricePoint } from '../../core/history/align';
import { buildNodeDataset } from '../../core/history/node/assemble';
import { fillNodeHistory, type FillProgress, type FillResult, type NodeBatcher } from '../../core/history/node/fill';
import { planNodeHistory } from '../../core/history/node/plan';
import {
  NodeHistoryStore,
  checkNodeHistoryFile,
  nodeHistoryFileName,
  type NodeIdentity,
} from '../../core/history/node/store';
import type { HistoryDataset, RangeId } from '../../core/history/types';
import type { Currency } from '../../core/model';
import { rpc, type RpcCall } from '../../core/sources/bitcoind/calls';
import { describeFailure } from '../../core/transport';
import type { Log } from '../log';

/** The node as this needs it: JsonRpcClient satisfies it (batch elements fail one by one). */
export interface NodeClient extends NodeBatcher {
  call<T>(call: RpcCall<T>): Promise<T>;
}

export interface NodeHistoryDeps {
  readonly storageDir: vscode.Uri;
  readonly log: Log;
  /** The node's client (rejects with a clear message when the settings are unusable). */
  readonly node: () => Promise<NodeClient>;
  /** Labels the datasets (host:port of the node). */
  readonly sourceHost: string;
  /** Daily prices in a currency (mempool's history); rejects when unavailable. */
  readonly prices: (currency: Currency) => Promise<PricePoint[]>;
  readonly now: () => number;
}

export interface ProgressHooks {
  /** After each chunk of a fill: how far it got and the dataset as it stands. */
  readonly onProgress?: (progress: FillProgress, partial: HistoryDataset) => void;
}

const MAX_AGE_MS = 10 * 60_000;
const PRICE_MAX_AGE_MS = 60 * 60_000;
/** While a long fill runs, what it brought is written to disk at most this often (and at its end). */
const SAVE_EVERY_MS = 10_000;

export class NodeHistorySource {
  private store: NodeHistoryStore | null = null;
  private readonly datasets = new Map<string, { dataset: HistoryDataset; atMs: number }>();
  private readonly loading = new Map<RangeId, Promise<HistoryDataset>>();
  private readonly cancelled = new Set<RangeId>();
  private readonly prices = new Map<Currency, { points: PricePoint[]; atMs: number }>();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly deps: NodeHistoryDeps) {}

  get sourceHost(): string {
    return this.deps.sourceHost;
  }

  peek(range: RangeId, currency: Currency): HistoryDataset | null {
    return this.datasets.get(`${range}|${currency}`)?.dataset ?? null;
  }

  isStale(range: RangeId): boolean {
    const newest = Math.max(0, ...[...this.datasets].filter(([k]) => k.startsWith(`${range}|`)).map(([, v]) => v.atMs));
    return this.deps.now() - newest >= MAX_AGE_MS;
  }

  isLoading(range: RangeId): boolean {
    return this.loading.has(range);
  }

  /** Stops the range's fill before its next chunk (what was fetched stays, on disk too). */
  cancel(range: RangeId): void {
    if (this.loading.has(range)) this.cancelled.add(range);
  }

  load(range: RangeId, currency: Currency, _force = false, hooks: ProgressHooks = {}): Promise<HistoryDataset> {
    const running = this.loading.get(range);
    if (running) return running;
    this.cancelled.delete(range);
    const promise = this.run(range, currency, hooks).finally(() => {
      this.loading.delete(range);
      this.cancelled.delete(range);
    });
    this.loading.set(range, promise);
    return promise;
  }

  private async run(range: RangeId, currency: Currency, hooks: ProgressHooks): Promise<HistoryDataset> {
    const node = await this.deps.node();
    const [info, genesisHash] = await Promise.all([node.call(rpc.getBlockchainInfo()), node.call(rpc.getBlockHash(0))]);
    if (info.initialBlockDownload)
      throw new Error(
        vscode.l10n.t(
          'Your node is syncing ({0} %): its history is drawn once it has caught up.',
          Math.floor(info.verificationProgress * 100),
        ),
      );
    const identity: NodeIdentity = { chain: info.chain, genesisHash };
    const store = await this.storeFor(identity);
    const fresh = new NodeHistoryStore(identity);
    const plan = planNodeHistory(range, info.blocks, this.deps.now() / 1000, info.pruned ? info.pruneHeight : null);
    let prices: { points: PricePoint[] | null; missing?: string } = { points: null, missing: 'loading' };
    const pricesDone = this.pricesFor(currency).then((p) => (prices = p));
    const build = (fill: FillResult | null, progress: FillProgress | null): HistoryDataset =>
      buildNodeDataset(plan, store, fresh, {
        currency,
        sourceHost: this.deps.sourceHost,
        fetchedAtMs: this.deps.now(),
        prices: prices.points,
        pricesMissing: prices.missing,
        fill,
        progress,
      });
    let savedAtMs = this.deps.now();
    const fill = await fillNodeHistory(node, plan, store, fresh, {
      isCancelled: () => this.cancelled.has(range),
      onProgress: (progress) => {
        if (progress.done === 0 || progress.done >= progress.total) return;
        if (this.deps.now() - savedAtMs > SAVE_EVERY_MS) {
          savedAtMs = this.deps.now();
          this.save(store);
        }
        hooks.onProgress?.(progress, build(null, progress));
      },
    });
    for (const failure of fill.failures.slice(0, 5)) this.deps.log.warn(`Node history: ${failure}`);
    this.save(store);
    await pricesDone;
    const dataset = build(fill, null);
    if (fill.error && dataset.days.timeS.length === 0) throw fill.error;
    // A cancelled or broken fill is not fresh: showing the range again goes on where it stopped.
    const complete = !fill.cancelled && !fill.error;
    this.datasets.set(`${range}|${currency}`, { dataset, atMs: complete ? this.deps.now() : 0 });
    return dataset;
  }

  private async pricesFor(currency: Currency): Promise<{ points: PricePoint[] | null; missing?: string }> {
    const cached = this.prices.get(currency);
    if (cached && this.deps.now() - cached.atMs < PRICE_MAX_AGE_MS) return { points: cached.points };
    try {
      const points = await this.deps.prices(currency);
      this.prices.set(currency, { points, atMs: this.deps.now() });
      return { points };
    } catch (error) {
      if (cached) return { points: cached.points };
      return { points: null, missing: describeFailure(error) };
    }
  }

  private fileOf(identity: NodeIdentity): vscode.Uri {
    return vscode.Uri.joinPath(this.deps.storageDir, nodeHistoryFileName(identity));
  }

  /** The store of this node: in memory, else from its file (checked), else empty. */
  private async storeFor(identity: NodeIdentity): Promise<NodeHistoryStore> {
    if (this.store?.sameNode(identity)) return this.store;
    let store = new NodeHistoryStore(identity);
    const uri = this.fileOf(identity);
    let bytes: Uint8Array | null = null;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      // No file yet: a first fetch.
    }
    if (bytes) {
      try {
        const loaded = NodeHistoryStore.from(checkNodeHistoryFile(JSON.parse(Buffer.from(bytes).toString('utf8'))));
        if (loaded.sameNode(identity)) store = loaded;
        else this.deps.log.warn(`Ignoring ${uri.fsPath}: it belongs to another chain or genesis block.`);
      } catch (error) {
        this.deps.log.warn(`Ignoring the node history cache ${uri.fsPath}: ${describeError(error)}`);
      }
    }
    this.store = store;
    return store;
  }

  /** Fire and forget, one write at a time. */
  private save(store: NodeHistoryStore): void {
    const uri = this.fileOf(store.identity);
    const text = JSON.stringify(store.toFile());
    this.saving = this.saving
      .then(async () => {
        await vscode.workspace.fs.createDirectory(this.deps.storageDir);
        await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
      })
      .catch((error: unknown) =>
        this.deps.log.warn(`Could not save the node history to ${uri.fsPath}: ${describeError(error)}`),
      );
  }

  /** Settles when the last write started so far is done (tests, shutdown). */
  flushed(): Promise<void> {
    return this.saving;
  }
}
