// The key-figures strip: six cards with the live levels and their changes. In the extras script (see
// ../common/extras.ts); the cards' frame and the strip before any figures are in ./keyFigureCards.ts.

import { t } from '../../core/l10n';
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
import {
  hashrateRangeText,
  levelText,
  percentRangeText,
  probabilityText,
  thresholdText,
} from '../../core/views/estimateText';
import { networkPowerText } from '../../core/views/powerText';
import type { KeyFigures } from '../../shared/protocol';
import { h, replaceChildren } from '../common/dom';
import { KEY_FIGURE_LABELS as LABELS, keyFigureCard as card, renderKeyFigurePlaceholders } from './keyFigureCards';

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
  return h(
    'div',
    { class: 'kpi-value' },
    text.slice(0, m.index),
    h('span', { class: 'kpi-unit' }, text.slice(m.index)),
  );
}

function progress(percent: number, label: string): HTMLElement {
  const clamped = Math.max(0, Math.min(100, percent));
  const fill = h('div');
  fill.style.width = `${clamped.toFixed(1)}%`;
  return h(
    'div',
    {
      class: 'progress',
      role: 'progressbar',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuenow': clamped.toFixed(1),
      'aria-label': label,
    },
    fill,
  );
}

/** "95%: 932.0–1,054 EH/s · 62% likely under 1 ZH/s" (null parts left out; null if nothing is known). */
function hashrateInterval(f: KeyFigures): string | null {
  const parts: string[] = [];
  if (f.hashrateLowHps !== null && f.hashrateHighHps !== null)
    parts.push(
      `${levelText(f.confidenceLevel)}: ${hashrateRangeText(f.hashrateLowHps, f.hashrateHighHps, f.hashrateHps)}`,
    );
  if (f.hashrateBelowProbability !== null && f.hashrateBelowThresholdHps !== null) {
    parts.push(
      `${probabilityText(f.hashrateBelowProbability)} likely under ${thresholdText(f.hashrateBelowThresholdHps)}`,
    );
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** "Network power ≈ 22 GW (15–30 GW)": CBECI-style best guess and bounds from the history's newest day. */
function networkPowerLine(f: KeyFigures): HTMLElement | null {
  const { networkPowerLowW: low, networkPowerBestW: best, networkPowerHighW: high } = f;
  if (low === null || low === undefined) return null;
  return h(
    'span',
    {
      class: 'network-power',
      title:
        'Cambridge CBECI method (v1.x parameters unless set): lower bound = the most efficient machine, best guess = the mean of the machines still profitable, upper bound = the least efficient of them',
    },
    `Network power ${networkPowerText(low, best ?? null, high ?? null)}`,
  );
}

/** The 30-day change's interval, or "within noise" when it contains 0 %. */
function changeInterval(f: KeyFigures): HTMLElement | null {
  const {
    hashrateChange30dLowPercent: low,
    hashrateChange30dHighPercent: high,
    hashrateChange30dWithinNoise: noise,
  } = f;
  if (low === null || high === null || noise === null) return null;
  const text = `${levelText(f.confidenceLevel)}: ${percentRangeText(low, high)}`;
  return noise
    ? h('span', { class: 'noise', title: `${text}: the interval contains 0 %` }, `within noise (${text})`)
    : h('span', {}, text);
}

/** The next retarget's change and date intervals (retargetInterval on the host). */
function retargetIntervals(f: KeyFigures): string | null {
  const { difficultyChangeLowPercent: low, difficultyChangeHighPercent: high, retargetLowMs, retargetHighMs } = f;
  if (low === null || high === null || retargetLowMs === null || retargetHighMs === null) return null;
  return `${levelText(f.confidenceLevel)}: ${percentRangeText(low, high)}, ${formatDateTime(retargetLowMs)} – ${formatDateTime(retargetHighMs)}`;
}

export function renderKeyFigures(container: HTMLElement, f: KeyFigures | null, nowMs: number): void {
  if (!f) {
    renderKeyFigurePlaceholders(container);
    return;
  }
  const hashprice =
    f.hashpriceFiat === null
      ? formatSatsPerPhDay(f.hashpriceSats)
      : formatMoney(f.hashpriceFiat, f.currency) + '/PH/day';
  // The hover's function: blocks mined, to go and percent all from the tip height.
  const mined = epochProgress(f.tipHeight).blocksMined;
  replaceChildren(
    container,
    card(
      'hashrate',
      LABELS[0],
      valueWithUnit(formatHashrate(f.hashrateHps)),
      hashrateInterval(f),
      delta(f.hashrateChange30dPercent, 'vs 30 days ago'),
      changeInterval(f),
      networkPowerLine(f),
    ),
    card(
      'difficulty',
      LABELS[1],
      valueWithUnit(formatDifficulty(f.difficulty)),
      delta(f.difficultyChangePercent, t('Next retarget (est.)')),
      `≈ ${formatDateTime(f.estimatedRetargetMs)} (${formatRelative(f.estimatedRetargetMs, nowMs)})`,
      retargetIntervals(f),
    ),
    card(
      'hashprice',
      LABELS[2],
      valueWithUnit(hashprice, /\/PH\/day$| sats\/PH\/day$/),
      f.hashpriceFiat === null ? null : formatSatsPerPhDay(f.hashpriceSats),
      h(
        'span',
        { class: 'deltas' },
        delta(f.hashpriceChange7dPercent, '7d'),
        delta(f.hashpriceChange30dPercent, '30d'),
      ),
    ),
    card(
      'price',
      `${LABELS[3]} · ${f.currency}`,
      valueWithUnit(formatMoney(f.btcPrice, f.currency), null),
      delta(f.btcPriceChange30dPercent, '30d'),
      t('Fees {0} of the block reward', formatPercent(f.feeSharePercent)),
    ),
    card(
      'retarget',
      LABELS[4],
      valueWithUnit(formatInteger(f.remainingBlocks), null),
      progress(f.progressPercent, t('Epoch progress {0}', formatPercent(f.progressPercent))),
      `${formatInteger(mined)} of ${formatInteger(BLOCKS_PER_EPOCH)} mined · block ${formatInteger(f.nextRetargetHeight)}`,
    ),
    card(
      'halving',
      LABELS[5],
      valueWithUnit(formatInteger(f.halvingBlocksLeft), null),
      `≈ ${formatDay(f.halvingEstimatedMs / 1000)} (${formatRelative(f.halvingEstimatedMs, nowMs).replace(/ \d+ h$/, '')})`,
      t('Block {0} · subsidy → {1}', formatInteger(f.halvingHeight), formatBtc(f.subsidyAfterHalvingSats)),
    ),
  );
}
