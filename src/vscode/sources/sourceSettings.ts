// Which settings name the glance source, and which changes of them matter: read by the data service at every
// settings change, so not part of the lazily loaded sources bundle.
import type { Settings } from '../../core/settings';

/** What names the source: a change of it starts over (state, cache, backoff). Prices are not part of it. */
export function sourceKey(s: Settings): string {
  return s.source === 'bitcoind'
    ? JSON.stringify(['bitcoind', s.bitcoind.url, s.bitcoind.cookieFile, s.bitcoind.user])
    : JSON.stringify(['mempool', s.mempoolUrl]);
}

/** The price settings changed in a way the shown figures depend on: worth a refresh now. */
export function pricesChanged(previous: Settings, current: Settings): boolean {
  if (current.priceSource !== previous.priceSource) return true;
  return (
    current.priceSource === 'manual' &&
    (current.manualBtcPrice !== previous.manualBtcPrice || current.currency !== previous.currency)
  );
}
