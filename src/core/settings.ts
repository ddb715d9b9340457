// Settings as the rest of the code sees them: typed, immutable, already validated. Bad values fall back to
// defaults and are reported as problems with a message that names the setting — never a throw.

import { DEFAULT_CONFIDENCE_LEVEL, MAX_CONFIDENCE_LEVEL, MIN_CONFIDENCE_LEVEL } from './estimates/common';
import { CURRENCIES, type Currency } from './model';
import { PNL_EDIT_FIELDS, PNL_EDIT_SETTING_KEYS, type PnlEditField } from './pnl/panelFieldNames';
import { DEFAULT_PNL_INPUTS, validatePnlInputs, type PnlInputs } from './pnl/validate';
import { DEFAULT_NODE_SETTINGS, readNodeSettings, type NodeSettings } from './settingsNode';
import { neutraliseShownText, normaliseMempoolUrl, quoteSettingValue, type RawSettings } from './settingsValues';
import { DEFAULT_POWER_SETTINGS, type PowerSettings } from './power/assumptions';
import { readPowerSettings } from './settingsPower';
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

export {
  DEFAULT_BITCOIND_URL,
  GLANCE_SOURCES,
  PRICE_SOURCES,
  glanceSourceHostOf,
  nodeSourceHostOf,
} from './settingsNode';
export type { BitcoindSettings, GlanceSourceKind, NodeSettings, PriceSourceKind } from './settingsNode';
export {
  neutraliseShownText,
  normaliseMempoolUrl,
  quoteSettingValue,
  shownSourceHost,
  sourceHostOf,
} from './settingsValues';
export type { RawSettings } from './settingsValues';

/** The source, node and price settings (settingsNode.ts) and the rest. */
export interface Settings extends NodeSettings {
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
  ...DEFAULT_NODE_SETTINGS,
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

  const node = readNodeSettings(get, problem);

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
      ...node,
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
