// The hover's power figures from the glance snapshot: the network's power now (CBECI-style bounds at the
// live 7-day hash rate and today's hashprice) and the drop from the user's reference over the snapshot's
// daily hash rates (about a month, so an 'ath' reference becomes the month's high and the text says so).

import type { HashpriceBreakdown } from '../economics';
import type { Currency, NetworkSnapshot } from '../model';
import { DEFAULT_PNL_INPUTS, type PnlInputs } from '../pnl/validate';
import { powerAssumptions, type PowerAssumptions, type PowerSettings } from '../power/assumptions';
import { hashDrop, type HashDrop } from '../power/hashDrop';
import { MACHINES, type Machine } from '../power/machines';
import { networkPower, type NetworkPower } from '../power/networkPower';
import { t } from '../l10n';

export interface GlancePower {
  readonly assumptions: PowerAssumptions;
  readonly network: NetworkPower;
  /** Null when the daily series has no 7-day mean to compare (the reason is in dropReason). */
  readonly drop: HashDrop | null;
  readonly dropReason: string | null;
}

export type GlancePowerResult = ({ ok: true } & GlancePower) | { ok: false; reason: string };

export function computeGlancePower(
  snapshot: NetworkSnapshot,
  currency: Currency,
  nowMs: number,
  hashprice: HashpriceBreakdown,
  power: PowerSettings,
  pnl: Partial<PnlInputs> = {},
  machines: readonly Machine[] = MACHINES,
): GlancePowerResult {
  const hashpricePerPhDay = hashprice.hashpricePerPhDay;
  const btcPrice = snapshot.prices.perBtc[currency];
  if (hashpricePerPhDay === null || btcPrice === undefined)
    return {
      ok: false,
      reason: t('no {0} price from the source, so no hashprice to tell which machines pay', currency),
    };
  const inputs = { ...DEFAULT_PNL_INPUTS, ...pnl };
  const assumptions = powerAssumptions({ currency, power, pnl: inputs }, snapshot.prices.perBtc);
  if (!assumptions.ok) return assumptions;
  const { ok: _ok, ...a } = assumptions;
  const network = networkPower({
    hashrateHps: snapshot.hashrate.currentHashrateHps,
    hashpricePerPhDay,
    powerPricePerKwh: a.powerPricePerKwh,
    pue: a.pueByBound,
    dateMs: nowMs,
    machines,
  });
  if (!network.ok) return network;
  const { ok: _networkOk, ...networkFigures } = network;
  const daily = snapshot.hashrate.daily;
  const drop = hashDrop(
    {
      timeS: daily.map((d) => d.timeS),
      hashrateHps: daily.map((d) => d.hashrateHps),
      market: { hashpricePerPhDay, hashvalueBtcPerPhDay: hashprice.hashvalueBtcPerPhDay, btcPrice },
      powerPricePerKwh: a.powerPricePerKwh,
      pue: a.dropPue,
      hosting: a.hosting,
      miner: { poolFeePercent: inputs.poolFeePercent, uptimePercent: inputs.uptimePercent },
      machines,
    },
    a.hashReference,
  );
  if (!drop.ok) return { ok: true, assumptions: a, network: networkFigures, drop: null, dropReason: drop.reason };
  const { ok: _dropOk, ...dropFigures } = drop;
  return { ok: true, assumptions: a, network: networkFigures, drop: dropFigures, dropReason: null };
}
