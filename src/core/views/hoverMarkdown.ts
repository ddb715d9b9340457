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
import { t } from '../l10n';
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
  lines.push(`**Mining Economics** — ${t('Bitcoin network')}`);
  lines.push('');

  if (ctx.sourceStale && f) {
    lines.push(
      `$(warning) **${t('Stale')}** — ${escapeMarkdown(capitalize(ctx.sourceStale))} ${t('The figures below describe the chain as of that block.')}`,
    );
    lines.push('');
  }
  if (ctx.error && f && ctx.error !== ctx.sourceStale) {
    lines.push(
      `$(warning) **${t('Stale')}** — ${t('Showing the last good data from {0}. Last refresh failed: {1}', ctx.fetchedAtMs ? formatAge(nowMs - ctx.fetchedAtMs) : t('earlier'), escapeMarkdown(ctx.error))}`,
    );
    lines.push('');
  } else if (ctx.fromCache && f) {
    lines.push(
      `$(history) ${t('Cached from an earlier session ({0}); refreshing…', ctx.fetchedAtMs ? formatAge(nowMs - ctx.fetchedAtMs) : t('age unknown'))}`,
    );
    lines.push('');
  }

  if (f && ctx.sourceNotices && ctx.sourceNotices.length > 0) {
    for (const notice of ctx.sourceNotices) lines.push(`$(info) ${escapeMarkdown(capitalize(notice))}`, '');
  }

  const opinion = ctx.secondOpinion;
  if (f && opinion && !opinion.agree) {
    lines.push(
      `$(warning) ${t('**Second opinion disagrees** — {0}.', escapeMarkdown(capitalize(opinion.summary)))}`,
      '',
    );
  }

  if (!f) {
    lines.push(ctx.error ? t('No data yet — {0}', escapeMarkdown(ctx.error)) : t('Fetching the first data…'));
    lines.push('');
    lines.push(t('Source: {0}', source));
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
  lines.push(row(t('Hash rate (7-day estimate)'), `**${formatHashrate(f.hashrateHps)}**${hashrateRange}`));
  if (e.below)
    lines.push(
      row(t('Under {0}', thresholdText(e.below.thresholdHps)), t('{0} likely', probabilityText(e.below.probability))),
    );
  if (f.hashrateTrendPercent !== null) {
    const noise = e.trend
      ? e.trend.withinNoise
        ? ` (${t('within noise')})`
        : ` (${level}: ${percentRangeText(e.trend.lowPercent, e.trend.highPercent)})`
      : '';
    lines.push(row(t('7-day trend'), `${t('{0} vs previous 7 days', formatTrend(f.hashrateTrendPercent))}${noise}`));
  }
  lines.push(
    row(
      t('Hashprice'),
      `**${formatHashprice(hp.hashpricePerPhDay, f.currency)}** · ${formatSatsPerPhDay(hp.hashvalueSatsPerPhDay)}`,
    ),
  );
  lines.push(
    row(
      t('Reward per block'),
      t(
        '{0} = subsidy {1} ({2}) + fees {3} ({4}, mean of last 144 blocks)',
        formatBtc(hp.rewardPerBlockSats),
        formatBtc(hp.subsidySats),
        formatPercent(100 - feeSharePercent),
        formatBtc(hp.meanFeesSats),
        formatPercent(feeSharePercent),
      ),
    ),
  );
  lines.push(row(t('BTC price'), `${formatMoney(f.btcPrice, f.currency)} ${f.currency}`));
  const power = f.power;
  if (power.ok) {
    const n = power.network;
    const drop = power.drop ? ` · ${hashDropText(power.drop)}` : '';
    lines.push(row(t('Network power (CBECI-style)'), `**${networkPowerText(n.lowW, n.bestW, n.highW)}**${drop}`));
  }
  const pnl = f.profitability;
  if (pnl) {
    const i = pnl.inputs;
    const powerPrice = formatPowerPrice(i.powerPricePerKwh, f.currency);
    lines.push(
      row(
        t(
          'Your margin ({0} J/TH, {1}, {2}% pool fee)',
          formatNumber(i.efficiencyJPerTh, 1),
          powerPrice,
          formatNumber(i.poolFeePercent, 1),
        ),
        t(
          '{0} = {1} revenue − {2} power',
          `**${formatHashprice(pnl.marginPerPhDay, f.currency)}**`,
          formatHashprice(pnl.netRevenuePerPhDay, f.currency),
          formatHashprice(pnl.powerCostPerPhDay, f.currency),
        ),
      ),
    );
    const breakevenPower = formatPowerPrice(pnl.breakevenPowerPricePerKwh, f.currency);
    lines.push(
      row(
        t('Breakeven'),
        t(
          'power {0} · hashprice {1} · BTC {2}',
          breakevenPower,
          formatHashprice(pnl.breakevenHashpricePerPhDay, f.currency),
          formatMoney(pnl.breakevenBtcPrice, f.currency),
        ),
      ),
    );
  }
  if (f.hashpriceMoves.length > 0) {
    const inUsd = f.currency === 'USD' ? '' : ` (${t('in USD')})`;
    for (const move of f.hashpriceMoves) {
      const d = move.decomposition;
      lines.push(
        row(
          `${t('Hashprice over {0} d', move.days)}${inUsd}`,
          `**${formatSignedPercent(d.totalPercent, 1)}** = ${moveParts(d).join(' · ')}`,
        ),
      );
    }
  }
  lines.push('');
  lines.push(`**${t('Difficulty')}**`);
  lines.push('');
  lines.push(TABLE_HEADER);
  lines.push('|:--|:--|');
  lines.push(row(t('Difficulty'), `**${formatDifficulty(f.difficulty)}**`));
  lines.push(
    row(
      t('Epoch progress'),
      t(
        '{0} of {1} blocks ({2}) · {3} to go',
        formatInteger(f.blocksMinedInEpoch),
        formatInteger(BLOCKS_PER_EPOCH),
        formatPercent(f.progressPercent),
        formatInteger(f.remainingBlocks),
      ),
    ),
  );
  lines.push(row(t('Estimated change'), changeText(f, level)));
  const r = e.retarget;
  const retargetRange = r
    ? ` · ${level}: ${ctx.formatDate(r.retargetMs.low)} – ${ctx.formatDate(r.retargetMs.high)}`
    : '';
  lines.push(
    row(
      t('Estimated retarget'),
      `${t(
        '{0} ({1}) at block {2}',
        ctx.formatDate(f.estimatedRetargetMs),
        formatRelative(f.estimatedRetargetMs, nowMs),
        formatInteger(f.nextRetargetHeight),
      )}${retargetRange}`,
    ),
  );
  const previousWhen =
    f.previousRetargetS === null ? '' : ` ${t('on {0}', ctx.formatDate(f.previousRetargetS * 1000))}`;
  lines.push(row(t('Previous adjustment'), `${formatSignedPercent(f.previousRetargetPercent)}${previousWhen}`));
  lines.push(row(t('Average block time this epoch'), t('{0} (target 10 min 0 s)', formatBlockInterval(f.timeAvgMs))));
  const h = e.halving;
  const halvingRange = h
    ? ` · ${level}: ${t("{0} – {1} if today's block rate holds", ctx.formatDate(h.halvingMs.low), ctx.formatDate(h.halvingMs.high))}`
    : '';
  lines.push(
    row(
      t('Next halving'),
      `${t('block {0} · {1} blocks left · ≈ {2} ({3})', formatInteger(f.halving.height), formatInteger(f.halving.blocksLeft), ctx.formatDate(f.halving.estimatedMs), formatRelative(f.halving.estimatedMs, nowMs))}${halvingRange} · ${t('subsidy then {0}', formatBtc(f.halving.subsidyAfterSats))}`,
    ),
  );
  lines.push('');
  if (e.hashrate) {
    lines.push(t('Ranges are {0} intervals: hash rate is inferred from random block times, never measured.', level));
    lines.push('');
  }
  if (f.lastBlock) {
    const height = formatInteger(f.lastBlock.height);
    const age = formatAge(nowMs - f.lastBlock.timeS * 1000);
    lines.push(
      f.lastBlock.poolName
        ? t('Last block {0} by {1}, {2}.', height, escapeMarkdown(f.lastBlock.poolName), age)
        : t('Last block {0}, {1}.', height, age),
    );
    lines.push('');
  }
  if (opinion && opinion.agree) {
    lines.push(`$(pass) ${t('Second opinion: {0}.', escapeMarkdown(opinion.summary))}`);
    lines.push('');
  }
  const age = ctx.fetchedAtMs === null ? t('never') : formatAge(nowMs - ctx.fetchedAtMs);
  const sourceText = ctx.priceSource
    ? t('{0} · prices: {1}', source, escapeMarkdown(shownSourceHost(ctx.priceSource)))
    : source;
  lines.push(
    ctx.sourceStale
      ? t('Source: {0} · fetched {1}, but the source is behind', sourceText, age)
      : t('Source: {0} · updated {1}', sourceText, age),
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
    return `**${formatSignedPercent(r.changePercent.median)}** (${t("locked in: the epoch's last block is mined")})`;
  const range = r ? ` (${level}: ${percentRangeText(r.changePercent.low, r.changePercent.high)})` : '';
  return `**${formatSignedPercent(f.difficultyChangePercent)}**${range}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function links(ctx: HoverContext): string {
  return [
    `[$(graph) ${t('Show Mining Economics')}](command:${ctx.commands.show})`,
    `[$(refresh) ${t('Refresh')}](command:${ctx.commands.refresh})`,
    `[$(output) ${t('Log')}](command:${ctx.commands.showLog})`,
  ].join(' · ');
}
