/**
 * The names of the P&L fields the panel edits, with no imports: the message protocol needs them, and the
 * charts script (which bundles the protocol) must not pull in the P&L modules with them.
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
