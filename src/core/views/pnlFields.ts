/**
 * The P&L inputs as the panel edits them: one field at a time, each stored in one user setting.
 *
 * Shared by the panel's P&L script (which checks a value before it posts it, so an invalid value shows its
 * message next to the field and is never sent) and the host (which checks it again before writing the
 * setting: it trusts nothing from the webview). Both use validatePnlInputs, so the messages and ranges are
 * the settings' own.
 *
 * The fleet is two settings (`pnl.fleetSize`, 0 = none, and `pnl.fleetUnit`), as in package.json.
 */
import { PNL_EDIT_FIELDS, type FleetUnit, type PnlEditField, type PnlEditValue } from '../pnl/panelFieldNames';
import type { Fleet } from '../pnl/profitability';
import { PNL_RANGES, validatePnlInputs, type PnlInputs } from '../pnl/validate';

export function isPnlEditField(value: unknown): value is PnlEditField {
  return typeof value === 'string' && (PNL_EDIT_FIELDS as readonly string[]).includes(value);
}

/** The inputs as the form shows them: every field has a value (fleetSize 0 = no fleet). */
export interface PnlFormValues {
  readonly efficiencyJPerTh: number;
  readonly powerPricePerKwh: number;
  readonly poolFeePercent: number;
  readonly uptimePercent: number;
  readonly fleetSize: number;
  readonly fleetUnit: FleetUnit;
  readonly colocationPerKwMonth: number;
  readonly powerPassThrough: boolean;
  readonly pue: number;
  readonly utilisationPercent: number;
  /** Not a setting (always the default, 0 %): shown in the assumptions only. */
  readonly minerOverheadPercent: number;
}

export function formValues(inputs: PnlInputs): PnlFormValues {
  return {
    efficiencyJPerTh: inputs.efficiencyJPerTh,
    powerPricePerKwh: inputs.powerPricePerKwh,
    poolFeePercent: inputs.poolFeePercent,
    uptimePercent: inputs.uptimePercent,
    fleetSize: inputs.fleet?.value ?? 0,
    fleetUnit: inputs.fleet?.kind === 'mw' ? 'MW' : 'PH/s',
    colocationPerKwMonth: inputs.colocationPerKwMonth,
    powerPassThrough: inputs.powerPassThrough,
    pue: inputs.pue,
    utilisationPercent: inputs.utilisationPercent,
    minerOverheadPercent: inputs.minerOverheadPercent,
  };
}

export function fleetOf(size: number, unit: FleetUnit): Fleet | undefined {
  return size > 0 ? { kind: unit === 'MW' ? 'mw' : 'phs', value: size } : undefined;
}

export type PnlEditResult =
  { readonly ok: true; readonly value: PnlEditValue } | { readonly ok: false; readonly message: string };

/** "12,5" → "12.5": a decimal comma is a decimal point here (form fields only; settings are JSON numbers). */
function normaliseDecimal(raw: unknown): unknown {
  return typeof raw === 'string' ? raw.trim().replace(/^([+-]?\d*),(\d+)$/, '$1.$2') : raw;
}

/**
 * Checks one edited value. Numbers may arrive as text (form fields) or numbers (messages); the result is
 * the value to store. The message is validatePnlInputs' own without its "Using the default" sentence: an
 * invalid edit is not saved, so no default is used.
 */
export function validatePnlEdit(field: PnlEditField, raw: unknown, fleetUnit: FleetUnit = 'PH/s'): PnlEditResult {
  const value = normaliseDecimal(raw);
  if (field === 'fleetUnit') {
    return value === 'PH/s' || value === 'MW'
      ? { ok: true, value }
      : { ok: false, message: `Fleet unit must be PH/s or MW; got ${JSON.stringify(value)}.` };
  }
  if (field === 'fleetSize') {
    // Empty or 0: no fleet. validatePnlInputs treats a fleet as optional and only checks a given one.
    if (value === '' || value === 0 || value === '0' || value === null || value === undefined)
      return { ok: true, value: 0 };
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    const unitText = fleetUnit === 'MW' ? 'MW of grid power' : 'PH/s';
    if (!Number.isFinite(n) || n < 0) {
      return {
        ok: false,
        message: `Fleet size must be a number of ${unitText} above 0, or empty for none; got ${typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)}.`,
      };
    }
    const checked = validatePnlInputs({ fleet: fleetOf(n, fleetUnit) });
    const problem = checked.problems[0];
    return problem ? { ok: false, message: withoutFallback(problem.message) } : { ok: true, value: n };
  }
  const checked = validatePnlInputs({ [field]: value === undefined || value === null ? '' : value });
  const problem = checked.problems[0];
  if (problem) return { ok: false, message: withoutFallback(problem.message) };
  return { ok: true, value: checked.values[field] };
}

function withoutFallback(message: string): string {
  return message.replace(/\s*(Using the default[\s\S]*|No fleet totals are shown\.)$/, '');
}

/** Label, unit (for the given currency) and allowed range of each numeric field, for the form. */
export function fieldUnit(field: PnlEditField, currency: string): string {
  switch (field) {
    case 'efficiencyJPerTh':
      return 'J/TH';
    case 'powerPricePerKwh':
      return `${currency}/kWh`;
    case 'poolFeePercent':
    case 'uptimePercent':
      return '%';
    case 'utilisationPercent':
      return '% leased';
    case 'colocationPerKwMonth':
      return `${currency} per kW-month of IT load`;
    case 'pue':
      return 'grid kW per IT kW';
    default:
      return '';
  }
}

/** "5 – 200": the range a numeric field accepts (empty for the others). */
export function fieldRange(field: PnlEditField): { min: number; max: number } | null {
  return field in PNL_RANGES ? PNL_RANGES[field as keyof typeof PNL_RANGES] : null;
}
