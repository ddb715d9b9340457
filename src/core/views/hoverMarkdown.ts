// The hover: difficulty details, the hashprice breakdown, price, data age and source, as Markdown.
// Everything that came from the network and is not a number we formatted ourselves is escaped.

import {
  formatAge,
  formatBlockInterval,
  formatBtc,
  formatDifficulty,
  formatHashprice,
  formatHashrate,
  formatInteger,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPowerPrice,
  formatRelative,
  formatSatsPerPhDay,
  formatSignedPercent,
  formatTrend,
} from '../format';
import { BLOCKS_PER_EPOCH } from '../constants';
import { shownSourceHost } from '../settings';
import { oneLine } from '../errors';
import { hashrateRangeText, levelText, percentRangeText, probabilityText, thresholdText } from './estimateText';
import type { GlanceFigures } from './glanceFigures';
import { moveParts } from './pnlText';
import { hashDropText, networkPowerText } from './powerText';
import type { SecondOpinion } from './secondOpinion';

/**
 * Escapes Markdown, HTML and VS Code's extras so a hostile pool name, host or error text cannot inject links,
 * commands, icons or markup, nor break the table it sits in. Beyond CommonMark's punctuation:
 * - `$(name)` would render a theme icon (the hover supports them): escaped as VS Code's own
 *   MarkdownString.appendText does, `\$(` before the punctuation pass doubles its backslash, so the rendered
 *   text reads `\$(name)`, which the icon renderer shows as written;
 * - bare URLs, `www.` and e-mail addresses are autolinked (GFM): `:`, `.` and `@` are escaped, which no
 *   autolink pattern matches across; `<…>` autolinks and HTML die with `<` as an entity;
 * - every control character (a lone `\r` too) and line/paragraph separator becomes a space: a line break
 *   would end the table row or start a block.
 * Bounded: the text is cut to MAX_SHOWN_TEXT_CHARS before escaping.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text.replace(/[\u2028\u2029\u0085]/g, ' '))
    .replace(/\$\(/g, '\\$(')
    .replace(/[\\`*_{}[\]()#+\-.!|~>:@"'=^$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

export interface HoverContext {
  readonly figures: GlanceFigures | null;
  readonly sourceHost: string;
  /** Where the prices came from when not the source itself ("mempool.space", "manual", "none"). */
  readonly priceSource?: string | null;
  readonly fetchedAtMs: number | null;
  readonly nowMs: number;
  /** Last refresh failure since the last success, already phrased for people. */
  readonly error: string | null;
  /** The source is behind (sourceHealth's staleReason): leads the hover. */
  readonly sourceStale?: string | null;
  /** What the source could not provide or may be doing wrong (sourceHealth's notices). */
  readonly sourceNotices?: readonly string[];
  /** The other source's view compared with this one (views/secondOpinion.ts); absent when not configured. */
  readonly secondOpinion?: SecondOpinion | null;
  /** True while showing the persisted snapshot of an earlier session. */
  readonly fromCache: boolean;
  /** Local date-time formatting (the host's locale); injected to keep this pure and testable. */
  readonly formatDate: (ms: number) => string;
  /** Commands the hover links to (the adapter trusts exactly these). */
  readonly commands: { readonly show: string; readonly refresh: string; readonly showLog: string };
}

/** Every table has a header row: screen readers announce a cell with its column's name. */
const TABLE_HEADER = '| Figure | Value |';

function row(label: string, value: string): string {
  return `| ${label} | ${value} |`;
}

export function hoverMarkdown(ctx: HoverContext): string {
  const { figures: f, nowMs } = ctx;
  const lines: string[] = [];
  const source = escapeMarkdown(shownSourceHost(ctx.sourceHost));
  lines.push(`**Mining Economics** — Bitcoin network`);
  lines.push('');

  if (ctx.sourceStale && f) {
    lines.push(
      `$(warning) **Stale** — ${escapeMarkdown(capitalize(ctx.sourceStale))} The figures below describe the chain as of that block.`,
    );
    lines.push('');
  }
  if (ctx.error && f && ctx.error !== ctx.sourceStale) {
    lines.push(
      `$(warning) **Stale** — Showing the last good data from ${ctx.fetchedAtMs ? formatAge(nowMs - ctx.fetchedAtMs) : 'earlier'}. Last refresh failed: ${escapeMarkdown(ctx.error)}`,
    );
    lines.push('');
  } else if (ctx.fromCache && f) {
    lines.push(
      `$(history) Cached from an earlier session (${ctx.fetchedAtMs ? formatAge(nowMs - ctx.fetchedAtMs) : 'age unknown'}); refreshing…`,
    );
    lines.push('');
  }

  if (f && ctx.sourceNotices && ctx.sourceNotices.length > 0) {
    for (const notice of ctx.sourceNotices) lines.push(`$(info) ${escapeMarkdown(capitalize(notice))}`, '');
  }

  const opinion = ctx.secondOpinion;
  if (f && opinion && !opinion.agree) {
    lines.push(`$(warning) **Second opinion disagrees** — ${escapeMarkdown(capitalize(opinion.summary))}.`, '');
  }

  if (!f) {
    lines.push(ctx.error ? `No data yet — ${escapeMarkdown(ctx.error)}` : 'Fetching the first data…');
    lines.push('');
    lines.push(`Source: ${source}`);
    lines.push('');
    lines.push(links(ctx));
    return lines.join('\n');
  }

  const hp = f.hashprice;
  const feeSharePercent = hp.feeShare * 100;
  lines.push(TABLE_HEADER);
  lines.push('|:--|:--|');
  const e = f.estimates;
  const level = levelText(e.level);
  const hashrateRange = e.hashrate
    ? ` (${level}: ${hashrateRangeText(e.hashrate.lowHps, e.hashrate.highHps, f.hashrateHps)})`
    : '';
  lines.push(row('Hash rate (7-day estimate)', `**${formatHashrate(f.hashrateHps)}**${hashrateRange}`));
  if (e.below)
    lines.push(row(`Under ${thresholdText(e.below.thresholdHps)}`, `${probabilityText(e.below.probability)} likely`));
  if (f.hashrateTrendPercent !== null) {
    const noise = e.trend
      ? e.trend.withinNoise
        ? ' (within noise)'
        : ` (${level}: ${percentRangeText(e.trend.lowPercent, e.trend.highPercent)})`
      : '';
    lines.push(row('7-day trend', `${formatTrend(f.hashrateTrendPercent)} vs previous 7 days${noise}`));
  }
  lines.push(
    row(
      'Hashprice',
      `**${formatHashprice(hp.hashpricePerPhDay, f.currency)}** · ${formatSatsPerPhDay(hp.hashvalueSatsPerPhDay)}`,
    ),
  );
  lines.push(
    row(
      'Reward per block',
      `${formatBtc(hp.rewardPerBlockSats)} = subsidy ${formatBtc(hp.subsidySats)} (${formatPercent(100 - feeSharePercent)}) + fees ${formatBtc(hp.meanFeesSats)} (${formatPercent(feeSharePercent)}, mean of last 144 blocks)`,
    ),
  );
  lines.push(row('BTC price', `${formatMoney(f.btcPrice, f.currency)} ${f.currency}`));
  const power = f.power;
  if (power.ok) {
    const n = power.network;
    const drop = power.drop ? ` · ${hashDropText(power.drop)}` : '';
    lines.push(row('Network power (CBECI-style)', `**${networkPowerText(n.lowW, n.bestW, n.highW)}**${drop}`));
  }
  const pnl = f.profitability;
  if (pnl) {
    const i = pnl.inputs;
    const powerPrice = formatPowerPrice(i.powerPricePerKwh, f.currency);
    lines.push(
      row(
        `Your margin (${formatNumber(i.efficiencyJPerTh, 1)} J/TH, ${powerPrice}, ${formatNumber(i.poolFeePercent, 1)}% pool fee)`,
        `**${formatHashprice(pnl.marginPerPhDay, f.currency)}** = ${formatHashprice(pnl.netRevenuePerPhDay, f.currency)} revenue − ${formatHashprice(pnl.powerCostPerPhDay, f.currency)} power`,
      ),
    );
    const breakevenPower = formatPowerPrice(pnl.breakevenPowerPricePerKwh, f.currency);
    lines.push(
      row(
        'Breakeven',
        `power ${breakevenPower} · hashprice ${formatHashprice(pnl.breakevenHashpricePerPhDay, f.currency)} · BTC ${formatMoney(pnl.breakevenBtcPrice, f.currency)}`,
      ),
    );
  }
  if (f.hashpriceMoves.length > 0) {
    const inUsd = f.currency === 'USD' ? '' : ' (in USD)';
    for (const move of f.hashpriceMoves) {
      const d = move.decomposition;
      lines.push(
        row(
          `Hashprice over ${move.days} d${inUsd}`,
          `**${formatSignedPercent(d.totalPercent, 1)}** = ${moveParts(d).join(' · ')}`,
        ),
      );
    }
  }
  lines.push('');
  lines.push('**Difficulty**');
  lines.push('');
  lines.push(TABLE_HEADER);
  lines.push('|:--|:--|');
  lines.push(row('Difficulty', `**${formatDifficulty(f.difficulty)}**`));
  lines.push(
    row(
      'Epoch progress',
      `${formatInteger(f.blocksMinedInEpoch)} of ${formatInteger(BLOCKS_PER_EPOCH)} blocks (${formatPercent(f.progressPercent)}) · ${formatInteger(f.remainingBlocks)} to go`,
    ),
  );
  lines.push(row('Estimated change', changeText(f, level)));
  const r = e.retarget;
  const retargetRange = r
    ? ` · ${level}: ${ctx.formatDate(r.retargetMs.low)} – ${ctx.formatDate(r.retargetMs.high)}`
    : '';
  lines.push(
    row(
      'Estimated retarget',
      `${ctx.formatDate(f.estimatedRetargetMs)} (${formatRelative(f.estimatedRetargetMs, nowMs)}) at block ${formatInteger(f.nextRetargetHeight)}${retargetRange}`,
    ),
  );
  const previousWhen = f.previousRetargetS === null ? '' : ` on ${ctx.formatDate(f.previousRetargetS * 1000)}`;
  lines.push(row('Previous adjustment', `${formatSignedPercent(f.previousRetargetPercent)}${previousWhen}`));
  lines.push(row('Average block time this epoch', `${formatBlockInterval(f.timeAvgMs)} (target 10 min 0 s)`));
  const h = e.halving;
  const halvingRange = h
    ? ` · ${level}: ${ctx.formatDate(h.halvingMs.low)} – ${ctx.formatDate(h.halvingMs.high)} if today's block rate holds`
    : '';
  lines.push(
    row(
      'Next halving',
      `block ${formatInteger(f.halving.height)} · ${formatInteger(f.halving.blocksLeft)} blocks left · ≈ ${ctx.formatDate(f.halving.estimatedMs)} (${formatRelative(f.halving.estimatedMs, nowMs)})${halvingRange} · subsidy then ${formatBtc(f.halving.subsidyAfterSats)}`,
    ),
  );
  lines.push('');
  if (e.hashrate) {
    lines.push(`Ranges are ${level} intervals: hash rate is inferred from random block times, never measured.`);
    lines.push('');
  }
  if (f.lastBlock) {
    const pool = f.lastBlock.poolName ? ` by ${escapeMarkdown(f.lastBlock.poolName)}` : '';
    lines.push(
      `Last block ${formatInteger(f.lastBlock.height)}${pool}, ${formatAge(nowMs - f.lastBlock.timeS * 1000)}.`,
    );
    lines.push('');
  }
  if (opinion && opinion.agree) {
    lines.push(`$(pass) Second opinion: ${escapeMarkdown(opinion.summary)}.`);
    lines.push('');
  }
  const age = ctx.fetchedAtMs === null ? 'never' : formatAge(nowMs - ctx.fetchedAtMs);
  const prices = ctx.priceSource ? ` · prices: ${escapeMarkdown(shownSourceHost(ctx.priceSource))}` : '';
  lines.push(
    ctx.sourceStale
      ? `Source: ${source}${prices} · fetched ${age}, but the source is behind`
      : `Source: ${source}${prices} · updated ${age}`,
  );
  lines.push('');
  lines.push(links(ctx));
  return lines.join('\n');
}

/**
 * mempool's estimate (what mempool.space shows) with our interval; once the epoch's last block is mined the
 * change is fixed by its timestamp, so the exact figure replaces the estimate.
 */
function changeText(f: GlanceFigures, level: string): string {
  const r = f.estimates.retarget;
  if (r?.lockedIn)
    return `**${formatSignedPercent(r.changePercent.median)}** (locked in: the epoch's last block is mined)`;
  const range = r ? ` (${level}: ${percentRangeText(r.changePercent.low, r.changePercent.high)})` : '';
  return `**${formatSignedPercent(f.difficultyChangePercent)}**${range}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function links(ctx: HoverContext): string {
  return [
    `[$(graph) Show Mining Economics](command:${ctx.commands.show})`,
    `[$(refresh) Refresh](command:${ctx.commands.refresh})`,
    `[$(output) Log](command:${ctx.commands.showLog})`,
  ].join(' · ');
}
