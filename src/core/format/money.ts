// Money: the one currency table, full amounts (status bar, hover, P&L) and compact axis ticks.

import type { Currency } from '../model';
import { localizeDigits } from './locale';
import { formatNumber, MINUS } from './numbers';
import { twoDigitScale } from './power';
import { compactSi } from './si';

interface CurrencyStyle {
  readonly symbol: string;
  /** Amounts from this size up are shown in whole units (a yen is worth less than a cent). */
  readonly wholeUnitsFrom: number;
  /** Decimals of a price per kWh: a tenth of a cent matters, a hundredth of one does not. */
  readonly powerPriceDecimals: number;
}

export const CURRENCY_STYLES: Readonly<Record<Currency, CurrencyStyle>> = {
  USD: { symbol: '$', wholeUnitsFrom: 1000, powerPriceDecimals: 3 },
  EUR: { symbol: '€', wholeUnitsFrom: 1000, powerPriceDecimals: 3 },
  GBP: { symbol: '£', wholeUnitsFrom: 1000, powerPriceDecimals: 3 },
  CAD: { symbol: 'CA$', wholeUnitsFrom: 1000, powerPriceDecimals: 3 },
  CHF: { symbol: 'CHF ', wholeUnitsFrom: 1000, powerPriceDecimals: 3 },
  AUD: { symbol: 'A$', wholeUnitsFrom: 1000, powerPriceDecimals: 3 },
  JPY: { symbol: '¥', wholeUnitsFrom: 1, powerPriceDecimals: 1 },
};

/**
 * Money with the currency's symbol. Decimals adapt to magnitude so small hashprices keep precision:
 * ≥ 1000 → 0 decimals (BTC price), ≥ 1 → 2, below → 4. JPY never shows sub-yen unless below ¥1.
 */
export function formatMoney(value: number | null | undefined, currency: Currency): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const style = CURRENCY_STYLES[currency];
  const abs = Math.abs(value);
  const decimals = abs >= style.wholeUnitsFrom ? 0 : abs >= 1 ? 2 : 4;
  const sign = value < 0 ? '-' : '';
  return `${sign}${style.symbol}${formatNumber(abs, decimals)}`;
}

/** Power prices: "$0.050/kWh". */
export function formatPowerPrice(perKwh: number | null | undefined, currency: Currency): string {
  if (perKwh === null || perKwh === undefined || !Number.isFinite(perKwh)) return '—/kWh';
  const style = CURRENCY_STYLES[currency];
  return `${perKwh < 0 ? '-' : ''}${style.symbol}${formatNumber(Math.abs(perKwh), style.powerPriceDecimals)}/kWh`;
}

/** "$48.12/PH/day". */
export function formatHashprice(value: number | null | undefined, currency: Currency): string {
  return `${formatMoney(value, currency)}/PH/day`;
}

/** Money to the cent (whole units from 1,000 up, as formatMoney), with a true minus: "$20.90", "−$1.38", "$438,000". */
export function moneyText(value: number | null, currency: Currency): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const cents = Math.round(value * 100) / 100;
  // formatMoney gives 4 decimals below 1: to the cent here, so "$0.50", "$0.00".
  const text = formatMoney(cents === 0 ? 0 : cents, currency).replace(/^-/, MINUS);
  // Four decimals to two: the decimal mark is the display language's.
  return text.replace(/(\D\d\d)00$/, '$1');
}

/** Axis ticks: "$48", "$0.12", "$1.2k", "$105k", "¥7.5M". */
export function compactMoney(value: number, currency: Currency): string {
  if (!Number.isFinite(value)) return '';
  const sign = value < 0 ? MINUS : '';
  const abs = Math.abs(value);
  const symbol = CURRENCY_STYLES[currency].symbol;
  if (abs >= 1000) return `${sign}${symbol}${compactSi(abs).replace(' ', '')}`;
  if (abs >= 10) return `${sign}${symbol}${localizeDigits(String(Number(abs.toPrecision(3))))}`;
  if (abs === 0) return `${symbol}0`;
  return `${sign}${symbol}${localizeDigits(String(Number(abs.toPrecision(2))))}`;
}

const MONEY_SCALES: readonly (readonly [number, string])[] = [
  [1e12, ' T'],
  [1e9, ' B'],
  [1e6, ' M'],
  [1e3, ' k'],
  [1, ''],
];

/**
 * Money in prose, two significant digits and a scale word: "$1.4 B", "€850 M", "−CHF 12 k", "¥7.5".
 * (compactMoney is for axis ticks: three digits, SI letters, no space.) Non-finite → "—".
 */
export function formatMoneyCompact(value: number | null | undefined, currency: Currency): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const symbol = CURRENCY_STYLES[currency].symbol;
  if (value === 0) return `${symbol}0`;
  const scaled = twoDigitScale(Math.abs(value), MONEY_SCALES);
  return `${value < 0 ? MINUS : ''}${symbol}${scaled.text}${scaled.unit}`;
}
