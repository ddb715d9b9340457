// The key figures' 7/30-day changes need a daily history of at least a month: the newest dataset of the
// current source and currency that covers it, from any range already loaded, else a background load of one —
// from the same history the charts use (the node's, when it is the source: never mempool's under its name).
import { deriveSeries, type DerivedSeries } from '../../core/history/derive';
import { coversKeyFigures } from '../../core/views/keyFigures';
import { describeFailure } from '../../core/transport';
import { RANGES, type HistoryDataset, type RangeId } from '../../shared/protocol';
import type { Log } from '../log';
import type { PanelHistorySource } from './historyFeed';
import type { PanelHost } from './panelHost';

/** The range fetched for the changes when the shown range is too short. */
const KEY_FIGURES_RANGE: RangeId = '3M';
/** After a failed load, try again with a later refresh, not in a loop. */
const RETRY_AFTER_MS = 5 * 60_000;

export interface Basis {
  readonly dataset: HistoryDataset;
  readonly series: DerivedSeries;
}

export class KeyFiguresBasis {
  private basis: Basis | null = null;
  private retryAtMs = 0;

  constructor(
    private readonly source: () => PanelHistorySource,
    private readonly host: PanelHost,
    private readonly log: Log,
    /** A better basis was found (the figures and the P&L may change). */
    private readonly onChange: () => void,
  ) {}

  /** The basis as it is, whether or not it fits the current settings. */
  get dataset(): HistoryDataset | null {
    return this.basis?.dataset ?? null;
  }

  reset(): void {
    this.basis = null;
    this.retryAtMs = 0;
  }

  /** Keeps the newest dataset long enough for the changes. */
  consider(dataset: HistoryDataset): void {
    if (dataset.currency !== this.host.settings.currency || dataset.sourceHost !== this.source().sourceHost) return;
    const series = deriveSeries(dataset);
    if (!coversKeyFigures(series)) return;
    if (
      this.basis &&
      this.basis.dataset.fetchedAtMs > dataset.fetchedAtMs &&
      this.basis.dataset.currency === dataset.currency
    )
      return;
    this.basis = { dataset, series };
    this.onChange();
  }

  /** A basis for the current settings, looking for one (or starting its load) when there is none. */
  usable(): Basis | null {
    if (!this.fits()) this.find();
    return this.fits() ? this.basis : null;
  }

  private fits(): boolean {
    return (
      this.basis !== null &&
      this.basis.dataset.currency === this.host.settings.currency &&
      this.basis.dataset.sourceHost === this.source().sourceHost
    );
  }

  private find(): void {
    const currency = this.host.settings.currency;
    const { loader } = this.source();
    for (const range of RANGES) {
      if (range === '1M') continue;
      const dataset = loader.peek(range, currency);
      if (dataset) {
        const series = deriveSeries(dataset);
        if (coversKeyFigures(series)) {
          this.basis = { dataset, series };
          return;
        }
      }
    }
    if (loader.isLoading(KEY_FIGURES_RANGE) || Date.now() < this.retryAtMs) return;
    void loader.load(KEY_FIGURES_RANGE, currency).then(
      (dataset) => this.consider(dataset),
      (error: unknown) => {
        this.retryAtMs = Date.now() + RETRY_AFTER_MS;
        this.log.warn(`Panel: history for the key figures' changes unavailable: ${describeFailure(error)}`);
      },
    );
  }
}
