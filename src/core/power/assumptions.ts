/**
 * The network-power assumptions the user can set (`miningEconomics.power.*`), and the one function the
 * hover, the key figures and the panel's power feed call to turn them into the inputs of networkPower and
 * whereHashWent.
 *
 * Defaults are CBECI v1.x's (the project's power reference notes, §2.2–2.3): power price 0.05 USD/kWh
 * (Assumption 1) and PUE 1.01 / 1.10 / 1.20 for the lower bound / best guess / upper bound (Assumptions
 * 4a–c). The price is set in USD, as CBECI states it; the figures are computed in the user's currency, so it
 * is converted at today's BTC prices (perBtc[currency] ÷ perBtc.USD), one rate for every day of a history:
 * the assumption is a constant price, not a price history.
 */
import type { Currency, Prices } from '../model';
import { DEFAULT_HOSTING_INPUTS, type HostingInputs } from '../pnl/hosting';
import { CBECI_V1, type PueByBound } from './networkPower';
import { t } from '../l10n';

/** Where "the hash went" is measured from: the all-time high of the 7-day mean, or 30 / 90 days ago. */
export const HASH_REFERENCE_SETTINGS = ['ath', '30d', '90d'] as const;
export type HashReferenceSetting = (typeof HASH_REFERENCE_SETTINGS)[number];

export const MIN_NETWORK_POWER_PRICE_USD = 0.005;
export const MAX_NETWORK_POWER_PRICE_USD = 1;
export const MIN_PUE = 1;
export const MAX_PUE = 3;

export interface PowerSettings {
  /** USD per kWh for the CBECI profitability threshold (which machines are still running). */
  readonly networkPowerPriceUsdPerKwh: number;
  /** One PUE for every bound; null = CBECI v1.x's 1.01 / 1.10 / 1.20. */
  readonly pue: number | null;
  readonly hashReference: HashReferenceSetting;
}

export const DEFAULT_POWER_SETTINGS: PowerSettings = Object.freeze({
  networkPowerPriceUsdPerKwh: CBECI_V1.powerPricePerKwh,
  pue: null,
  hashReference: 'ath',
});

export interface PowerAssumptions {
  readonly currency: Currency;
  /** The network power price in `currency` per kWh. */
  readonly powerPricePerKwh: number;
  readonly networkPowerPriceUsdPerKwh: number;
  /** For networkPower(): the bounds' PUEs. */
  readonly pueByBound: PueByBound;
  /** For whereHashWent(): the PUE of the machines that left (the best guess's). */
  readonly dropPue: number;
  readonly hashReference: HashReferenceSetting;
  /** The user's AI-hosting assumptions (P&L settings), for "if leased to AI hosting". */
  readonly hosting: Omit<HostingInputs, 'powerPricePerKwh'>;
}

export type PowerAssumptionsResult = ({ ok: true } & PowerAssumptions) | { ok: false; reason: string };

/**
 * The assumptions in the user's currency. Not ok when the currency is not USD and the source has no
 * USD or no `currency` BTC price to convert the USD power price with.
 */
export function powerAssumptions(
  settings: {
    readonly currency: Currency;
    readonly power: PowerSettings;
    /** The P&L's hosting inputs; the P&L defaults when only the network's power is wanted. */
    readonly pnl?: Omit<HostingInputs, 'powerPricePerKwh'>;
  },
  perBtc: Prices['perBtc'],
): PowerAssumptionsResult {
  const { currency, power } = settings;
  const pnl = settings.pnl ?? DEFAULT_HOSTING_INPUTS;
  const usd = power.networkPowerPriceUsdPerKwh;
  let powerPricePerKwh = usd;
  if (currency !== 'USD') {
    const inCurrency = perBtc[currency];
    const inUsd = perBtc.USD;
    if (!(typeof inCurrency === 'number' && inCurrency > 0 && typeof inUsd === 'number' && inUsd > 0))
      return {
        ok: false,
        reason: t(
          'no USD and {0} prices from the source to convert the {1} USD/kWh network power price',
          currency,
          usd,
        ),
      };
    powerPricePerKwh = (usd * inCurrency) / inUsd;
  }
  const pueByBound = power.pue === null ? { ...CBECI_V1.pue } : { low: power.pue, best: power.pue, high: power.pue };
  return {
    ok: true,
    currency,
    powerPricePerKwh,
    networkPowerPriceUsdPerKwh: usd,
    pueByBound,
    dropPue: pueByBound.best,
    hashReference: power.hashReference,
    hosting: {
      colocationPerKwMonth: pnl.colocationPerKwMonth,
      powerPassThrough: pnl.powerPassThrough,
      pue: pnl.pue,
      utilisationPercent: pnl.utilisationPercent,
    },
  };
}
