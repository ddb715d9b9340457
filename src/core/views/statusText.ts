// The status bar item's text: a preset or the user's template, with numbers padded to a constant width so
// the item does not jump as digits change.

import {
  formatDifficulty,
  formatHashprice,
  formatHashrate,
  formatInteger,
  formatMoney,
  formatRelative,
  formatSatsPerPhDay,
  formatSignedPercent,
  formatTrend,
  spokenCount,
  spokenHashrate,
  spokenMoney,
  spokenRelative,
  spokenSignedPercent,
  spokenTrend,
  SPOKEN_PER_PH_DAY,
} from '../format';
import { t } from '../l10n';
import type { Placeholder, StatusBarPreset } from '../settings';
import { probabilityText } from './estimateText';
import type { GlanceFigures } from './glanceFigures';

const PRESET_TEMPLATES: Record<Exclude<StatusBarPreset, 'custom'>, string> = {
  hashrateAndHashprice: '$(pulse) {hashrate} {trend} · {hashprice}',
  hashrate: '$(pulse) {hashrate} {trend}',
  hashpriceFiat: '$(pulse) {hashprice}',
  hashpriceSats: '$(pulse) {hashpriceSats}',
  margin: '$(pulse) {margin}',
};

/** U+2007 FIGURE SPACE is as wide as a digit in fonts that have tabular figures. */
const FIGURE_SPACE = '\u2007';

/** Width each placeholder is padded to in fixed-width mode (longest realistic rendering). */
const FIXED_WIDTHS: Partial<Record<Placeholder, number>> = {
  hashrate: 10, // "987.6 EH/s"
  hashrateLow: 10,
  hashrateHigh: 10,
  probBelow: 4, // ">99%"
  trend: 6, // "↓12.3%"
  hashprice: 14, // "$148.12/PH/day"
  hashpriceSats: 20, // "145,900 sats/PH/day"
  margin: 21, // "margin -$12.40/PH/day"
  price: 8, // "$104,250"
};

export function templateFor(preset: StatusBarPreset, customTemplate: string): string {
  return preset === 'custom' ? customTemplate : PRESET_TEMPLATES[preset];
}

/**
 * Each placeholder's text, worked out only when the template uses it: the interval placeholders run the
 * statistics (the glance's estimates), which the presets never need.
 */
export function placeholderValues(f: GlanceFigures, nowMs: number): Record<Placeholder, () => string> {
  return {
    hashrate: () => formatHashrate(f.hashrateHps),
    // The bounds of the interval at settings.confidenceLevel, each with its own best unit like {hashrate}.
    hashrateLow: () => formatHashrate(f.estimates.hashrate?.lowHps),
    hashrateHigh: () => formatHashrate(f.estimates.hashrate?.highHps),
    // P(true 7-day rate < the alert threshold).
    probBelow: () => (f.estimates.below ? probabilityText(f.estimates.below.probability) : '—'),
    trend: () => formatTrend(f.hashrateTrendPercent),
    hashprice: () => formatHashprice(f.hashprice.hashpricePerPhDay, f.currency),
    hashpriceSats: () => formatSatsPerPhDay(f.hashprice.hashvalueSatsPerPhDay),
    margin: () => t('margin {0}', formatHashprice(f.profitability?.marginPerPhDay ?? null, f.currency)),
    difficulty: () => formatDifficulty(f.difficulty),
    diffChange: () => formatSignedPercent(f.difficultyChangePercent),
    retargetIn: () => formatRelative(f.estimatedRetargetMs, nowMs),
    price: () => formatMoney(f.btcPrice, f.currency),
    height: () => formatInteger(f.tipHeight),
  };
}

export function renderTemplate(
  template: string,
  values: Record<Placeholder, () => string>,
  fixedWidth: boolean,
): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    const value = values[name as Placeholder]();
    const width = fixedWidth ? FIXED_WIDTHS[name as Placeholder] : undefined;
    return width ? value.padStart(width, FIGURE_SPACE) : value;
  });
  // An empty trend (no history yet) would leave a double space.
  return text.replace(/ {2,}/g, ' ').trim();
}

export function statusText(
  f: GlanceFigures,
  preset: StatusBarPreset,
  customTemplate: string,
  fixedWidth: boolean,
  nowMs: number,
): string {
  return renderTemplate(templateFor(preset, customTemplate), placeholderValues(f, nowMs), fixedWidth);
}

/** Whether the text shows the user's margin (so a negative one can be coloured). */
export function showsMargin(preset: StatusBarPreset, customTemplate: string): boolean {
  return templateFor(preset, customTemplate).includes('{margin}');
}

/** Each placeholder as a screen reader should say it (units spelled out), for the item's accessible label. */
export function spokenPlaceholderValues(f: GlanceFigures, nowMs: number): Record<Placeholder, () => string> {
  const perPhDay = (value: number | null): string =>
    value === null ? 'not available' : `${spokenMoney(value, f.currency)} ${SPOKEN_PER_PH_DAY}`;
  return {
    hashrate: () => spokenHashrate(f.hashrateHps),
    hashrateLow: () => spokenHashrate(f.estimates.hashrate?.lowHps),
    hashrateHigh: () => spokenHashrate(f.estimates.hashrate?.highHps),
    probBelow: () =>
      f.estimates.below
        ? probabilityText(f.estimates.below.probability)
            .replace('<', 'less than ')
            .replace('>', 'more than ')
            .replace('%', ' percent')
        : 'not available',
    trend: () => spokenTrend(f.hashrateTrendPercent),
    hashprice: () => perPhDay(f.hashprice.hashpricePerPhDay),
    hashpriceSats: () => {
      const sats = f.hashprice.hashvalueSatsPerPhDay;
      return Number.isFinite(sats) ? `${formatInteger(sats)} satoshis ${SPOKEN_PER_PH_DAY}` : 'not available';
    },
    margin: () => `margin ${perPhDay(f.profitability?.marginPerPhDay ?? null)}`,
    difficulty: () => spokenCount(f.difficulty),
    diffChange: () => spokenSignedPercent(f.difficultyChangePercent),
    retargetIn: () => spokenRelative(f.estimatedRetargetMs, nowMs),
    price: () => spokenMoney(f.btcPrice, f.currency),
    height: () => formatInteger(f.tipHeight),
  };
}

/**
 * What the status item says to a screen reader: the figures the item shows, as a sentence with units
 * spelled out ("Bitcoin network hash rate 991.8 exahashes per second, up 5.8 percent over 7 days; hashprice
 * 47.08 US dollars per petahash per second per day"). A custom template is read with the same spoken
 * values, its icons dropped.
 */
export function statusSentence(
  f: GlanceFigures,
  preset: StatusBarPreset,
  customTemplate: string,
  nowMs: number,
): string {
  const v = spokenPlaceholderValues(f, nowMs);
  const hashrate = (): string => {
    const trend = v.trend();
    return `Bitcoin network hash rate ${v.hashrate()}${trend ? `, ${trend}` : ''}`;
  };
  switch (preset) {
    case 'hashrateAndHashprice':
      return `${hashrate()}; hashprice ${v.hashprice()}`;
    case 'hashrate':
      return hashrate();
    case 'hashpriceFiat':
      return `Bitcoin hashprice ${v.hashprice()}`;
    case 'hashpriceSats':
      return `Bitcoin hashvalue ${v.hashpriceSats()}`;
    case 'margin':
      return `Your Bitcoin mining ${v.margin()}`;
    case 'custom':
      return renderTemplate(customTemplate.replace(/\$\([^)]*\)/g, ' '), v, false);
  }
}
