// The panel's status line: where the data comes from and how fresh it is.

import { CURRENCIES, type Currency } from '../../core/model';
import { MAX_CONFIDENCE_LEVEL, MIN_CONFIDENCE_LEVEL } from '../../core/estimates/common';
import { bool, fail, num, numOrNull, obj, oneOf, str, strOrNull } from './check';

/** Freshness of the data as the status line shows it. */
export interface PanelStatus {
  readonly sourceHost: string;
  readonly currency: Currency;
  /** settings.confidenceLevel (0.80–0.99): the level of the charts' interval bands. */
  readonly confidenceLevel: number;
  /** When the glance snapshot was fetched; null before any data. */
  readonly fetchedAtMs: number | null;
  readonly origin: 'cache' | 'live' | 'none';
  readonly refreshing: boolean;
  readonly stale: boolean;
  /** Why it is stale (the last failure, or "not refreshed recently"). */
  readonly staleReason: string | null;
}

export function checkStatus(value: unknown, path: string): PanelStatus {
  const o = obj(value, path);
  str(o.sourceHost, `${path}.sourceHost`, 300);
  oneOf(o.currency, CURRENCIES, `${path}.currency`);
  const level = num(o.confidenceLevel, `${path}.confidenceLevel`);
  if (level < MIN_CONFIDENCE_LEVEL || level > MAX_CONFIDENCE_LEVEL) fail(`${path}.confidenceLevel should be from ${MIN_CONFIDENCE_LEVEL} to ${MAX_CONFIDENCE_LEVEL}`);
  numOrNull(o.fetchedAtMs, `${path}.fetchedAtMs`);
  oneOf(o.origin, ['cache', 'live', 'none'] as const, `${path}.origin`);
  bool(o.refreshing, `${path}.refreshing`);
  bool(o.stale, `${path}.stale`);
  strOrNull(o.staleReason, `${path}.staleReason`, 1000);
  return value as PanelStatus;
}
