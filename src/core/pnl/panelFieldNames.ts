/**
 * The names of the P&L fields the panel edits and the settings they live in, with no imports: the message
 * protocol needs them, and the charts script (which bundles the protocol) must not pull in the P&L modules
 * with them.
 */

export const FLEET_UNITS = ['PH/s', 'MW'] as const;
export type FleetUnit = (typeof FLEET_UNITS)[number];

/** The fields the panel edits, in the order the form shows them. */
export const PNL_EDIT_FIELDS = [
  'efficiencyJPerTh',
  'powerPricePerKwh',
  'poolFeePercent',
  'uptimePercent',
  'fleetSize',
  'fleetUnit',
  'colocationPerKwMonth',
  'powerPassThrough',
  'pue',
  'utilisationPercent',
] as const;
export type PnlEditField = (typeof PNL_EDIT_FIELDS)[number];
export type PnlEditValue = number | boolean | string;

/**
 * Where each field lives, below `miningEconomics.` (see package.json contributes.configuration): the one
 * map of P&L settings, read by settings.ts and written by the panel.
 */
export const PNL_EDIT_SETTING_KEYS: Readonly<Record<PnlEditField, string>> = {
  efficiencyJPerTh: 'pnl.efficiencyJPerTh',
  powerPricePerKwh: 'pnl.powerPricePerKwh',
  poolFeePercent: 'pnl.poolFeePercent',
  uptimePercent: 'pnl.uptimePercent',
  fleetSize: 'pnl.fleetSize',
  fleetUnit: 'pnl.fleetUnit',
  colocationPerKwMonth: 'hosting.colocationPerKwMonth',
  powerPassThrough: 'hosting.powerPassThrough',
  pue: 'hosting.pue',
  utilisationPercent: 'hosting.utilisationPercent',
};
