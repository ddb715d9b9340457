// The panel's status line: where the data comes from and how fresh it is.

import { CURRENCIES, type Currency } from '../../core/model';
import { bool, numOrNull, obj, oneOf, str, strOrNull } from './check';
import { MAX_SHOWN_TEXT_CHARS } from '../../core/errors';

/** Freshness of the data as the status line shows it. */
export interface PanelStatus {
  readonly sourceHost: string;
  readonly currency: Currency;
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
  // The host sends it through shownSourceHost (core/settings.ts), which cuts it to this length.
  str(o.sourceHost, `${path}.sourceHost`, MAX_SHOWN_TEXT_CHARS);
  oneOf(o.currency, CURRENCIES, `${path}.currency`);
  numOrNull(o.fetchedAtMs, `${path}.fetchedAtMs`);
  oneOf(o.origin, ['cache', 'live', 'none'] as const, `${path}.origin`);
  bool(o.refreshing, `${path}.refreshing`);
  bool(o.stale, `${path}.stale`);
  strOrNull(o.staleReason, `${path}.staleReason`, 1000);
  return value as PanelStatus;
}
