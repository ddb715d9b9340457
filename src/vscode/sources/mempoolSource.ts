// A mempool instance as the glance source: tip-first polling of its REST API (core/fetchSnapshot.ts), the
// month of daily hashprice inputs, and the price source when the user chose another than mempool's.
import { fetchSnapshot, withHashpriceDaily, type SnapshotResult } from '../../core/fetchSnapshot';
import { glancePrices } from '../../core/glance/prices';
import type { NetworkSnapshot } from '../../core/model';
import { sourceHostOf, type Settings } from '../../core/settings';
import type { HttpClient } from '../../net/index';
import type { GlanceSource } from './glanceSource';

export class MempoolSource implements GlanceSource {
  readonly kind = 'mempool';
  readonly sourceHost: string;

  constructor(
    private readonly settings: () => Settings,
    /** The DataService's client: shared with live push and the panel's requests. */
    private readonly client: () => HttpClient,
  ) {
    this.sourceHost = sourceHostOf(settings().mempoolUrl);
  }

  async refresh(previous: NetworkSnapshot | null, shown: NetworkSnapshot | null): Promise<SnapshotResult> {
    const client = this.client();
    const now = (): number => Date.now();
    const fetched = await fetchSnapshot(client, this.sourceHost, now, previous);
    const daily = await withHashpriceDaily(client, fetched.snapshot, shown, now);
    const settings = this.settings();
    if (settings.priceSource === 'mempool')
      return { snapshot: daily.snapshot, warnings: [...fetched.warnings, ...daily.warnings] };
    // The user prefers their own price (or none) over the instance's.
    const p = await glancePrices({
      kind: settings.priceSource,
      currency: settings.currency,
      manualBtcPrice: settings.manualBtcPrice,
      mempoolHost: this.sourceHost,
      transport: () => client,
      nowMs: now(),
      previous: null,
    });
    const notes = [...(daily.snapshot.sourceNotes ?? []), ...(p.note ? [p.note] : [])];
    return {
      snapshot: {
        ...daily.snapshot,
        prices: p.prices,
        priceSource: p.label,
        ...(notes.length > 0 ? { sourceNotes: notes } : {}),
      },
      warnings: [...fetched.warnings, ...daily.warnings],
    };
  }

  clearCache(): void {
    this.client().clearCache();
  }

  dispose(): void {
    // The client belongs to the DataService.
  }
}
