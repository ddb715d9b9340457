// The one place the "Power & pools" section reads its assumptions from the settings. The network power
// price, PUE and drop reference settings are being added on another branch (h/powerglance); until they
// exist these are the documented defaults (CBECI v1.x: 0.05 per kWh, PUE 1.01 / 1.10 / 1.20; the peak).
// The integrator rewires this function to read them.
import { CBECI_V1 } from '../../core/power';
import type { Settings } from '../../core/settings';
import type { PowerAssumptions } from '../../core/views/powerState';
import type { PowerReference } from '../../shared/protocol';

export const DEFAULT_POWER_REFERENCE: PowerReference = 'peak';

/** `reference`: the one picked in the panel (null: the default). */
export function readPowerAssumptions(settings: Settings, reference: PowerReference | null): PowerAssumptions {
  return {
    networkPowerPricePerKwh: CBECI_V1.powerPricePerKwh,
    pue: { ...CBECI_V1.pue },
    userPowerPricePerKwh: settings.pnl.powerPricePerKwh,
    reference: reference ?? DEFAULT_POWER_REFERENCE,
  };
}
