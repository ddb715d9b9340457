// The power assumptions' settings (network power price, PUE, where-the-hash-went reference), read and checked.
import {
  DEFAULT_POWER_SETTINGS,
  HASH_REFERENCE_SETTINGS,
  MAX_NETWORK_POWER_PRICE_USD,
  MAX_PUE,
  MIN_NETWORK_POWER_PRICE_USD,
  MIN_PUE,
  type HashReferenceSetting,
  type PowerSettings,
} from './power/assumptions';
import { quoteSettingValue, type RawSettings } from './settingsValues';

export function readPowerSettings(get: RawSettings, problem: (key: string, message: string) => void): PowerSettings {
  const d = DEFAULT_POWER_SETTINGS;
  let networkPowerPriceUsdPerKwh = d.networkPowerPriceUsdPerKwh;
  const rawPrice = get('power.networkPowerPriceUsdPerKwh');
  if (rawPrice !== undefined) {
    if (
      typeof rawPrice === 'number' &&
      rawPrice >= MIN_NETWORK_POWER_PRICE_USD &&
      rawPrice <= MAX_NETWORK_POWER_PRICE_USD
    )
      networkPowerPriceUsdPerKwh = rawPrice;
    else
      problem(
        'power.networkPowerPriceUsdPerKwh',
        `must be a number of USD per kWh from ${MIN_NETWORK_POWER_PRICE_USD} to ${MAX_NETWORK_POWER_PRICE_USD}, got ${quoteSettingValue(rawPrice)}. Using ${d.networkPowerPriceUsdPerKwh} (CBECI v1.x).`,
      );
  }
  let pue = d.pue;
  const rawPue = get('power.pue');
  if (rawPue !== undefined && rawPue !== null) {
    if (typeof rawPue === 'number' && rawPue >= MIN_PUE && rawPue <= MAX_PUE) pue = rawPue;
    else
      problem(
        'power.pue',
        `must be a number from ${MIN_PUE} to ${MAX_PUE}, or null for CBECI v1.x's 1.01 / 1.10 / 1.20, got ${quoteSettingValue(rawPue)}. Using CBECI v1.x's.`,
      );
  }
  let hashReference = d.hashReference;
  const rawReference = get('power.hashReference');
  if (rawReference !== undefined) {
    if ((HASH_REFERENCE_SETTINGS as readonly unknown[]).includes(rawReference))
      hashReference = rawReference as HashReferenceSetting;
    else
      problem(
        'power.hashReference',
        `${quoteSettingValue(rawReference)} is not one of ${HASH_REFERENCE_SETTINGS.join(', ')}. Using ${d.hashReference}.`,
      );
  }
  return { networkPowerPriceUsdPerKwh, pue, hashReference };
}
