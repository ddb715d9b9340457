/**
 * Validation of every P&L input coming from settings or the webview form.
 *
 * Never throws: each invalid field falls back to its default and adds one problem whose
 * message names the field, the allowed range with its unit, what was received and the
 * default used. A missing field (undefined/null) is not a problem — it takes its default.
 * Numeric strings are accepted because HTML form fields deliver strings.
 */
import { DEFAULT_HOSTING_INPUTS, type HostingInputs } from './hosting';
import { DEFAULT_MINER_INPUTS, type Fleet, type MinerInputs } from './profitability';

export type PnlInputs = MinerInputs & Required<Omit<HostingInputs, 'powerPricePerKwh'>>;

export type PnlField = Exclude<keyof PnlInputs, 'fleet'> | 'fleet';

export interface ValidationProblem {
  field: PnlField;
  message: string;
}

export interface ValidationResult {
  values: PnlInputs;
  problems: ValidationProblem[];
}

interface NumericRule {
  label: string;
  min: number;
  max: number;
  /** How the unit reads after a number, e.g. "20 J/TH", "0.05 per kWh", "2 %". */
  unit: string;
}

type NumericField = Exclude<PnlField, 'fleet' | 'powerPassThrough'>;

export const PNL_RANGES: Readonly<Record<NumericField, Readonly<NumericRule>>> = Object.freeze({
  efficiencyJPerTh: { label: 'Miner efficiency', min: 5, max: 200, unit: 'J/TH' },
  powerPricePerKwh: { label: 'Power price', min: 0, max: 2, unit: 'per kWh' },
  poolFeePercent: { label: 'Pool fee', min: 0, max: 10, unit: '%' },
  uptimePercent: { label: 'Uptime', min: 1, max: 100, unit: '%' },
  // Above 100 % the site would burn more on overhead than on hashing: certainly a typo.
  minerOverheadPercent: { label: 'Miner site overhead', min: 0, max: 100, unit: '% of miner power' },
  pue: { label: 'PUE', min: 1, max: 3, unit: '(grid kW per kW of IT load)' },
  colocationPerKwMonth: { label: 'Colocation rate', min: 0, max: 1000, unit: 'per kW-month of IT load' },
  utilisationPercent: { label: 'Hosting utilisation', min: 0, max: 100, unit: '%' },
});

export const DEFAULT_PNL_INPUTS: Readonly<PnlInputs> = Object.freeze({
  ...DEFAULT_MINER_INPUTS,
  ...DEFAULT_HOSTING_INPUTS,
});

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function withUnit(value: number, unit: string): string {
  return unit === '%' ? `${value} %` : `${value} ${unit}`;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value.trim());
  return null;
}

function validateNumber(field: NumericField, raw: unknown, problems: ValidationProblem[]): number {
  const rule = PNL_RANGES[field];
  const fallback = DEFAULT_PNL_INPUTS[field];
  if (raw === undefined || raw === null) return fallback;
  const value = toNumber(raw);
  const usingDefault = `Using the default, ${withUnit(fallback, rule.unit)}.`;
  if (value === null || !Number.isFinite(value)) {
    problems.push({
      field,
      message: `${rule.label} must be a number (${rule.unit}); got ${describe(raw)}. ${usingDefault}`,
    });
    return fallback;
  }
  if (value < rule.min || value > rule.max) {
    problems.push({
      field,
      message: `${rule.label} must be between ${rule.min} and ${withUnit(rule.max, rule.unit)}; got ${withUnit(value, rule.unit)}. ${usingDefault}`,
    });
    return fallback;
  }
  return value;
}

function validateBoolean(raw: unknown, problems: ValidationProblem[]): boolean {
  if (raw === undefined || raw === null) return DEFAULT_PNL_INPUTS.powerPassThrough;
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  problems.push({
    field: 'powerPassThrough',
    message: `Power pass-through must be true (tenant pays for power) or false (host pays); got ${describe(raw)}. Using the default, ${DEFAULT_PNL_INPUTS.powerPassThrough}.`,
  });
  return DEFAULT_PNL_INPUTS.powerPassThrough;
}

/** A fleet is optional, so an invalid one is dropped rather than replaced. */
function validateFleet(raw: unknown, problems: ValidationProblem[]): Fleet | undefined {
  if (raw === undefined || raw === null) return undefined;
  const record = typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const kind = record['kind'];
  if (kind !== 'phs' && kind !== 'mw') {
    problems.push({
      field: 'fleet',
      message: `Fleet size must be given in PH/s (kind "phs") or in MW of grid power (kind "mw"); got kind ${describe(kind)}. No fleet totals are shown.`,
    });
    return undefined;
  }
  const unit = kind === 'phs' ? 'PH/s' : 'MW of grid power';
  const value = toNumber(record['value']);
  if (value === null || !Number.isFinite(value) || value <= 0) {
    problems.push({
      field: 'fleet',
      message: `Fleet size must be a number above 0 ${unit}; got ${describe(record['value'])}. No fleet totals are shown.`,
    });
    return undefined;
  }
  return { kind, value };
}

export function validatePnlInputs(raw: unknown): ValidationResult {
  const record: Record<string, unknown> =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const problems: ValidationProblem[] = [];
  const number = (field: NumericField): number => validateNumber(field, record[field], problems);
  const values: PnlInputs = {
    efficiencyJPerTh: number('efficiencyJPerTh'),
    powerPricePerKwh: number('powerPricePerKwh'),
    poolFeePercent: number('poolFeePercent'),
    uptimePercent: number('uptimePercent'),
    minerOverheadPercent: number('minerOverheadPercent'),
    pue: number('pue'),
    colocationPerKwMonth: number('colocationPerKwMonth'),
    utilisationPercent: number('utilisationPercent'),
    powerPassThrough: validateBoolean(record['powerPassThrough'], problems),
  };
  const fleet = validateFleet(record['fleet'], problems);
  if (fleet) values.fleet = fleet;
  return { values, problems };
}
