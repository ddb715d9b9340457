// Fetches and caches the panel's history, per part: each range's series, the whole retarget list (shared by
// every range), and the price history of a non-USD currency (shared too). A dataset is assembled from the
// parts on demand, which takes a few milliseconds, so switching currency re-fetches only the prices.
// Clock and transport are injected: no timers, no I/O of its own.

import type { Currency, DifficultyRecord } from '../model';
import { describeFailure, type Transport } from '../transport';
import { buildHistoryDataset, mergeAdjustments, type PricePoint } from './align';
import { fetchAllAdjustments, fetchPrices, fetchRangeSeries, type RangeSeries } from './fetchHistory';
import type { HistoryDataset, RangeId } from './types';

interface Entry<V> {
  readonly value: V;
  readonly atMs: number;
}

/** A small TTL cache that shares one in-flight load per key and keeps the old value when a reload fails. */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inflight = new Map<string, Promise<Entry<V>>>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 16,
  ) {}

  peek(key: string): Entry<V> | undefined {
    return this.entries.get(key);
  }

  /** The cached value if younger than maxAgeMs (and not forced), else a load; concurrent calls share it. */
  get(key: string, maxAgeMs: number, load: () => Promise<V>, force = false): Promise<Entry<V>> {
    const hit = this.entries.get(key);
    if (hit && !force && this.now() - hit.atMs < maxAgeMs) return Promise.resolve(hit);
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = load().then((value) => {
      const entry = { value, atMs: this.now() };
      this.entries.delete(key);
      this.entries.set(key, entry);
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      return entry;
    });
    this.inflight.set(key, promise);
    const done = (): void => {
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
    };
    promise.then(done, done);
    return promise;
  }

  isLoading(key: string): boolean {
    return this.inflight.has(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

export interface HistoryLoaderOptions {
  readonly transport: () => Transport;
  readonly sourceHost: () => string;
  readonly now: () => number;
  /** Series, retargets: a new day or retarget changes them; mempool's own cache headers say 2–5 min. */
  readonly maxAgeMs?: number;
  /** Price histories change once a day (hourly at most). */
  readonly priceMaxAgeMs?: number;
  /** Problems that did not prevent a dataset (for the log). */
  readonly onWarning?: (message: string) => void;
}

export const DEFAULT_HISTORY_MAX_AGE_MS = 10 * 60_000;
export const DEFAULT_PRICE_MAX_AGE_MS = 60 * 60_000;

export class HistoryLoader {
  private readonly series: TtlCache<RangeSeries>;
  private readonly adjustments: TtlCache<DifficultyRecord[]>;
  private readonly prices: TtlCache<PricePoint[]>;
  private readonly maxAgeMs: number;
  private readonly priceMaxAgeMs: number;

  constructor(private readonly options: HistoryLoaderOptions) {
    this.series = new TtlCache(options.now, RANGE_CACHE_SIZE);
    this.adjustments = new TtlCache(options.now, 4);
    this.prices = new TtlCache(options.now, 4);
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_HISTORY_MAX_AGE_MS;
    this.priceMaxAgeMs = options.priceMaxAgeMs ?? DEFAULT_PRICE_MAX_AGE_MS;
  }

  /** Fetches what is missing or too old (everything when forced) and assembles the range's dataset. */
  async load(range: RangeId, currency: Currency, force = false): Promise<HistoryDataset> {
    const host = this.options.sourceHost();
    const transport = this.options.transport();
    const notes: string[] = [];
    const [series, adjustments, prices] = await Promise.all([
      this.series.get(`${host}|${range}`, this.maxAgeMs, () => this.fetchSeries(transport, range), force),
      // Optional: without it, the range's own retarget list still gives every day's difficulty.
      this.adjustments
        .get(host, this.maxAgeMs, () => fetchAllAdjustments(transport), force)
        .catch((error: unknown) => {
          notes.push(`Retarget history unavailable (${describeFailure(error)}); showing the range's own retargets.`);
          return this.adjustments.peek(host) ?? null;
        }),
      currency === 'USD'
        ? Promise.resolve(null)
        : this.prices
            .get(`${host}|${currency}`, this.priceMaxAgeMs, () => fetchPrices(transport, currency), force)
            .catch((error: unknown) => {
              const cached = this.prices.peek(`${host}|${currency}`);
              if (cached) return cached;
              notes.push(
                `${currency} price history unavailable (${describeFailure(error)}); fiat values are not shown.`,
              );
              return { value: [] as PricePoint[], atMs: this.options.now() };
            }),
    ]);
    return this.assemble(range, currency, host, series, adjustments, prices, notes);
  }

  /** The dataset from whatever is cached (fresh or not), without any request; null if the series is missing. */
  peek(range: RangeId, currency: Currency): HistoryDataset | null {
    const host = this.options.sourceHost();
    const series = this.series.peek(`${host}|${range}`);
    if (!series) return null;
    if (currency !== 'USD' && !this.prices.peek(`${host}|${currency}`)) return null;
    const prices = currency === 'USD' ? null : (this.prices.peek(`${host}|${currency}`) ?? null);
    return this.assemble(range, currency, host, series, this.adjustments.peek(host) ?? null, prices, []);
  }

  /** Whether the range's series is older than the refresh age (or absent). */
  isStale(range: RangeId): boolean {
    const entry = this.series.peek(`${this.options.sourceHost()}|${range}`);
    return !entry || this.options.now() - entry.atMs >= this.maxAgeMs;
  }

  isLoading(range: RangeId): boolean {
    return this.series.isLoading(`${this.options.sourceHost()}|${range}`);
  }

  clear(): void {
    this.series.clear();
    this.adjustments.clear();
    this.prices.clear();
  }

  private async fetchSeries(transport: Transport, range: RangeId): Promise<RangeSeries> {
    const series = await fetchRangeSeries(transport, range);
    for (const warning of series.warnings) this.options.onWarning?.(`${range}: ${warning}`);
    return series;
  }

  private assemble(
    range: RangeId,
    currency: Currency,
    host: string,
    series: Entry<RangeSeries>,
    adjustments: Entry<DifficultyRecord[]> | null,
    prices: Entry<PricePoint[]> | null,
    notes: string[],
  ): HistoryDataset {
    const parts = [series.atMs, adjustments?.atMs ?? series.atMs, prices?.atMs ?? series.atMs];
    const fetchedAtMs = Math.min(...parts);
    return buildHistoryDataset(
      {
        hashrate: series.value.hashrate.daily,
        adjustments: mergeAdjustments(adjustments?.value ?? [], series.value.hashrate.difficulty),
        rewards: series.value.rewards,
        fees: series.value.fees,
        prices: prices ? prices.value : null,
      },
      { range, currency, sourceHost: host, fetchedAtMs, notes },
    );
  }
}

/** Seven ranges plus room for a second source after a settings change. */
const RANGE_CACHE_SIZE = 10;
