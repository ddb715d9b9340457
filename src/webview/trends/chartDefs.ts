// The three trend charts, declaratively: series, scales, axes, overlays and the words around them. The hovered
// day's events (`annotate`) are written by ./readoutNotes.ts, in the extras script loaded after the first paint.

import { difficultyFromHps, impliedHashrateHps } from '../../core/economics';
import {
  axisDifficulty,
  axisHashrate,
  axisPercent,
  compactCount,
  compactMoney,
  formatDifficulty,
  formatHashrate,
  formatInteger,
  formatMoney,
  formatPercent,
} from '../../core/format';
import { HPS_PER_ZHS } from '../../core/units';
import { t } from '../../core/l10n';
import { hashrateRangeText, levelText } from '../../core/views/estimateText';
import type { ChartDef } from '../common/chart/definition';
import { loadedTrendsExtras } from './extrasParts';
import { decadeSplits, linearSplits } from '../common/ticks';
import { DIFFICULTY_SERIES, MA7_BAND_SERIES } from './chartOverlays';

/** Ticks of the difficulty axis at round difficulties, placed on the hash-rate scale they share. */
function difficultySplits(min: number, max: number, log: boolean, heightPx: number): number[] {
  const k = difficultyFromHps(1);
  const splits = log ? decadeSplits(min * k, max * k, heightPx) : linearSplits(min * k, max * k, heightPx);
  return splits.map((d) => impliedHashrateHps(d));
}

/** "7-day 95% interval" (the level arrives with the host's status; until then "7-day interval"). */
function bandName(level: number | null): string {
  return level === null ? t('7-day interval') : t('7-day {0} interval', levelText(level));
}

const hashrateChart: ChartDef = {
  id: 'hashrate',
  title: t('Hash rate & difficulty'),
  height: 320,
  note: t(
    'Daily estimates: getnetworkhashps over each UTC day’s blocks; trailing averages; the band is the 7-day average’s interval (144 blocks a day). Difficulty is drawn as the hash rate it implies (D·2³²/600 s), read as difficulty on the right axis; dots mark retargets (green up, red down). After the last day: the next retarget’s interval (fan) and date (bar).',
  ),
  series: [
    {
      id: 'daily',
      label: t('Daily estimate'),
      kind: 'dots',
      scale: 'hps',
      color: (p) => p.blue,
      values: (s) => s.hashrate,
      format: (v) => formatHashrate(v),
      column: () => t('Daily estimate (H/s)'),
    },
    {
      id: MA7_BAND_SERIES,
      // The level is the one the series were derived at (the user's confidenceLevel).
      label: (ctx) => bandName(ctx?.series.bandLevel ?? null),
      kind: 'band',
      scale: 'hps',
      color: (p) => p.blue,
      values: (s) => s.hashrateMa7High,
      format: (v) => formatHashrate(v),
      column: (ctx) => t('{0}, high (H/s)', bandName(ctx.series.bandLevel)),
      lower: {
        values: (s) => s.hashrateMa7Low,
        column: (ctx) => t('{0}, low (H/s)', bandName(ctx.series.bandLevel)),
        // The hover's wording: "924–1,045 EH/s", in the lower edge's unit.
        range: (low, high) => hashrateRangeText(low, high, low),
      },
    },
    {
      id: 'ma7',
      label: t('7-day average'),
      kind: 'line',
      scale: 'hps',
      width: 1.5,
      color: (p) => p.blue,
      values: (s) => s.hashrateMa7,
      format: (v) => formatHashrate(v),
      column: () => t('7-day average (H/s)'),
    },
    {
      id: 'ma30',
      label: t('30-day average'),
      kind: 'line',
      scale: 'hps',
      width: 2.5,
      color: (p) => p.purple,
      values: (s) => s.hashrateMa30,
      format: (v) => formatHashrate(v),
      column: () => t('30-day average (H/s)'),
    },
    {
      id: DIFFICULTY_SERIES,
      label: t('Difficulty'),
      kind: 'step',
      scale: 'hps',
      width: 2,
      color: (p) => p.orange,
      values: (s) => s.difficultyHps,
      format: (v) => formatDifficulty(difficultyFromHps(v)),
      column: () => t('Difficulty'),
    },
  ],
  scales: [
    {
      key: 'hps',
      logCapable: true,
      // Keep the 1 ZH/s milestone in view once the network gets close to it.
      range: (min, max, log) =>
        !log && max >= 0.6 * HPS_PER_ZHS && max < 1.06 * HPS_PER_ZHS ? [min, 1.06 * HPS_PER_ZHS] : [min, max],
    },
  ],
  axes: [
    { scale: 'hps', side: 'left', grid: true, format: (v) => axisHashrate(v) },
    { scale: 'hps', side: 'right', grid: false, format: (v) => axisDifficulty(v), splits: difficultySplits },
  ],
  // Drawn by the extras script (loaded after the first paint, then the charts redraw): see common/extras.ts.
  overlay: (u, ctx, series) => loadedTrendsExtras()?.overlays.drawHashrateOverlay(u, ctx, series),
  annotate: (ctx, idx, u) => loadedTrendsExtras()?.readoutNotes.hashrate(ctx, idx, u) ?? [],
};

const hashpriceChart: ChartDef = {
  id: 'hashprice',
  title: t('Hashprice'),
  height: 260,
  note: t(
    'Expected revenue of 1 PH/s for a day, from that day’s difficulty, mean reward per block (subsidy + fees) and BTC price.',
  ),
  series: [
    {
      id: 'fiat',
      label: t('Fiat per PH/day'),
      kind: 'line',
      scale: 'fiat',
      width: 2,
      color: (p) => p.green,
      values: (s) => s.hashpriceFiat,
      format: (v, ctx) => `${formatMoney(v, ctx.currency)}/PH/day`,
      column: (ctx) => t('Hashprice ({0}/PH/day)', ctx.currency),
    },
    {
      id: 'sats',
      label: t('Sats per PH/day'),
      kind: 'line',
      scale: 'sats',
      width: 1.5,
      color: (p) => p.yellow,
      values: (s) => s.hashpriceSats,
      format: (v) => `${formatInteger(v)} sats/PH/day`,
      column: () => t('Hashvalue (sats/PH/day)'),
    },
  ],
  scales: [
    { key: 'fiat', logCapable: true },
    { key: 'sats', logCapable: true },
  ],
  axes: [
    { scale: 'fiat', side: 'left', grid: true, format: (v, ctx) => compactMoney(v, ctx.currency) },
    { scale: 'sats', side: 'right', grid: false, format: (v) => compactCount(v) },
  ],
  overlay: (u, ctx) => loadedTrendsExtras()?.overlays.drawHalvings(u, ctx),
  annotate: (ctx, idx, u) => loadedTrendsExtras()?.readoutNotes.hashprice(ctx, idx, u) ?? [],
};

const mixChart: ChartDef = {
  id: 'mix',
  title: t('Revenue mix & BTC price'),
  height: 260,
  note: t('Fee share: the day’s mean fees per block ÷ (subsidy + fees). Price: the source’s daily price.'),
  series: [
    {
      id: 'feeShare',
      label: t('Fee share'),
      kind: 'area',
      scale: 'pct',
      width: 1.5,
      color: (p) => p.blue,
      values: (s) => s.feeSharePercent,
      format: (v) => formatPercent(v, 2),
      column: () => t('Fee share (%)'),
    },
    {
      id: 'price',
      label: t('BTC price'),
      kind: 'line',
      scale: 'price',
      width: 2,
      color: (p) => p.orange,
      values: (s) => s.price,
      format: (v, ctx) => formatMoney(v, ctx.currency),
      column: (ctx) => t('BTC price ({0})', ctx.currency),
    },
  ],
  scales: [
    { key: 'pct', logCapable: false, range: (_min, max) => [0, Math.max(5, Math.min(100, max))] },
    { key: 'price', logCapable: true },
  ],
  axes: [
    { scale: 'pct', side: 'left', grid: true, format: (v) => axisPercent(v) },
    { scale: 'price', side: 'right', grid: false, format: (v, ctx) => compactMoney(v, ctx.currency) },
  ],
  overlay: (u, ctx) => loadedTrendsExtras()?.overlays.drawHalvings(u, ctx),
  annotate: (ctx, idx, u) => loadedTrendsExtras()?.readoutNotes.mix(ctx, idx, u) ?? [],
};

export const CHARTS: readonly ChartDef[] = [hashrateChart, hashpriceChart, mixChart];
