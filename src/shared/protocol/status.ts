// The panel's status line: where the data comes from and how fresh it is.

import { CURRENCIES, type Currency } from '../../core/model';
import { MAX_CONFIDENCE_LEVEL, MIN_CONFIDENCE_LEVEL } from '../../core/estimates/common';
import type { Ma7BandFactors } from '../../core/history/derive';
import { bool, fail, num, numberColumn, numOrNull, obj, oneOf, str, strOrNull } from './check';
import { MAX_SHOWN_TEXT_CHARS } from '../../core/errors';

/** Freshness of the data as the status line shows it. */
export interface PanelStatus {
  readonly sourceHost: string;
  readonly currency: Currency;
  /** The 7-day band's multipliers at settings.confidenceLevel (its `level`), computed on the host. */
  readonly ma7Band: Ma7BandFactors;
  /** When the glance snapshot was fetched; null before any data. */
  readonly fetchedAtMs: number | null;
  readonly origin: 'cache' | 'live' | 'none';
  readonly refreshing: boolean;
  readonly stale: boolean;
  /** Why it is stale (the last failure, or "not refreshed recently"). */
  readonly staleReason: string | null;
}

/** Index = days with an estimate in the 7-day window (0–7). */
const BAND_ENTRIES = 8;

function checkBandFactors(value: unknown, path: string): void {
  const o = obj(value, path);
  const level = num(o.level, `${path}.level`);
  if (level < MIN_CONFIDENCE_LEVEL || level > MAX_CONFIDENCE_LEVEL)
    fail(`${path}.level should be from ${MIN_CONFIDENCE_LEVEL} to ${MAX_CONFIDENCE_LEVEL}`);
  numberColumn(o.low, `${path}.low`, BAND_ENTRIES, true);
  numberColumn(o.high, `${path}.high`, BAND_ENTRIES, true);
  const low = o.low as (number | null)[];
  const high = o.high as (number | null)[];
  // A multiplier outside these bounds is not an interval around the mean: refuse it rather than draw it.
  for (let i = 0; i < BAND_ENTRIES; i++) {
    const lo = low[i] ?? null;
    const hi = high[i] ?? null;
    if ((lo === null) !== (hi === null)) fail(`${path}: low[${i}] and high[${i}] should both be numbers or both null`);
    if (lo !== null && hi !== null && !(lo > 0 && lo <= 1 && hi >= 1 && hi < 10))
      fail(`${path}: [${lo}, ${hi}] at ${i} is not an interval around 1`);
  }
}

export function checkStatus(value: unknown, path: string): PanelStatus {
  const o = obj(value, path);
  // The host sends it through shownSourceHost (core/settings.ts), which cuts it to this length.
  str(o.sourceHost, `${path}.sourceHost`, MAX_SHOWN_TEXT_CHARS);
  oneOf(o.currency, CURRENCIES, `${path}.currency`);
  checkBandFactors(o.ma7Band, `${path}.ma7Band`);
  numOrNull(o.fetchedAtMs, `${path}.fetchedAtMs`);
  oneOf(o.origin, ['cache', 'live', 'none'] as const, `${path}.origin`);
  bool(o.refreshing, `${path}.refreshing`);
  bool(o.stale, `${path}.stale`);
  strOrNull(o.staleReason, `${path}.staleReason`, 1000);
  return value as PanelStatus;
}
