// Whether the source's data is current, judged from the data itself: a source can answer every request
// promptly and still serve a chain tip that is months old (an unsyncing self-hosted node, a stuck
// instance) — "updated just now" would then be a lie. Also what the source said it could not provide.

import { formatDuration } from '../format';
import type { NetworkSnapshot } from '../model';
import { t } from '../l10n';

/** A gap this long happens about once in years (P = e^−12 per block): say the source may be syncing. */
export const TIP_NOTICE_AFTER_MS = 2 * 3600_000;
/** Beyond a day the figures describe another time: stale, like a failed refresh. */
export const TIP_STALE_AFTER_MS = 24 * 3600_000;

export interface SourceHealth {
  /** Why the data cannot be shown as current (the tip is over a day old), or null. */
  readonly staleReason: string | null;
  /** Things worth saying that do not make the data stale, phrased for people. */
  readonly notices: readonly string[];
}

/** "3 h", "150 d": the two leading units of a duration. */
function shortDuration(ms: number): string {
  return formatDuration(ms).split(' ').slice(0, 2).join(' ');
}

/**
 * The tip's age is judged at fetch time (data this window failed to refresh is a different problem, see
 * staleness) and shown as of now. Without the tip block (latest blocks unavailable) there is no judgement.
 */
export function sourceHealth(snapshot: NetworkSnapshot, nowMs: number): SourceHealth {
  const notices: string[] = [];
  let staleReason: string | null = null;
  const tip = snapshot.latestBlocks.find((b) => b.height === snapshot.tipHeight) ?? snapshot.latestBlocks[0];
  if (tip) {
    const tipMs = tip.timeS * 1000;
    const ageAtFetchMs = snapshot.fetchedAtMs - tipMs;
    if (ageAtFetchMs > TIP_NOTICE_AFTER_MS) {
      const message = t(
        "the source's last block is {0} old — is it syncing?",
        shortDuration(Math.max(nowMs, snapshot.fetchedAtMs) - tipMs),
      );
      if (ageAtFetchMs > TIP_STALE_AFTER_MS) staleReason = message;
      else notices.push(message);
    }
  }
  notices.push(...(snapshot.sourceNotes ?? []));
  // mempool sends −1 for every currency when its price updater is off (parsePrices drops them).
  if (Object.keys(snapshot.prices.perBtc).length === 0) {
    if (snapshot.priceSource === 'none')
      notices.push(
        t('no price source is set (miningEconomics.priceSource is "none"): hashvalue in sats only, no fiat figures'),
      );
    // A separate price source explains its own gaps (its note is among sourceNotes).
    else if (snapshot.priceSource === undefined)
      notices.push(t('the source has no BTC prices — its price updater seems to be off, so fiat figures are missing'));
  }
  return { staleReason, notices };
}
