// "Insert Mining Snapshot": the current figures as a Markdown table or CSV rows for the user's documents,
// with their source, time (ISO UTC and age) and units. Data that is not current says so in the text
// itself: a pasted table outlives the status bar that showed it as stale.

import { HPS_PER_EHS } from '../units';
import {
  formatAge,
  formatInteger,
  formatNumber,
  formatPowerPrice,
  formatSignedNumber,
  isoDateTime,
  plainNumber,
} from '../format';
import { csvField, type CsvCell } from '../history/csv';
import type { Currency } from '../model';
import { shownSourceHost, type Settings } from '../settings';
import { staleness, type GlanceState } from '../glance/state';
import { glanceEstimateOptions } from './glanceEstimates';
import { computeGlanceFigures, type GlanceFigures } from './glanceFigures';
import { oneLine } from '../errors';

/** Whether the figures can be presented as current, and if not, why. */
export type SnapshotStatus =
  | { readonly kind: 'live' }
  | { readonly kind: 'cached' }
  | { readonly kind: 'stale'; readonly reason: string }
  | { readonly kind: 'none'; readonly reason: string | null };

export interface SnapshotInput {
  readonly figures: GlanceFigures | null;
  readonly currency: Currency;
  readonly sourceHost: string;
  /** When the figures were fetched (null: never). */
  readonly fetchedAtMs: number | null;
  /** When the snapshot is taken (inserted or copied). */
  readonly nowMs: number;
  readonly status: SnapshotStatus;
}

/** The snapshot of what the status bar shows now, judged for staleness the way the status bar judges it. */
export function snapshotInput(
  state: GlanceState,
  settings: Settings,
  fallbackSourceHost: string,
  nowMs: number,
): SnapshotInput {
  const snapshot = state.snapshot;
  const base = {
    currency: settings.currency,
    sourceHost: snapshot?.sourceHost ?? fallbackSourceHost,
    fetchedAtMs: snapshot?.fetchedAtMs ?? null,
    nowMs,
  };
  if (!snapshot) return { ...base, figures: null, status: { kind: 'none', reason: state.error?.message ?? null } };
  const figures = computeGlanceFigures(
    snapshot,
    settings.currency,
    nowMs,
    settings.pnl,
    glanceEstimateOptions(settings),
  );
  const { stale, reason } = staleness(state, nowMs, settings.refreshIntervalMs);
  const status: SnapshotStatus = stale
    ? { kind: 'stale', reason: reason ?? 'the data is out of date' }
    : state.origin === 'cache'
      ? { kind: 'cached' }
      : { kind: 'live' };
  return { ...base, figures, status };
}

/**
 * Text from outside (an error message, a host name) as one line of document Markdown: the characters that
 * would start markup or break the table are backslash-escaped. Dates and hosts keep their `.`, `:` and `-`
 * unescaped, since people read the inserted source text as well as its rendering.
 */
export function documentText(text: string): string {
  return oneLine(text.replace(/[\u2028\u2029\u0085]/g, ' ')).replace(/[\\`*_[\]<>|#!~$&]/g, (c) => `\\${c}`);
}

/** A sentence's end: no full stop after a reason that already ends in punctuation. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** One figure: its name with its unit (the row's header), its value in that unit. */
export interface SnapshotRow {
  readonly figure: string;
  readonly value: string;
}

/** The rows of the Markdown table, in the units their names state. */
export function snapshotRows(f: GlanceFigures): SnapshotRow[] {
  const c = f.currency;
  const rows: SnapshotRow[] = [
    { figure: 'Block height', value: formatInteger(f.tipHeight) },
    { figure: 'Hash rate, 7-day estimate (EH/s)', value: formatNumber(f.hashrateHps / HPS_PER_EHS, 1) },
  ];
  if (f.hashrateTrendPercent !== null)
    rows.push({
      figure: 'Hash rate trend, last 7 days vs the 7 before (%)',
      value: formatSignedNumber(f.hashrateTrendPercent, 1),
    });
  const hp = f.hashprice;
  if (hp.hashpricePerPhDay !== null)
    rows.push({ figure: `Hashprice (${c} per PH/s per day)`, value: formatNumber(hp.hashpricePerPhDay, 2) });
  rows.push({ figure: 'Hashvalue (sats per PH/s per day)', value: formatInteger(hp.hashvalueSatsPerPhDay) });
  if (f.btcPrice !== null) rows.push({ figure: `BTC price (${c})`, value: formatInteger(f.btcPrice) });
  rows.push(
    { figure: 'Difficulty', value: formatInteger(f.difficulty) },
    { figure: 'Next difficulty change, estimate (%)', value: formatSignedNumber(f.difficultyChangePercent, 2) },
    {
      figure: 'Next retarget, estimate (UTC)',
      value: `${isoDateTime(f.estimatedRetargetMs)} at block ${formatInteger(f.nextRetargetHeight)}`,
    },
  );
  const pnl = f.profitability;
  if (pnl) {
    const i = pnl.inputs;
    rows.push({
      figure: `Your margin at ${plainNumber(i.efficiencyJPerTh)} J/TH and ${formatPowerPrice(i.powerPricePerKwh, c)} (${c} per PH/s per day)`,
      value: formatSignedNumber(pnl.marginPerPhDay, 2),
    });
  }
  return rows;
}

function ageText(input: SnapshotInput): string {
  return input.fetchedAtMs === null ? '' : formatAge(input.nowMs - input.fetchedAtMs);
}

/** The sentence that stops old data passing for current, or null when it is current. */
export function notCurrentText(input: SnapshotInput): string | null {
  const s = input.status;
  const when = input.fetchedAtMs === null ? '' : ` fetched ${isoDateTime(input.fetchedAtMs)} (${ageText(input)})`;
  switch (s.kind) {
    case 'live':
      return null;
    case 'cached':
      return `Not current: these figures are cached from an earlier session,${when}, and have not been refreshed since.`;
    case 'stale':
      return sentence(`Not current: these figures were${when}; ${s.reason}`);
    case 'none':
      return `${sentence(`No mining data yet${s.reason ? `: ${s.reason}` : ': the first fetch has not finished'}`)} Nothing to show.`;
  }
}

/** The snapshot as Markdown: a heading line, the warning when not current, the table, the source and time. */
export function snapshotMarkdown(input: SnapshotInput): string {
  const source = documentText(shownSourceHost(input.sourceHost));
  const warning = notCurrentText(input);
  const lines = ['**Bitcoin mining snapshot**', ''];
  if (warning) lines.push(`> **${documentText(warning)}**`, '');
  if (input.figures) {
    lines.push('| Figure (unit) | Value |', '| :-- | --: |');
    for (const r of snapshotRows(input.figures)) lines.push(`| ${r.figure} | ${r.value} |`);
    lines.push('');
  }
  const fetched =
    input.fetchedAtMs === null
      ? 'nothing fetched yet'
      : `data fetched ${isoDateTime(input.fetchedAtMs)} (${ageText(input)})`;
  lines.push(
    `Source: ${source} · ${fetched} · taken ${isoDateTime(input.nowMs)} by Mining Economics. Hash rate is inferred from block times, not measured.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The CSV header: machine-friendly names with units, the currency in the money columns' names. */
export function snapshotCsvHeader(currency: Currency): string[] {
  const cur = currency.toLowerCase();
  return [
    'taken_utc',
    'fetched_utc',
    'age_s',
    'source',
    'status',
    'height',
    'hashrate_ehs',
    'hashrate_trend_7d_percent',
    `hashprice_${cur}_per_ph_day`,
    'hashprice_sats_per_ph_day',
    `btc_price_${cur}`,
    'difficulty',
    'difficulty_change_estimate_percent',
    'retarget_estimate_utc',
    `margin_${cur}_per_ph_day`,
  ];
}

/** The status cell: "live", "cached", "stale: <reason>", "no data: <reason>". */
function statusCell(status: SnapshotStatus): string {
  switch (status.kind) {
    case 'live':
    case 'cached':
      return status.kind;
    case 'stale':
      return `stale: ${status.reason}`;
    case 'none':
      return `no data${status.reason ? `: ${status.reason}` : ''}`;
  }
}

/** One CSV row under snapshotCsvHeader: plain numbers (dot decimals, no grouping), RFC 4180 quoting. */
export function snapshotCsvRow(input: SnapshotInput): string {
  const f = input.figures;
  const fetched = input.fetchedAtMs;
  const cells: CsvCell[] = [
    isoDateTime(input.nowMs),
    fetched === null ? null : isoDateTime(fetched),
    fetched === null ? null : Math.round((input.nowMs - fetched) / 1000),
    shownSourceHost(input.sourceHost),
    statusCell(input.status),
  ];
  if (f)
    cells.push(
      f.tipHeight,
      f.hashrateHps / HPS_PER_EHS,
      f.hashrateTrendPercent,
      f.hashprice.hashpricePerPhDay,
      f.hashprice.hashvalueSatsPerPhDay,
      f.btcPrice,
      f.difficulty,
      f.difficultyChangePercent,
      isoDateTime(f.estimatedRetargetMs),
      f.profitability?.marginPerPhDay ?? null,
    );
  else cells.push(...Array<CsvCell>(10).fill(null));
  return cells.map(csvField).join(',');
}

/**
 * CSV text to insert: the header and the row, or only the row when the file already starts with this
 * header (so repeated snapshots build a table). The editor turns the line ends into the file's own.
 */
export function snapshotCsv(input: SnapshotInput, firstLineOfFile: string | null): string {
  const header = snapshotCsvHeader(input.currency).map(csvField).join(',');
  const row = snapshotCsvRow(input);
  return firstLineOfFile?.trim() === header ? `${row}\n` : `${header}\n${row}\n`;
}
