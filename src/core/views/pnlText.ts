// Words for the P&L numbers (the panel's P&L section) and for "why did hashprice move" (the panel and the
// hover). Pure, so the unit tests pin the exact strings.

import { formatPercent, formatSignedPercent, moneyText, plainNumber } from '../format';
import type { Currency } from '../model';
import type { HashpriceDecomposition } from '../pnl/decomposition';

/** Parts under 0.05 percentage points read as 0.0 and are left out of the subsidy part (it is 0 but across a halving). */
const SHOWN_PART = 0.05;

/** Whether a move's subsidy part is worth showing (a halving inside the window). */
function showsSubsidy(d: HashpriceDecomposition): boolean {
  return Math.abs(d.subsidyPercent) >= SHOWN_PART;
}

/** ["price +0.8%", "difficulty +3.1%", "fees +0.2%"] (+ "subsidy −49.0%" across a halving): they add up to the total. */
export function moveParts(d: HashpriceDecomposition): string[] {
  const parts = [
    `price ${formatSignedPercent(d.pricePercent, 1)}`,
    `difficulty ${formatSignedPercent(d.difficultyPercent, 1)}`,
    `fees ${formatSignedPercent(d.feesPercent, 1)}`,
  ];
  if (showsSubsidy(d)) parts.push(`subsidy ${formatSignedPercent(d.subsidyPercent, 1)}`);
  return parts;
}

/** "+4.1%: price +0.8%, difficulty +3.1%, fees +0.2%" — the parts add up to the total (to rounding). */
export function moveSentence(m: HashpriceDecomposition): string {
  return `${formatSignedPercent(m.totalPercent, 1)}: ${moveParts(m).join(', ')}`;
}

/** Whether any move has a subsidy part worth a column (a halving inside the window). */
export function hasSubsidyPart(moves: readonly HashpriceDecomposition[]): boolean {
  return moves.some(showsSubsidy);
}

/**
 * How far a value may move before the margin reaches zero, in words: "can rise 86%" (a cost that may grow:
 * power price, J/TH) or "can fall 47%" (a price that may drop: hashprice, BTC). "already past it" when the
 * margin is negative.
 */
export function headroom(current: number, breakeven: number | null, kind: 'cost' | 'price'): string {
  if (breakeven === null || !Number.isFinite(breakeven) || !(current > 0)) return '—';
  const change = (breakeven / current - 1) * 100;
  if (kind === 'cost')
    return change >= 0 ? `can rise ${formatPercent(change, 0)}` : `${formatPercent(-change, 0)} too high`;
  return change <= 0 ? `can fall ${formatPercent(-change, 0)}` : `${formatPercent(change, 0)} too low`;
}

/** "AI hosting nets $818,574 more per MW-year", "Mining nets …", or "Both net the same". */
export function verdict(hostingMinusMining: number, currency: Currency): string {
  const amount = moneyText(Math.abs(hostingMinusMining), currency);
  if (Math.abs(hostingMinusMining) < 0.5) return 'Both net the same per MW-year';
  return hostingMinusMining > 0
    ? `AI hosting nets ${amount} more per MW-year than mining`
    : `Mining nets ${amount} more per MW-year than AI hosting`;
}

/** "500 PH/s · 10 MW of grid power". */
export function fleetText(hashratePhs: number, gridPowerMw: number): string {
  return `${plainNumber(Number(hashratePhs.toPrecision(4)))} PH/s · ${plainNumber(Number(gridPowerMw.toPrecision(4)))} MW of grid power`;
}
