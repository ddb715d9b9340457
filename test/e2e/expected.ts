/**
 * The oracle: what the status bar and hover must show, computed here from the
 * replay server's responses with the published formulas (README "Where every
 * number comes from") — deliberately NOT by importing src/. If the extension
 * and this file disagree, one of them is wrong about Bitcoin, not about code.
 */
import type { ReplayProcess } from './replay';

export interface Served {
  tip: number;
  hashrate: {
    currentHashrate: number;
    currentDifficulty: number;
    hashrates: { timestamp: number; avgHashrate: number }[];
    difficulty: { height: number; time: number; adjustment: number }[];
  };
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
export const localDate = (ms: number): string =>
  new Date(ms)
    .toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    .replace(/[\s\u202f\u00a0]+/g, ' ');

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
  /** `currentDifficulty` as served. */
  difficultyValue: number;
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
  const btcPerPhDay = ((rewardSats / 1e8) * (86_400 * 1e15)) / (d * 2 ** 32);
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
    difficultyValue: d,
    nextRetargetHeight: a.nextRetargetHeight,
    remainingBlocks: a.remainingBlocks,
    hoverRows: [
      `Hash rate (7-day estimate) ${hashrate}`,
      `Hashprice ${hashprice}`,
      `Difficulty ${difficultyText(d)}`,
      `Epoch progress ${grouped(mined)} of 2,016 blocks (${a.progressPercent.toFixed(1)}%) · ${grouped(a.remainingBlocks)} to go`,
      // On the epoch's last block the change is fixed by the tip's timestamp: the hover shows that exact
      // figure, "locked in", instead of mempool's estimate (README "How sure are these numbers?").
      mined === 2015
        ? "(locked in: the epoch's last block is mined)"
        : `Estimated change ${signedPercent(a.difficultyChange)}`,
      `Estimated retarget ${localDate(a.estimatedRetargetDate)}`,
      `at block ${grouped(a.nextRetargetHeight)}`,
      `Previous adjustment ${signedPercent(a.previousRetarget)} on ${localDate(a.previousTime * 1000)}`,
      `Next halving block ${grouped(halving)} · ${grouped(halving - s.tip)} blocks left`,
      `BTC price $${grouped(price)} ${currency}`,
    ],
  };
}

// ------------------------------------------------------------------ panel: history ranges and CSV

const DAY_S = 86_400;

export interface ServedHistory {
  period: string;
  hashrate: Omit<Served['hashrate'], 'difficulty'> & {
    difficulty: { time: number; height: number; difficulty: number; adjustment: number }[];
  };
  rewards: { timestamp: number }[];
}

/** The range's series as the panel reads them: `/api/v1/mining/hashrate/{period}` and the rewards of the same period (the day grid spans both). */
export async function fetchServedHistory(replay: ReplayProcess, period: string): Promise<ServedHistory> {
  const [hashrate, rewards] = await Promise.all([
    replay.json<ServedHistory['hashrate']>(`/api/v1/mining/hashrate/${period}`),
    replay.json<ServedHistory['rewards']>(`/api/v1/mining/blocks/rewards/${period}`),
  ]);
  return { period, hashrate, rewards };
}

/** "2026-11-25" for a time in Unix seconds (its UTC day). */
export const utcDate = (timeS: number): string =>
  new Date(Math.floor(timeS / DAY_S) * DAY_S * 1000).toISOString().slice(0, 10);

export interface ExpectedDay {
  date: string;
  /** UTC midnight. */
  timeS: number;
  /** Mean of the served daily estimates on that UTC day, in EH/s; null without one. */
  hashrateEhs: number | null;
  /** Difficulty in force at the end of the day: the last served record before the next midnight. */
  difficulty: number | null;
}

/** One entry per UTC day from the first to the last served day (hash rate or rewards), oldest first. */
export function expectedDays(h: ServedHistory): ExpectedDay[] {
  const times = [...h.hashrate.hashrates.map((p) => p.timestamp), ...h.rewards.map((r) => r.timestamp)];
  if (times.length === 0) return [];
  const first = Math.floor(Math.min(...times) / DAY_S);
  const last = Math.floor(Math.max(...times) / DAY_S);
  const sums = new Map<number, { sum: number; n: number }>();
  for (const p of h.hashrate.hashrates) {
    if (!(p.avgHashrate > 0)) continue;
    const d = Math.floor(p.timestamp / DAY_S);
    const e = sums.get(d) ?? { sum: 0, n: 0 };
    e.sum += p.avgHashrate;
    e.n++;
    sums.set(d, e);
  }
  const records = h.hashrate.difficulty.slice().sort((a, b) => a.time - b.time);
  const out: ExpectedDay[] = [];
  let k = 0;
  let current: number | null = null;
  for (let d = first; d <= last; d++) {
    const end = (d + 1) * DAY_S;
    while (k < records.length && records[k]!.time < end) current = records[k++]!.difficulty;
    const e = sums.get(d);
    out.push({
      date: utcDate(d * DAY_S),
      timeS: d * DAY_S,
      hashrateEhs: e ? e.sum / e.n / 1e18 : null,
      difficulty: current,
    });
  }
  return out;
}

// ------------------------------------------------------------------ panel: P&L (README's P&L formulas)

/** Money to the cent as the P&L shows it: "$24.00", "−$1.38" (U+2212), "$438,000" (whole units from 1,000), "$0.50". */
export function moneyCents(v: number): string {
  const cents = Math.round(v * 100) / 100;
  const abs = Math.abs(cents);
  const [int, frac] = abs.toFixed(abs >= 1000 ? 0 : 2).split('.');
  return `${cents < 0 ? '\u2212' : ''}$${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** "$0.050/kWh": a tenth of a cent. */
export const powerPriceText = (perKwh: number): string => `$${perKwh.toFixed(3)}/kWh`;

export interface ExpectedPnl {
  marginPerPhDay: number;
  powerCostPerPhDay: number;
  breakevenPowerPricePerKwh: number;
  /** `[data-pnl="margin"]`: "$20.90/PH/day". */
  marginText: string;
  powerCostText: string;
  breakevenPowerPriceText: string;
  powerPriceText: string;
}

/** Per PH/s per day at `efficiency` J/TH (1 PH/s draws that many kW), 100 % uptime. */
export function expectedPnl(
  hashpriceUsd: number,
  { powerPricePerKwh = 0.05, efficiencyJPerTh = 20, poolFeePercent = 2 } = {},
): ExpectedPnl {
  const afterFee = hashpriceUsd * (1 - poolFeePercent / 100);
  const powerCost = efficiencyJPerTh * 24 * powerPricePerKwh;
  const margin = afterFee - powerCost;
  const breakeven = afterFee / (24 * efficiencyJPerTh);
  return {
    marginPerPhDay: margin,
    powerCostPerPhDay: powerCost,
    breakevenPowerPricePerKwh: breakeven,
    marginText: `${moneyCents(margin)}/PH/day`,
    powerCostText: moneyCents(powerCost),
    breakevenPowerPriceText: powerPriceText(breakeven),
    powerPriceText: powerPriceText(powerPricePerKwh),
  };
}
