// The data the charts draw, as the host posts it: one HistoryDataset per range (column arrays of UTC days,
// the retargets and the halvings) and the key figures. The types live in core (the host builds them); this
// file checks them when they arrive.

import { CURRENCIES } from '../../core/model';
import { RANGES, isRangeId, type HistoryDataset, type RangeId } from '../../core/history/types';
import type { KeyFigures } from '../../core/views/keyFigures';
import { MAX_CONFIDENCE_LEVEL, MIN_CONFIDENCE_LEVEL } from '../../core/estimates/common';
import { bool, fail, num, numberColumn, numOrNull, obj, oneOf, str } from './check';
import { MAX_SHOWN_TEXT_CHARS } from '../../core/errors';

export type { HistoryDataset, KeyFigures, RangeId };
export { RANGES, isRangeId };

/** Where the host is with loading a range. */
export type HistoryLoadState = 'loading' | 'loaded' | 'error';

/** Longest history accepted: 20,000 days (≈ 55 years). */
const MAX_DAYS = 20_000;
const MAX_ADJUSTMENTS = 10_000;

export function checkHistoryDataset(value: unknown, path = 'dataset'): HistoryDataset {
  const o = obj(value, path);
  if (o.schema !== 1) fail(`${path}.schema should be 1`);
  if (!isRangeId(o.range)) fail(`${path}.range should be one of ${RANGES.join(', ')}`);
  oneOf(o.currency, CURRENCIES, `${path}.currency`);
  // The host sends it through shownSourceHost (core/settings.ts), which cuts it to this length.
  str(o.sourceHost, `${path}.sourceHost`, MAX_SHOWN_TEXT_CHARS);
  num(o.fetchedAtMs, `${path}.fetchedAtMs`);
  const days = obj(o.days, `${path}.days`);
  numberColumn(days.timeS, `${path}.days.timeS`, null, false);
  const n = (days.timeS as number[]).length;
  if (n > MAX_DAYS) fail(`${path}.days has more than ${MAX_DAYS} days`);
  const t = days.timeS as number[];
  for (let i = 1; i < n; i++) if (!(t[i]! > t[i - 1]!)) fail(`${path}.days.timeS is not strictly ascending at ${i}`);
  for (const key of ['hashrateHps', 'difficulty', 'rewardSats', 'feesSats', 'price'] as const) {
    numberColumn(days[key], `${path}.days.${key}`, n, true);
  }
  const adj = obj(o.adjustments, `${path}.adjustments`);
  numberColumn(adj.timeS, `${path}.adjustments.timeS`, null, false);
  const m = (adj.timeS as number[]).length;
  if (m > MAX_ADJUSTMENTS) fail(`${path}.adjustments is too long`);
  for (const key of ['height', 'difficulty', 'ratio'] as const)
    numberColumn(adj[key], `${path}.adjustments.${key}`, m, false);
  if (!Array.isArray(o.halvings) || o.halvings.length > 100) fail(`${path}.halvings should be a short array`);
  o.halvings.forEach((h, i) => {
    const ho = obj(h, `${path}.halvings[${i}]`);
    num(ho.index, `${path}.halvings[${i}].index`);
    num(ho.height, `${path}.halvings[${i}].height`);
    num(ho.timeS, `${path}.halvings[${i}].timeS`);
  });
  if (!Array.isArray(o.notes) || o.notes.length > 20) fail(`${path}.notes should be a short array`);
  o.notes.forEach((note, i) => str(note, `${path}.notes[${i}]`, 500));
  return value as HistoryDataset;
}

/** The key figures that are yes/no (or null where unknown); all others but the currency are numbers. */
const BOOLEAN_FIGURES: ReadonlySet<string> = new Set<keyof KeyFigures>(['hashrateChange30dWithinNoise']);

/**
 * Key figures are numbers (or null where unknown) plus the currency, the confidence level and the flags
 * above. Checked generically, so a numeric figure added to KeyFigures needs no change here; the webview
 * shows "—" for anything null or missing.
 */
export function checkKeyFigures(value: unknown, path = 'figures'): KeyFigures {
  const o = obj(value, path);
  oneOf(o.currency, CURRENCIES, `${path}.currency`);
  // The intervals' level decides every bound shown: within the settings' range or the message is refused.
  const level = num(o.confidenceLevel, `${path}.confidenceLevel`);
  if (level < MIN_CONFIDENCE_LEVEL || level > MAX_CONFIDENCE_LEVEL)
    fail(`${path}.confidenceLevel should be from ${MIN_CONFIDENCE_LEVEL} to ${MAX_CONFIDENCE_LEVEL}`);
  const entries = Object.entries(o);
  if (entries.length > 60) fail(`${path} has too many fields`);
  for (const [key, v] of entries) {
    if (key === 'currency') continue;
    if (BOOLEAN_FIGURES.has(key)) {
      if (v !== null) bool(v, `${path}.${key}`);
    } else numOrNull(v, `${path}.${key}`);
  }
  return value as KeyFigures;
}
