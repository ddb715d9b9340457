// Words for the P&L section's numbers. Pure (no DOM), so the unit tests pin the exact strings.

import { formatMoney, formatPercent, formatSignedPercent } from '../../core/format';
import { plainNumber } from '../../core/pnl/panelFields';
import type { Currency } from '../../core/model';
import type { PnlMove } from '../../core/pnl/panelState';

/** Parts under 0.05 percentage points read as 0.0 and are left out of the subsidy part (it is 0 but across a halving). */
const SHOWN_PART = 0.05;

/** "+4.1%: price +0.8%, difficulty +3.1%, fees +0.2%" — the parts add up to the total (to rounding). */
export function moveSentence(m: PnlMove): string {
  const parts = [`price ${formatSignedPercent(m.pricePercent, 1)}`, `difficulty ${formatSignedPercent(m.difficultyPercent, 1)}`, `fees ${formatSignedPercent(m.feesPercent, 1)}`];
  if (Math.abs(m.subsidyPercent) >= SHOWN_PART) parts.push(`subsidy ${formatSignedPercent(m.subsidyPercent, 1)}`);
  return `${formatSignedPercent(m.totalPercent, 1)}: ${parts.join(', ')}`;
}

/** Whether any move has a subsidy part worth a column (a halving inside the window). */
export function hasSubsidyPart(moves: readonly PnlMove[]): boolean {
  return moves.some((m) => Math.abs(m.subsidyPercent) >= SHOWN_PART);
}

/**
 * How far a value may move before the margin reaches zero, in words: "can rise 86%" (a cost that may grow:
 * power price, J/TH) or "can fall 47%" (a price that may drop: hashprice, BTC). "already past it" when the
 * margin is negative.
 */
export function headroom(current: number, breakeven: number | null, kind: 'cost' | 'price'): string {
  if (breakeven === null || !Number.isFinite(breakeven) || !(current > 0)) return '—';
  const change = (breakeven / current - 1) * 100;
  if (kind === 'cost') return change >= 0 ? `can rise ${formatPercent(change, 0)}` : `${formatPercent(-change, 0)} too high`;
  return change <= 0 ? `can fall ${formatPercent(-change, 0)}` : `${formatPercent(change, 0)} too low`;
}

/** Money to the cent (whole units from 1,000 up, as formatMoney), with a true minus: "$20.90", "−$1.38", "$438,000". */
export function moneyText(value: number | null, currency: Currency): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const cents = Math.round(value * 100) / 100;
  // formatMoney gives 4 decimals below 1: to the cent here, so "$0.50", "$0.00".
  return formatMoney(cents === 0 ? 0 : cents, currency).replace(/(\.\d\d)00$/, '$1').replace(/^-/, '−');
}

/** "AI hosting nets $818,574 more per MW-year", "Mining nets …", or "Both net the same". */
export function verdict(hostingMinusMining: number, currency: Currency): string {
  const amount = moneyText(Math.abs(hostingMinusMining), currency);
  if (Math.abs(hostingMinusMining) < 0.5) return 'Both net the same per MW-year';
  return hostingMinusMining > 0 ? `AI hosting nets ${amount} more per MW-year than mining` : `Mining nets ${amount} more per MW-year than AI hosting`;
}

/** "500 PH/s · 10 MW of grid power". */
export function fleetText(hashratePhs: number, gridPowerMw: number): string {
  return `${plainNumber(Number(hashratePhs.toPrecision(4)))} PH/s · ${plainNumber(Number(gridPowerMw.toPrecision(4)))} MW of grid power`;
}

/** A number for an input field: plain digits and a dot, no grouping, no float noise (0.1 + 0.2 → 0.3). */
export function inputText(value: number): string {
  return String(Number(value.toPrecision(12)));
}
