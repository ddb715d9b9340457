/**
 * The oracle: what the status bar and hover must show, computed here from the
 * replay server's responses with the published formulas (README "Where every
 * number comes from") — deliberately NOT by importing src/. If the extension
 * and this file disagree, one of them is wrong about Bitcoin, not about code.
 */
import type { ReplayProcess } from './replay';

export interface Served {
  tip: number;
  hashrate: { currentHashrate: number; currentDifficulty: number; hashrates: { timestamp: number; avgHashrate: number }[]; difficulty: { height: number; time: number; adjustment: number }[] };
  adjustment: {
    progressPercent: number;
    difficultyChange: number;
    estimatedRetargetDate: number;
    remainingBlocks: number;
    previousRetarget: number;
    previousTime: number;
    nextRetargetHeight: number;
    timeAvg: number;
  };
  rewardStats: { startBlock: number; endBlock: number; totalReward: string; totalFee: string };
  prices: Record<string, number>;
}

/** Reads the six endpoints the glance uses, as the extension would. */
export async function fetchServed(replay: ReplayProcess): Promise<Served> {
  const [tipText, hashrate, adjustment, rewardStats, prices] = await Promise.all([
    replay.text('/api/blocks/tip/height'),
    replay.json<Served['hashrate']>('/api/v1/mining/hashrate/1m'),
    replay.json<Served['adjustment']>('/api/v1/difficulty-adjustment'),
    replay.json<Served['rewardStats']>('/api/v1/mining/reward-stats/144'),
    replay.json<Served['prices']>('/api/v1/prices'),
  ]);
  return { tip: Number(tipText.trim()), hashrate, adjustment, rewardStats, prices };
}

// ------------------------------------------------------------------ formatting (independent)

const SI = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

/** 4 significant digits with an SI prefix, e.g. 989991944051154000000 → "990.0 E". */
export function si4(value: number): { number: string; prefix: string } {
  let i = Math.max(0, Math.min(SI.length - 1, Math.floor(Math.log10(value) / 3)));
  let s = (value / 1000 ** i).toPrecision(4);
  if (Number(s) >= 1000 && i < SI.length - 1) {
    i++;
    s = (value / 1000 ** i).toPrecision(4);
  }
  return { number: s, prefix: SI[i]! };
}

export const hashrateText = (hps: number): string => {
  const { number, prefix } = si4(hps);
  return `${number} ${prefix}H/s`;
};

export const difficultyText = (d: number): string => {
  const { number, prefix } = si4(d);
  return prefix ? `${number} ${prefix}` : number;
};

export const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "$43.62/PH/day" (2 decimals from $1, 4 below, none from $1000). */
export function usdPerPhDay(v: number): string {
  const abs = Math.abs(v);
  const decimals = abs >= 1000 ? 0 : abs >= 1 ? 2 : 4;
  const [int, frac] = abs.toFixed(decimals).split('.');
  return `${v < 0 ? '-' : ''}$${Number(int).toLocaleString('en-US')}${frac ? `.${frac}` : ''}/PH/day`;
}

/** "+1.43%" / "−0.34%" (U+2212) / "0.00%". */
export function signedPercent(p: number): string {
  const r = Number(p.toFixed(2));
  if (r === 0) return '0.00%';
  return `${r > 0 ? '+' : '\u2212'}${Math.abs(r).toFixed(2)}%`;
}

/** The host formats dates with the process locale: the same call here (same machine, same TZ and LANG). */
export const localDate = (ms: number): string => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }).replace(/[\s\u202f\u00a0]+/g, ' ');

// ------------------------------------------------------------------ figures

/** Subsidy in sats at a height: 50 BTC halved every 210,000 blocks. */
export function subsidySats(height: number): number {
  const halvings = Math.floor(height / 210_000);
  return halvings >= 64 ? 0 : Math.floor(5_000_000_000 / 2 ** halvings);
}

export interface ExpectedGlance {
  hashrate: string;
  trend: string;
  hashprice: string;
  /** The default template `$(pulse) {hashrate} {trend} · {hashprice}` without the codicon, spaces normalised. */
  statusText: string;
  hashpriceUsd: number;
  difficulty: string;
  /** Hover rows, spaces normalised: each must appear in the hover's text. */
  hoverRows: string[];
  nextRetargetHeight: number;
  remainingBlocks: number;
}

/** 7-day mean of daily estimates vs the 7 days ending 7 days earlier (found by time), in %; null without history. */
export function trendPercent(daily: { timestamp: number; avgHashrate: number }[]): number | null {
  const last = daily.length - 1;
  if (last < 0) return null;
  const cutoff = daily[last]!.timestamp - 7 * 86_400;
  let earlier = last;
  while (earlier >= 0 && daily[earlier]!.timestamp > cutoff) earlier--;
  if (earlier < 6) return null;
  const mean = (end: number) => daily.slice(end - 6, end + 1).reduce((s, d) => s + d.avgHashrate, 0) / 7;
  return (mean(last) / mean(earlier) - 1) * 100;
}

export function trendText(p: number | null): string {
  if (p === null) return '';
  const r = Number(p.toFixed(1));
  return `${r > 0 ? '↑' : r < 0 ? '↓' : '→'}${Math.abs(r).toFixed(1)}%`;
}

export function expectedGlance(s: Served, currency = 'USD'): ExpectedGlance {
  const blocks = s.rewardStats.endBlock - s.rewardStats.startBlock + 1;
  if (blocks !== 144) throw new Error(`fixture: reward-stats/144 covers ${blocks} blocks`);
  const meanFees = Number(s.rewardStats.totalFee) / 144;
  const rewardSats = subsidySats(s.tip + 1) + meanFees;
  const d = s.hashrate.currentDifficulty;
  const btcPerPhDay = (rewardSats / 1e8) * (86_400 * 1e15) / (d * 2 ** 32);
  const price = s.prices[currency];
  if (typeof price !== 'number' || price <= 0) throw new Error(`fixture: no ${currency} price`);
  const hashpriceUsd = btcPerPhDay * price;

  const hashrate = hashrateText(s.hashrate.currentHashrate);
  const trend = trendText(trendPercent(s.hashrate.hashrates));
  const hashprice = usdPerPhDay(hashpriceUsd);
  const a = s.adjustment;
  const mined = s.tip % 2016;
  const halving = (Math.floor(s.tip / 210_000) + 1) * 210_000;
  return {
    hashrate,
    trend,
    hashprice,
    hashpriceUsd,
    statusText: [hashrate, trend, '·', hashprice].filter(Boolean).join(' '),
    difficulty: difficultyText(d),
    nextRetargetHeight: a.nextRetargetHeight,
    remainingBlocks: a.remainingBlocks,
    hoverRows: [
      `Hash rate (7-day estimate) ${hashrate}`,
      `Hashprice ${hashprice}`,
      `Difficulty ${difficultyText(d)}`,
      `Epoch progress ${grouped(mined)} of 2,016 blocks (${a.progressPercent.toFixed(1)}%) · ${grouped(a.remainingBlocks)} to go`,
      `Estimated change ${signedPercent(a.difficultyChange)}`,
      `Estimated retarget ${localDate(a.estimatedRetargetDate)}`,
      `at block ${grouped(a.nextRetargetHeight)}`,
      `Previous adjustment ${signedPercent(a.previousRetarget)} on ${localDate(a.previousTime * 1000)}`,
      `Next halving block ${grouped(halving)} · ${grouped(halving - s.tip)} blocks left`,
      `BTC price $${grouped(price)} ${currency}`,
    ],
  };
}
