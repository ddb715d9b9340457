// Settings as the rest of the code sees them: typed, immutable, already validated. Bad values fall back to
// defaults and are reported as problems with a message that names the setting — never a throw.

import { MAX_SHOWN_TEXT_CHARS, oneLine } from './errors';
import { DEFAULT_CONFIDENCE_LEVEL, MAX_CONFIDENCE_LEVEL, MIN_CONFIDENCE_LEVEL } from './estimates/common';
import { CURRENCIES, type Currency } from './model';
import { PNL_EDIT_FIELDS, PNL_EDIT_SETTING_KEYS, type PnlEditField } from './pnl/panelFieldNames';
import { DEFAULT_PNL_INPUTS, validatePnlInputs, type PnlInputs } from './pnl/validate';
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
import { redactUrlCredentials } from './transport';
import { HPS_PER_EHS, HPS_PER_ZHS } from './units';

export const SETTINGS_SECTION = 'miningEconomics';

// The status bar's vocabulary: what `statusBar.show` and `statusBar.template` may name. The texts
// themselves are rendered in views/statusText.ts.
export const STATUS_BAR_PRESETS = [
  'hashrateAndHashprice',
  'hashrate',
  'hashpriceFiat',
  'hashpriceSats',
  'margin',
  'custom',
] as const;
export type StatusBarPreset = (typeof STATUS_BAR_PRESETS)[number];

export const PLACEHOLDERS = [
  'hashrate',
  'hashrateLow',
  'hashrateHigh',
  'probBelow',
  'trend',
  'hashprice',
  'hashpriceSats',
  'margin',
  'difficulty',
  'diffChange',
  'retargetIn',
  'price',
  'height',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Placeholders in a template that we do not know, so settings validation can name them. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !known.has(name));
}

export interface Settings {
  /** Normalised: http(s), no trailing slash. */
  readonly mempoolUrl: string;
  readonly refreshIntervalMs: number;
  /** Use mempool's websocket for new blocks (polling stays as the fallback). */
  readonly livePush: boolean;
  readonly currency: Currency;
  /** Level of every interval and of the significance alerts require, 0.80–0.99. */
  readonly confidenceLevel: number;
  readonly statusBar: {
    readonly show: StatusBarPreset;
    readonly template: string;
    readonly alignment: 'left' | 'right';
    readonly priority: number;
    readonly fixedWidth: boolean;
  };
  /** The user's miner and AI-hosting inputs for the P&L. */
  readonly pnl: PnlInputs;
  /** The network-power assumptions (CBECI-style bounds, "where the hash went"); see power/assumptions.ts. */
  readonly power: PowerSettings;
  readonly alerts: {
    readonly difficultyAdjustment: boolean;
    readonly hashrateThreshold: boolean;
    readonly hashrateThresholdHps: number;
    /** Notify a crossing only when the estimate is on its new side with P ≥ confidenceLevel. */
    readonly requireSignificance: boolean;
    readonly breakeven: boolean;
  };
}

export const DEFAULT_SETTINGS: Settings = {
  mempoolUrl: 'https://mempool.space',
  refreshIntervalMs: 5 * 60_000,
  livePush: true,
  currency: 'USD',
  confidenceLevel: DEFAULT_CONFIDENCE_LEVEL,
  statusBar: {
    show: 'hashrateAndHashprice',
    template: '$(pulse) {hashrate} {trend} · {hashprice}',
    alignment: 'right',
    priority: 100,
    fixedWidth: true,
  },
  pnl: DEFAULT_PNL_INPUTS,
  power: DEFAULT_POWER_SETTINGS,
  alerts: {
    difficultyAdjustment: false,
    hashrateThreshold: false,
    hashrateThresholdHps: HPS_PER_ZHS,
    requireSignificance: true,
    breakeven: false,
  },
};

/** The P&L inputs read from one setting each (the fleet is two settings: size and unit). */
const SINGLE_SETTING_FIELDS = PNL_EDIT_FIELDS.filter(
  (f): f is Exclude<PnlEditField, 'fleetSize' | 'fleetUnit'> => f !== 'fleetSize' && f !== 'fleetUnit',
);

export interface SettingsProblem {
  readonly setting: string;
  readonly message: string;
}

/** How much of a bad value a problem message quotes: enough to recognise it, never a page of it. */
const MAX_QUOTED_VALUE_CHARS = 80;

/**
 * Workspace settings are untrusted (a repository's .vscode/settings.json), and problem messages reach a
 * notification, where VS Code turns `[label](command:…)` into a clickable link, and the panel, whose
 * protocol bounds every string. So square brackets become parentheses (no link syntax can survive),
 * control characters and credentials go, and the text is bounded.
 */
export function neutraliseShownText(text: string, max = MAX_SHOWN_TEXT_CHARS): string {
  return oneLine(redactUrlCredentials(text).replace(/\[/g, '(').replace(/\]/g, ')'), max);
}

/** A raw setting value as a problem message quotes it: JSON (strings in quotes), neutralised, short. */
export function quoteSettingValue(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? typeof raw;
  } catch {
    text = typeof raw;
  }
  return neutraliseShownText(text, MAX_QUOTED_VALUE_CHARS);
}

/** Reads a raw value by its key below `miningEconomics.` (e.g. "statusBar.show"). */
export type RawSettings = (key: string) => unknown;

// A small, strict URL check of our own: the core has no URL global (it runs without Node or DOM types).
// The path allows only RFC 3986's path characters: no brackets, angle brackets or quotes, which would
// otherwise carry Markdown into everything that shows the source host.
const URL_PATTERN =
  /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?$/i;

export function normaliseMempoolUrl(raw: unknown): { url: string } | { problem: string } {
  if (typeof raw !== 'string' || raw.trim() === '')
    return { problem: 'is empty; expected a URL such as https://mempool.space' };
  const text = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  const quoted = quoteSettingValue(text);
  if (scheme && scheme !== 'http' && scheme !== 'https') return { problem: `${quoted} must use http or https` };
  if (/[?#]/.test(text)) return { problem: `${quoted} must not contain a query or fragment` };
  const match = URL_PATTERN.exec(text);
  if (!match) return { problem: `${quoted} is not a valid URL; expected something like https://mempool.space` };
  const port = match[3] ? Number(match[3].slice(1)) : null;
  if (port !== null && (port < 1 || port > 65535)) return { problem: `${quoted} has an invalid port` };
  const path = (match[4] ?? '').replace(/\/+$/, '');
  return { url: `${match[1]!.toLowerCase()}://${match[2]!.toLowerCase()}${match[3] ?? ''}${path}` };
}

export function readSettings(get: RawSettings): { settings: Settings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const d = DEFAULT_SETTINGS;
  // Every message passes through here, those built elsewhere (the P&L validator's) included.
  const problem = (key: string, message: string): void => {
    problems.push({ setting: `${SETTINGS_SECTION}.${key}`, message: neutraliseShownText(message) });
  };

  const urlResult = normaliseMempoolUrl(get('mempoolUrl') ?? d.mempoolUrl);
  let mempoolUrl = d.mempoolUrl;
  if ('url' in urlResult) mempoolUrl = urlResult.url;
  else problem('mempoolUrl', `${urlResult.problem}. Using ${d.mempoolUrl}.`);

  let refreshIntervalMs = d.refreshIntervalMs;
  const minutes = get('refreshIntervalMinutes');
  if (minutes !== undefined) {
    if (typeof minutes !== 'number' || !Number.isFinite(minutes)) {
      problem('refreshIntervalMinutes', `must be a number of minutes, got ${quoteSettingValue(minutes)}. Using 5.`);
    } else if (minutes < 1) {
      problem(
        'refreshIntervalMinutes',
        `${minutes} is below the minimum of 1 minute (public instances rate-limit). Using 1.`,
      );
      refreshIntervalMs = 60_000;
    } else {
      refreshIntervalMs = Math.min(minutes, 1440) * 60_000;
    }
  }

  let currency = d.currency;
  const rawCurrency = get('currency');
  if (rawCurrency !== undefined) {
    if (typeof rawCurrency === 'string' && (CURRENCIES as readonly string[]).includes(rawCurrency.toUpperCase())) {
      currency = rawCurrency.toUpperCase() as Currency;
    } else {
      problem('currency', `${quoteSettingValue(rawCurrency)} is not one of ${CURRENCIES.join(', ')}. Using USD.`);
    }
  }

  let confidenceLevel = d.confidenceLevel;
  const rawLevel = get('confidenceLevel');
  if (rawLevel !== undefined) {
    if (typeof rawLevel === 'number' && rawLevel >= MIN_CONFIDENCE_LEVEL && rawLevel <= MAX_CONFIDENCE_LEVEL)
      confidenceLevel = rawLevel;
    else {
      problem(
        'confidenceLevel',
        `must be a number from ${MIN_CONFIDENCE_LEVEL.toFixed(2)} to ${MAX_CONFIDENCE_LEVEL.toFixed(2)} (0.95 = 95 % intervals), got ${quoteSettingValue(rawLevel)}. Using ${DEFAULT_CONFIDENCE_LEVEL}.`,
      );
    }
  }

  let show = d.statusBar.show;
  const rawShow = get('statusBar.show');
  if (rawShow !== undefined) {
    if ((STATUS_BAR_PRESETS as readonly unknown[]).includes(rawShow)) show = rawShow as StatusBarPreset;
    else problem('statusBar.show', `${quoteSettingValue(rawShow)} is not one of ${STATUS_BAR_PRESETS.join(', ')}.`);
  }

  let template = d.statusBar.template;
  const rawTemplate = get('statusBar.template');
  if (rawTemplate !== undefined) {
    if (typeof rawTemplate !== 'string' || rawTemplate.trim() === '') {
      problem('statusBar.template', 'must be a non-empty text. Using the default.');
    } else {
      template = rawTemplate.slice(0, 200);
      const unknown = unknownPlaceholders(template);
      if (unknown.length > 0)
        problem(
          'statusBar.template',
          `unknown placeholder(s) ${unknown.map((u) => `{${u}}`).join(', ')} are shown as written.`,
        );
    }
  }

  const rawAlignment = get('statusBar.alignment');
  const alignment = rawAlignment === 'left' || rawAlignment === 'right' ? rawAlignment : d.statusBar.alignment;
  if (rawAlignment !== undefined && rawAlignment !== alignment)
    problem('statusBar.alignment', 'must be "left" or "right".');

  const rawPriority = get('statusBar.priority');
  const priority = typeof rawPriority === 'number' && Number.isFinite(rawPriority) ? rawPriority : d.statusBar.priority;
  if (rawPriority !== undefined && rawPriority !== priority) problem('statusBar.priority', 'must be a number.');

  const rawFixed = get('statusBar.fixedWidth');
  const fixedWidth = typeof rawFixed === 'boolean' ? rawFixed : d.statusBar.fixedWidth;

  const rawPnl: Record<string, unknown> = {};
  for (const field of SINGLE_SETTING_FIELDS) rawPnl[field] = get(PNL_EDIT_SETTING_KEYS[field]);
  const fleetSize = get(PNL_EDIT_SETTING_KEYS.fleetSize);
  if (typeof fleetSize === 'number' && fleetSize !== 0)
    rawPnl.fleet = { kind: get(PNL_EDIT_SETTING_KEYS.fleetUnit) === 'MW' ? 'mw' : 'phs', value: fleetSize };
  else if (fleetSize !== undefined && typeof fleetSize !== 'number') rawPnl.fleet = { kind: 'phs', value: fleetSize };
  const pnlResult = validatePnlInputs(rawPnl);
  for (const p of pnlResult.problems) {
    const key =
      p.field === 'fleet'
        ? PNL_EDIT_SETTING_KEYS.fleetSize
        : ((PNL_EDIT_SETTING_KEYS as Record<string, string>)[p.field] ?? `pnl.${p.field}`);
    problem(key, p.message);
  }

  const flag = (key: string): boolean => get(key) === true;
  const thresholdEhs = get('alerts.hashrateThresholdEHs');
  let hashrateThresholdHps = d.alerts.hashrateThresholdHps;
  if (thresholdEhs !== undefined) {
    if (typeof thresholdEhs === 'number' && Number.isFinite(thresholdEhs) && thresholdEhs > 0)
      hashrateThresholdHps = thresholdEhs * HPS_PER_EHS;
    else
      problem(
        'alerts.hashrateThresholdEHs',
        `must be a positive number of EH/s, got ${quoteSettingValue(thresholdEhs)}. Using 1000 EH/s.`,
      );
  }

  const rawSignificance = get('alerts.requireSignificance');
  const requireSignificance = typeof rawSignificance === 'boolean' ? rawSignificance : d.alerts.requireSignificance;
  if (rawSignificance !== undefined && typeof rawSignificance !== 'boolean')
    problem('alerts.requireSignificance', 'must be true or false. Using true.');

  const power = readPowerSettings(get, problem);

  return {
    settings: {
      mempoolUrl,
      refreshIntervalMs,
      livePush: get('livePush') !== false,
      currency,
      confidenceLevel,
      statusBar: { show, template, alignment, priority, fixedWidth },
      pnl: pnlResult.values,
      power,
      alerts: {
        difficultyAdjustment: flag('alerts.difficultyAdjustment'),
        hashrateThreshold: flag('alerts.hashrateThreshold'),
        hashrateThresholdHps,
        requireSignificance,
        breakeven: flag('alerts.breakeven'),
      },
    },
    problems,
  };
}

function readPowerSettings(get: RawSettings, problem: (key: string, message: string) => void): PowerSettings {
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

/**
 * The source host as the hover and the panel show it: one line, at most MAX_SHOWN_TEXT_CHARS (what the
 * panel's protocol accepts). A long URL path is legal; it must not empty the panel.
 */
export function shownSourceHost(sourceHost: string): string {
  return oneLine(sourceHost, MAX_SHOWN_TEXT_CHARS);
}

/** "mempool.space", "127.0.0.1:8999", "umbrel.local:3006/mempool" — what the hover names as the source. */
export function sourceHostOf(mempoolUrl: string): string {
  return mempoolUrl.replace(/^https?:\/\//, '');
}
