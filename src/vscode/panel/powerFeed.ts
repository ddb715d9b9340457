// The "Power & pools" section's data: the power state is built from the shown range's history (already
// fetched for the trends), today's market and the assumptions; the pools come from mempool's two pools
// routes for the shown range. Both are sent only once the section's script said `power/ready` on the
// current page. A 404 on the pools routes (an instance without mining indexing) is said as such; the power
// half does not depend on it.
import { t } from '../../core/l10n';
import { RANGE_PERIODS, type HistoryDataset, type RangeId } from '../../core/history/types';
import type { MarketInputs } from '../../core/pnl/profitability';
import { parseMiningPools, parsePoolHashrates, POOL_HASHRATE_ENDPOINT, POOLS_ENDPOINT } from '../../core/power';
import { shownSourceHost } from '../../core/settings';
import { describeFailure, getParsed, isTransportError } from '../../core/transport';
import { computeGlanceFigures } from '../../core/views/glanceFigures';
import { buildPoolsData, type PoolsState } from '../../core/views/poolsState';
import { buildPowerState } from '../../core/views/powerState';
import type { HostMessage, PowerReference } from '../../shared/protocol';
import type { Log } from '../log';
import type { PanelHost } from './panelHost';
import { readPowerAssumptions } from './powerAssumptions';

/** Pools data older than this is fetched again when the section is shown (mempool caches ~2 min). */
export const POOLS_MAX_AGE_MS = 10 * 60_000;

export interface PowerFeedDeps {
  readonly host: PanelHost;
  readonly log: Log;
  readonly post: (message: HostMessage) => void;
  readonly isDisposed: () => boolean;
  /** The range the page shows and its dataset as posted (null: not loaded yet). */
  readonly shown: () => { readonly range: RangeId; readonly dataset: HistoryDataset | null };
  readonly now?: () => number;
}

/** A 404 from the pools routes: the instance does not index mining pools. */
export function isNotFound(error: unknown): boolean {
  return isTransportError(error) && error.kind === 'http' && error.details.status === 404;
}

export class PowerFeed {
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reference: PowerReference | null = null;
  /** Pools per source host and range, with when they were fetched (failures are not kept). */
  private readonly pools = new Map<string, { readonly state: PoolsState; readonly atMs: number }>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: PowerFeedDeps) {}

  /** A new or hidden page has no power script yet; `power/ready` says it has. */
  setReady(ready: boolean): void {
    this.ready = ready;
    if (ready) {
      this.post();
      void this.loadPools();
    }
  }

  setReference(reference: PowerReference): void {
    this.reference = reference;
    this.post();
  }

  /** The history, the market or the settings changed: one state for them all, after they did. */
  schedule(): void {
    if (!this.ready || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.post();
    }, 0);
  }

  /** The page switched range: new pools for it (the power follows the new dataset through schedule()). */
  rangeChanged(): void {
    if (this.ready) void this.loadPools();
  }

  /** Another instance or currency: earlier pools belong to the old one. */
  reset(): void {
    this.pools.clear();
    if (this.ready) void this.loadPools();
  }

  post(): void {
    if (!this.ready || this.deps.isDisposed()) return;
    const { host } = this.deps;
    const { dataset } = this.deps.shown();
    if (!dataset) {
      this.deps.post({
        type: 'power/state',
        state: null,
        message: t('Waiting for the hash-rate history…'),
      });
      return;
    }
    try {
      const state = buildPowerState({
        dataset,
        sourceHost: shownSourceHost(dataset.sourceHost),
        assumptions: readPowerAssumptions(
          host.settings,
          this.reference,
          host.state.current.snapshot?.prices.perBtc ?? null,
        ),
        market: this.market(),
        pnl: host.settings.pnl,
      });
      this.deps.post({ type: 'power/state', state, message: null });
    } catch (error) {
      const reason = describeFailure(error);
      this.deps.log.error(`Panel: Could not compute the network power: ${reason}`);
      this.deps.post({
        type: 'power/state',
        state: null,
        message: t('Could not compute the network power: {0}', reason),
      });
    }
  }

  /** Today's hashprice and BTC price as the status bar sees them; null before the first snapshot. */
  private market(): MarketInputs | null {
    const { host } = this.deps;
    const snapshot = host.state.current.snapshot;
    if (!snapshot) return null;
    const figures = computeGlanceFigures(snapshot, host.settings.currency, this.now(), host.settings.pnl);
    const hp = figures.hashprice;
    if (!hp || hp.hashpricePerPhDay === null || figures.btcPrice === null) return null;
    return {
      hashpricePerPhDay: hp.hashpricePerPhDay,
      hashvalueBtcPerPhDay: hp.hashvalueBtcPerPhDay,
      btcPrice: figures.btcPrice,
    };
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Posts the cached pools of the shown range, fetching them when missing or old. */
  async loadPools(): Promise<void> {
    const { host, log } = this.deps;
    const range = this.deps.shown().range;
    const key = `${host.sourceHost} ${range}`;
    const cached = this.pools.get(key);
    if (cached) this.postPools(range, cached.state);
    if ((cached && this.now() - cached.atMs < POOLS_MAX_AGE_MS) || this.inFlight.has(key)) return;
    if (!cached) this.postPools(range, { range, status: 'loading', message: null, data: null });
    this.inFlight.add(key);
    let state: PoolsState;
    try {
      const period = RANGE_PERIODS[range];
      const transport = host.transport();
      const [summary, weekly] = await Promise.all([
        getParsed(transport, `${POOLS_ENDPOINT}/${period}`, parseMiningPools),
        getParsed(transport, `${POOL_HASHRATE_ENDPOINT}/${period}`, parsePoolHashrates),
      ]);
      state = { range, status: 'ok', message: null, data: buildPoolsData(summary, weekly) };
      this.pools.set(key, { state, atMs: this.now() });
    } catch (error) {
      if (isNotFound(error)) {
        state = {
          range,
          status: 'unavailable',
          message: t(
            '{0} does not serve mining-pool statistics (HTTP 404: mining indexing is off on this instance).',
            shownSourceHost(host.sourceHost),
          ),
          data: null,
        };
        log.info(`Panel: no pool statistics on ${shownSourceHost(host.sourceHost)} (404).`);
      } else {
        const reason = describeFailure(error);
        state = { range, status: 'error', message: t('Could not load the pools: {0}', reason), data: null };
        log.warn(`Panel: could not load the ${range} pools: ${reason}`);
      }
      // Last good data is kept: an old table beats an error.
      if (cached) state = cached.state;
    } finally {
      this.inFlight.delete(key);
    }
    if (this.deps.shown().range === range && `${host.sourceHost} ${range}` === key) this.postPools(range, state);
  }

  private postPools(range: RangeId, pools: PoolsState): void {
    if (!this.ready || this.deps.isDisposed() || this.deps.shown().range !== range) return;
    this.deps.post({ type: 'power/pools', pools });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
