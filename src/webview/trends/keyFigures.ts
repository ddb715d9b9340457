// The key-figures strip: six cards with the live levels and their changes.

import { BLOCKS_PER_EPOCH } from '../../core/constants';
import { epochProgress } from '../../core/economics';
import {
  formatBtc,
  formatDateTime,
  formatDay,
  formatDifficulty,
  formatHashrate,
  formatInteger,
  formatMoney,
  formatPercent,
  formatRelative,
  formatSatsPerPhDay,
  formatSignedPercent,
} from '../../core/format';
import type { KeyFigures } from '../../shared/protocol';
import { h, replaceChildren } from '../common/dom';

function delta(percent: number | null, label: string): HTMLElement {
  if (percent === null || !Number.isFinite(percent)) return h('span', { class: 'delta flat' }, `${label} —`);
  const rounded = Number(percent.toFixed(2));
  const cls = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
  const arrow = rounded > 0 ? '▲' : rounded < 0 ? '▼' : '■';
  return h(
    'span',
    { class: `delta ${cls}`, 'aria-label': `${label} ${formatSignedPercent(percent)}` },
    h('span', { class: 'delta-label' }, label),
    ` ${arrow} ${formatSignedPercent(percent)}`,
  );
}

/** "812.3 EH/s" → value "812.3", unit "EH/s" (the unit is set smaller). */
function valueWithUnit(text: string, splitAt: RegExp | null = / (?=[A-Za-z/]+$)/): HTMLElement {
  const m = splitAt?.exec(text);
  if (!m) return h('div', { class: 'kpi-value' }, text);
  return h('div', { class: 'kpi-value' }, text.slice(0, m.index), h('span', { class: 'kpi-unit' }, text.slice(m.index)));
}

function card(id: string, label: string, value: HTMLElement, ...rows: (Node | string | null)[]): HTMLElement {
  return h(
    'div',
    { class: 'kpi', role: 'listitem', 'data-kpi': id },
    h('div', { class: 'kpi-label' }, label),
    value,
    ...rows.filter((r): r is Node | string => r !== null).map((r) => h('div', { class: 'kpi-sub' }, r)),
  );
}

function progress(percent: number, label: string): HTMLElement {
  const clamped = Math.max(0, Math.min(100, percent));
  const fill = h('div');
  fill.style.width = `${clamped.toFixed(1)}%`;
  return h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': clamped.toFixed(1), 'aria-label': label }, fill);
}

const LABELS = ['Hash rate · 7-day', 'Difficulty', 'Hashprice', 'BTC price', 'Blocks to retarget', 'Blocks to halving'] as const;

export function renderKeyFigures(container: HTMLElement, f: KeyFigures | null, nowMs: number): void {
  if (!f) {
    replaceChildren(container, ...LABELS.map((label, i) => card(String(i), label, h('div', { class: 'kpi-value' }, '—'), '\u00a0')));
    return;
  }
  const hashprice = f.hashpriceFiat === null ? formatSatsPerPhDay(f.hashpriceSats) : formatMoney(f.hashpriceFiat, f.currency) + '/PH/day';
  // The hover's function: blocks mined, to go and percent all from the tip height.
  const mined = epochProgress(f.tipHeight).blocksMined;
  replaceChildren(
    container,
    card('hashrate', LABELS[0], valueWithUnit(formatHashrate(f.hashrateHps)), delta(f.hashrateChange30dPercent, 'vs 30 days ago')),
    card(
      'difficulty',
      LABELS[1],
      valueWithUnit(formatDifficulty(f.difficulty)),
      delta(f.difficultyChangePercent, 'Next retarget (est.)'),
      `≈ ${formatDateTime(f.estimatedRetargetMs)} (${formatRelative(f.estimatedRetargetMs, nowMs)})`,
    ),
    card(
      'hashprice',
      LABELS[2],
      valueWithUnit(hashprice, /\/PH\/day$| sats\/PH\/day$/),
      f.hashpriceFiat === null ? null : formatSatsPerPhDay(f.hashpriceSats),
      h('span', { class: 'deltas' }, delta(f.hashpriceChange7dPercent, '7d'), delta(f.hashpriceChange30dPercent, '30d')),
    ),
    card(
      'price',
      `${LABELS[3]} · ${f.currency}`,
      valueWithUnit(formatMoney(f.btcPrice, f.currency), null),
      delta(f.btcPriceChange30dPercent, '30d'),
      `Fees ${formatPercent(f.feeSharePercent)} of the block reward`,
    ),
    card(
      'retarget',
      LABELS[4],
      valueWithUnit(formatInteger(f.remainingBlocks), null),
      progress(f.progressPercent, `Epoch progress ${formatPercent(f.progressPercent)}`),
      `${formatInteger(mined)} of ${formatInteger(BLOCKS_PER_EPOCH)} mined · block ${formatInteger(f.nextRetargetHeight)}`,
    ),
    card(
      'halving',
      LABELS[5],
      valueWithUnit(formatInteger(f.halvingBlocksLeft), null),
      `≈ ${formatDay(f.halvingEstimatedMs / 1000)} (${formatRelative(f.halvingEstimatedMs, nowMs).replace(/ \d+ h$/, '')})`,
      `Block ${formatInteger(f.halvingHeight)} · subsidy → ${formatBtc(f.subsidyAfterHalvingSats)}`,
    ),
  );
}
