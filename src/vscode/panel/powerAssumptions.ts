// The one place the "Power & pools" section reads its assumptions from the settings
// (miningEconomics.power.*: network power price in USD/kWh, PUE, where-the-hash-went reference; P&L's power
// price for the breakeven). The USD price is converted to the panel's currency at the source's BTC prices.
import { powerAssumptions } from '../../core/power/assumptions';
import type { Prices } from '../../core/model';
import type { Settings } from '../../core/settings';
import type { PowerAssumptions } from '../../core/views/powerState';
import type { PowerReference } from '../../shared/protocol';

/** The panel's reference for the user's `power.hashReference` setting ('ath' is the peak of the range). */
export function defaultPowerReference(settings: Settings): PowerReference {
  return settings.power.hashReference === 'ath' ? 'peak' : settings.power.hashReference;
}

/**
 * `reference`: the one picked in the panel (null: the setting's). Throws with the reason when the USD network
 * power price cannot be converted to the panel's currency (no prices from the source yet).
 */
export function readPowerAssumptions(
  settings: Settings,
  reference: PowerReference | null,
  perBtc: Prices['perBtc'] | null,
): PowerAssumptions {
  const converted = powerAssumptions({ currency: settings.currency, power: settings.power }, perBtc ?? {});
  if (!converted.ok) throw new Error(converted.reason);
  return {
    networkPowerPricePerKwh: converted.powerPricePerKwh,
    pue: { ...converted.pueByBound },
    userPowerPricePerKwh: settings.pnl.powerPricePerKwh,
    reference: reference ?? defaultPowerReference(settings),
  };
}
