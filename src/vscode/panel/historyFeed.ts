// The charts' data: one dataset per range, from the window's history loader (memory), the disk cache of
// the last session, or the network — whichever answers first, never replaced by an older one. What was
// last posted per range is also what a CSV export writes. With the node as the source (nodeHistorySource.ts)
// the node answers instead of mempool's history, a long fill posting its progress and what it has so far.
import type { HistoryLoader } from '../../core/history/loader';
import { describeFailure } from '../../core/transport';
import type { HistoryDataset, HostMessage, RangeId } from '../../shared/protocol';
import type { Log } from '../log';
import type { HistoryDiskCache } from './historyDiskCache';
import type { NodeHistorySource } from './nodeHistorySource';
import type { PanelHost } from './panelHost';

export interface HistoryFeedDeps {
  readonly loader: HistoryLoader;
  /** The node's history when the node is the source, else null (mempool's history). */
  readonly node: () => NodeHistorySource | null;
  readonly disk: HistoryDiskCache;
  readonly host: PanelHost;
  readonly log: Log;
  readonly post: (message: HostMessage) => void;
  /** The range the page shows now. */
  readonly shownRange: () => RangeId;
  readonly isDisposed: () => boolean;
  /** A dataset arrived (posted when `posted` is true): the key figures and the P&L may use it. */
  readonly onDataset: (dataset: HistoryDataset, posted: boolean) => void;
}

/** Where the panel's history comes from now: the node's when it is the source, else mempool's, and its name. */
export interface PanelHistorySource {
  readonly loader: HistoryLoader | NodeHistorySource;
  readonly sourceHost: string;
}

export function panelHistorySource(deps: Pick<HistoryFeedDeps, 'loader' | 'node' | 'host'>): PanelHistorySource {
  const node = deps.node();
  return node
    ? { loader: node, sourceHost: node.sourceHost }
    : { loader: deps.loader, sourceHost: deps.host.sourceHost };
}

export class HistoryFeed {
  /** The dataset last posted per range. */
  private readonly posted = new Map<RangeId, HistoryDataset>();
  private readonly errors = new Map<RangeId, string>();

  constructor(private readonly deps: HistoryFeedDeps) {}

  postedFor(range: RangeId): HistoryDataset | null {
    return this.posted.get(range) ?? null;
  }

  /** A new page: it has nothing yet. */
  forgetPosted(): void {
    this.posted.clear();
  }

  /** Other settings: earlier datasets and errors belong to the old ones. */
  reset(): void {
    this.errors.clear();
    this.posted.clear();
  }

  private source(): PanelHistorySource {
    return panelHistorySource(this.deps);
  }

  /** The page's Cancel: a node fill stops after its current chunk (mempool's loads are short: ignored). */
  cancel(range: RangeId): void {
    this.deps.node()?.cancel(range);
  }

  /** Posts what is cached for the range at once (memory, else disk), then refreshes it if it is old. */
  async show(range: RangeId): Promise<void> {
    const { disk, host } = this.deps;
    const { loader, sourceHost } = this.source();
    const currency = host.settings.currency;
    const cached = loader.peek(range, currency) ?? (await disk.load(sourceHost, currency, range));
    if (cached && range === this.deps.shownRange()) this.postHistory(cached);
    const error = this.errors.get(range);
    if (error && !loader.isLoading(range))
      this.deps.post({ type: 'historyState', range, state: 'error', message: error });
    if (!cached || loader.isStale(range) || loader.isLoading(range)) await this.load(range, false);
  }

  /** The shown range is old (the host just refreshed): bring it up to date in place. */
  refreshShownIfStale(): void {
    const range = this.deps.shownRange();
    const { loader } = this.source();
    if (loader.isStale(range) && !loader.isLoading(range)) void this.load(range, false);
  }

  async load(range: RangeId, force: boolean): Promise<void> {
    const { disk, host, post } = this.deps;
    const node = this.deps.node();
    const currency = host.settings.currency;
    post({ type: 'historyState', range, state: 'loading', message: null });
    try {
      const dataset = node
        ? await node.load(range, currency, force, {
            onProgress: (progress, partial) => {
              if (this.deps.isDisposed()) return;
              post({ type: 'historyState', range, state: 'loading', message: null, progress });
              if (range === this.deps.shownRange() && currency === host.settings.currency) this.postHistory(partial);
            },
          })
        : await this.deps.loader.load(range, currency, force);
      if (this.deps.isDisposed()) return;
      this.errors.delete(range);
      disk.save(dataset);
      if (range === this.deps.shownRange() && currency === host.settings.currency) {
        this.posted.delete(range);
        this.postHistory(dataset);
      } else {
        this.deps.onDataset(dataset, false);
      }
      post({ type: 'historyState', range, state: 'loaded', message: null });
    } catch (error) {
      if (this.deps.isDisposed()) return;
      const message = describeFailure(error);
      this.errors.set(range, message);
      this.deps.log.warn(`Panel: could not load the ${range} history: ${message}`);
      post({ type: 'historyState', range, state: 'error', message });
    }
  }

  private postHistory(dataset: HistoryDataset): void {
    const last = this.posted.get(dataset.range);
    if (last && last.currency === dataset.currency && last.fetchedAtMs > dataset.fetchedAtMs) return;
    this.posted.set(dataset.range, dataset);
    this.deps.post({ type: 'history', dataset });
    this.deps.onDataset(dataset, true);
  }
}
