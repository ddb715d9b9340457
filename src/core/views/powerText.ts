// The network's power and "where the hash went" in words, for the hover, the key figures and the panel.
// Figures come from core/power; this file only phrases them.

import { axisHashrate, formatDay, formatMoneyCompact, formatPowerCompact, formatPowerRangeCompact } from '../format';
import type { Currency } from '../model';
import type { HashDrop } from '../power/hashDrop';
import { t } from '../l10n';

const W_PER_MW = 1e6;

/** "≈ 14 GW (9.1–19 GW)": the best guess and the CBECI-style bounds; "≈ 9.1 GW or more" without a best guess. */
export function networkPowerText(lowW: number | null, bestW: number | null, highW: number | null): string {
  if (bestW === null) return lowW === null ? '—' : t('≈ {0} or more', formatPowerCompact(lowW));
  return `≈ ${formatPowerCompact(bestW)} (${formatPowerRangeCompact(lowW, highW)})`;
}

/** "since the all-time high of 5 Oct 2026", "since the high of the last 31 days (5 Nov 2026)", "in 30 days". */
export function hashDropSince(drop: HashDrop): string {
  const day = formatDay(drop.result.reference.timeS);
  switch (drop.reference) {
    case 'ath':
      return t('since the all-time high of {0}', day);
    case 'data-peak':
      return t('since the high of the last {0} days ({1})', drop.spanDays, day);
    case '30d':
      return t('in 30 days');
    case '90d':
      return t('in 90 days');
  }
}

/** A rise or no change, phrased without a power claim; null for a drop. */
function noDropText(drop: HashDrop, since: string): string | null {
  const r = drop.result;
  if (r.dropHps === 0) return t('Hash rate unchanged {0}', since);
  if (r.dropHps < 0) return t('+{0} {1} (hash rate grew)', axisHashrate(-r.dropHps), since);
  return null;
}

/**
 * The hover's drop: "−62 EH/s since the high of the last 31 days (5 Nov 2026) ≈ 1.2 GW", the power being
 * the machines' own draw at the best-guess efficiency (whereHashWent's machineMw).
 */
export function hashDropText(drop: HashDrop): string {
  const since = hashDropSince(drop);
  const r = drop.result;
  return (
    noDropText(drop, since) ?? `−${axisHashrate(r.dropHps)} ${since} ≈ ${formatPowerCompact(r.machineMw * W_PER_MW)}`
  );
}

/**
 * The headline: "−62 EH/s since the all-time high of 5 Oct 2026 ≈ 1.2 GW of machines ≈ $1.4 B/yr if leased
 * to AI hosting". The money is the P&L's hosting model (pnl/hosting.ts) on the grid connection those
 * machines used (machine power × PUE), at the user's colocation rate, PUE and utilisation.
 */
export function whereHashWentHeadline(drop: HashDrop, currency: Currency): string {
  const since = hashDropSince(drop);
  const r = drop.result;
  return (
    noDropText(drop, since) ??
    t(
      '−{0} {1} ≈ {2} of machines ≈ {3}/yr if leased to AI hosting',
      axisHashrate(r.dropHps),
      since,
      formatPowerCompact(r.machineMw * W_PER_MW),
      formatMoneyCompact(r.hostingNetPerYear, currency),
    )
  );
}
