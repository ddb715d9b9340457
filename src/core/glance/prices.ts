// The BTC price for a source that has none of its own (a node), per `miningEconomics.priceSource`:
// mempool's /api/v1/prices, a price the user typed, or no price at all. Never rejects: a failed fetch keeps
// the previous prices with a note saying so (hashvalue in sats needs no price).

import type { Currency, Prices } from '../model';
import { parsePrices } from '../parse';
import type { PriceSourceKind } from '../settings';
import { getParsed, type Transport } from '../transport';
import type { NodePrices } from '../sources/bitcoind/snapshot';
import { describeError } from '../errors';
import { t } from '../l10n';

export const PRICES_PATH = '/api/v1/prices';

export interface PriceOptions {
  readonly kind: PriceSourceKind;
  readonly currency: Currency;
  readonly manualBtcPrice: number | null;
  /** The mempool instance's host ("mempool.space") and its transport, for kind 'mempool'. */
  readonly mempoolHost: string;
  readonly transport: () => Transport;
  readonly nowMs: number;
  /** The prices of the last snapshot, kept when a fetch fails. */
  readonly previous: Prices | null;
}

export async function glancePrices(o: PriceOptions): Promise<NodePrices> {
  const timeS = Math.floor(o.nowMs / 1000);
  if (o.kind === 'none') return { prices: { timeS, perBtc: {} }, label: 'none', note: null };
  if (o.kind === 'manual') {
    if (o.manualBtcPrice === null)
      return {
        prices: { timeS, perBtc: {} },
        label: 'manual',
        note: t(
          'the price source is "manual" but miningEconomics.manualBtcPrice is not set, so fiat figures are missing',
        ),
      };
    return { prices: { timeS, perBtc: { [o.currency]: o.manualBtcPrice } }, label: 'manual', note: null };
  }
  try {
    const prices = await getParsed(o.transport(), PRICES_PATH, parsePrices);
    return { prices, label: o.mempoolHost, note: null };
  } catch (error) {
    const why = describeError(error);
    return {
      prices: o.previous ?? { timeS, perBtc: {} },
      label: o.mempoolHost,
      note: o.previous
        ? t('prices from {0} unavailable ({1}): showing the last ones', o.mempoolHost, why)
        : t('prices from {0} unavailable ({1}), so fiat figures are missing', o.mempoolHost, why),
    };
  }
}
