// Live push from mempool's websocket (/api/v1/ws), the pure half: the messages we send, parsing what
// arrives, the reconnect backoff, and what a new block means for the snapshot — as data, so the host only
// carries it out. The socket itself lives in src/net/pushClient.ts.
//
// mempool's messages are objects with any number of keys; we read three and ignore the rest:
//   `block`  one new block, shaped like an /api/v1/blocks entry
//   `blocks` the recent blocks sent on subscribing — OLDEST first, unlike /api/v1/blocks
//   `da`     the difficulty adjustment, shaped like /api/v1/difficulty-adjustment
//   `conversions` prices, shaped like /api/v1/prices (sent with `init` and on each price update, never with `want`)

import { BLOCKS_PER_EPOCH } from './constants';
import { CORE_UNREACHABLE_NOTE, GLANCE_PATHS, usableEstimate } from './fetchSnapshot';
import type {
  BlockSummary,
  DifficultyAdjustment,
  HashrateHistory,
  NetworkSnapshot,
  Prices,
  RewardStats,
} from './model';
import {
  ParseError,
  parseBlocks,
  parseDifficultyAdjustment,
  parseHashrateHistory,
  parsePrices,
  parseRewardStats,
  parseTipHeight,
} from './parse';
import { describeFailure, parseJsonBody, type Transport } from './transport';

/** Path of the websocket below the instance's base URL. */
export const PUSH_PATH = '/api/v1/ws';

/**
 * Sent on every (re)connect. `init` is what brings `conversions`; `want` subscribes to blocks (+ `blocks`)
 * and stats (+ `da`).
 */
export const PUSH_SUBSCRIBE_MESSAGES: readonly string[] = [
  JSON.stringify({ action: 'init' }),
  JSON.stringify({ action: 'want', data: ['blocks', 'stats'] }),
];

/** mempool answers {"pong":true}: proof of life on a quiet connection. */
export const PUSH_PING_MESSAGE = JSON.stringify({ action: 'ping' });

/** The recent blocks we keep, like /api/v1/blocks returns. */
const LATEST_BLOCKS_KEPT = 15;

// ---------------------------------------------------------------------------------------------------
// Parsing

export interface PushMessage {
  /** Blocks the message carries, newest first: one for a `block` push, several for the initial `blocks`. */
  readonly blocks: readonly BlockSummary[];
  /** From `da`. */
  readonly adjustment: DifficultyAdjustment | null;
  /** From `conversions`. */
  readonly prices: Prices | null;
  /** Parts that were present but rejected, as "key: reason"; the other parts are still usable. */
  readonly rejected: readonly string[];
}

const EMPTY: PushMessage = { blocks: [], adjustment: null, prices: null, rejected: [] };

/** Whether the message carries anything we use (a pong or mempoolInfo alone does not). */
export function hasPushData(message: PushMessage): boolean {
  return message.blocks.length > 0 || message.adjustment !== null || message.prices !== null;
}

/** Never throws: a text that is not a JSON object yields one rejection and no data. */
export function parsePushText(text: string): PushMessage {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    const preview = text.trim().slice(0, 40).replace(/\s+/g, ' ');
    return { ...EMPTY, rejected: [`message is not JSON (starts with "${preview}")`] };
  }
  return parsePushMessage(json);
}

/** Never throws; unknown keys are ignored, each malformed known part is rejected on its own. */
export function parsePushMessage(json: unknown): PushMessage {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ...EMPTY, rejected: ['message is not a JSON object'] };
  const o = json as Record<string, unknown>;
  const rejected: string[] = [];
  const part = <T>(key: string, read: (v: unknown) => T): T | null => {
    if (o[key] === undefined || o[key] === null) return null;
    try {
      return read(o[key]);
    } catch (error) {
      rejected.push(`${key}: ${error instanceof ParseError ? error.reason : describeFailure(error)}`);
      return null;
    }
  };
  const blocks: BlockSummary[] = [];
  const block = part('block', (v) => {
    try {
      return parseBlocks([v])[0]!;
    } catch (error) {
      throw error instanceof ParseError ? new ParseError(PUSH_PATH, error.reason.replace(/^\[0\]\.?/, '')) : error;
    }
  });
  if (block) blocks.push(block);
  const initial = part('blocks', parseWsBlocks);
  if (initial) blocks.push(...initial);
  return {
    blocks: sortNewestFirst(blocks),
    adjustment: part('da', parseDifficultyAdjustment),
    prices: part('conversions', parsePrices),
    rejected,
  };
}

/** The initial `blocks` come oldest first; /api/v1/blocks' parser wants newest first. */
function parseWsBlocks(value: unknown): BlockSummary[] {
  if (!Array.isArray(value))
    throw new ParseError(PUSH_PATH, `should be an array, got ${value === null ? 'null' : typeof value}`);
  const last = value.length - 1;
  try {
    return parseBlocks([...(value as unknown[])].reverse());
  } catch (error) {
    // Report the index as sent (oldest first), not as reversed for the parser.
    if (!(error instanceof ParseError)) throw error;
    const reason = error.reason
      .replace(/^\[(\d+)\]/, (_, i: string) => `[${last - Number(i)}]`)
      .replace(/not descending at index (\d+)/, (_, i: string) => `not ascending at index ${last - Number(i) + 1}`);
    throw new ParseError(PUSH_PATH, reason);
  }
}

function sortNewestFirst(blocks: BlockSummary[]): BlockSummary[] {
  const byHeight = new Map<number, BlockSummary>();
  for (const b of blocks) if (!byHeight.has(b.height)) byHeight.set(b.height, b);
  return [...byHeight.values()].sort((a, b) => b.height - a.height);
}

// ---------------------------------------------------------------------------------------------------
// Reconnecting

export interface ReconnectPolicy {
  /** Delay before the first retry; doubles per consecutive failure. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** After this many consecutive failures the host is told to poll (retries go on at the slow pace). */
  readonly unavailableAfterFailures: number;
  /** A connection that delivered data and lasted this long resets the failure count when it drops. */
  readonly stableAfterMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  initialDelayMs: 1_000,
  // Thousands of editors reconnecting to mempool.space after an outage must not stampede it.
  maxDelayMs: 5 * 60_000,
  unavailableAfterFailures: 3,
  stableAfterMs: 30_000,
};

/**
 * Delay before reconnect attempt number `consecutiveFailures` (1 = first retry). Jitter spreads many
 * clients over [½, 1] of the exponential delay, like the refresh scheduler. `random` returns [0, 1).
 */
export function reconnectDelayMs(
  consecutiveFailures: number,
  random: () => number,
  policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY,
): number {
  const n = Math.max(1, Math.floor(consecutiveFailures));
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(n - 1, 30));
  return exponential * (0.5 + 0.5 * random());
}

// ---------------------------------------------------------------------------------------------------
// What a message changes

/**
 * What a push may refetch: the glance fetch's requests, plus `hashrateNow` — mempool's 3-day hash-rate
 * route, a few hundred bytes that carry the same `currentHashrate` (the 1008-block estimate) and
 * `currentDifficulty` as the month the glance fetches, so each block can update them at once.
 */
const PART_PATHS = { ...GLANCE_PATHS, hashrateNow: '/api/v1/mining/hashrate/3d' } as const;

export type GlancePart = keyof typeof PART_PATHS;

export interface PushPlan {
  /** The snapshot with everything the message itself carries, or null when nothing visible changed. */
  readonly snapshot: NetworkSnapshot | null;
  /** Parts the message made out of date and cannot supply: GET these (fetchParts) and merge them. */
  readonly refetch: readonly GlancePart[];
}

/** Paths of the parts to refetch, for the log and for tests against the replay server. */
export function refetchPaths(parts: readonly GlancePart[]): string[] {
  return parts.map((p) => PART_PATHS[p]);
}

/**
 * Applies a push to the snapshot. A new block brings the tip, the latest blocks and the current difficulty
 * (a block's difficulty IS the network's), usually with `da`; what it cannot bring — the 144-block reward
 * sums and the 1008-block hash-rate estimate — is listed for refetch. Prices are never refetched (they are
 * pushed). A `da` on its own applies only when it changes something shown, because mempool re-sends it
 * every few seconds.
 */
export function planPush(current: NetworkSnapshot, message: PushMessage, nowMs: number): PushPlan {
  const refetch = new Set<GlancePart>();
  let next: NetworkSnapshot = current;
  const newest = message.blocks[0];

  if (newest && newest.height > current.tipHeight) {
    const latestBlocks = mergeBlocks(current.latestBlocks, message.blocks);
    // Missed blocks (a reconnect after a while): the list would have a hole; /api/v1/blocks fills it.
    if (latestBlocks.some((b, i) => i > 0 && latestBlocks[i - 1]!.height - b.height !== 1)) refetch.add('blocks');
    next = {
      ...next,
      tipHeight: newest.height,
      latestBlocks,
      hashrate: { ...next.hashrate, currentDifficulty: newest.difficulty },
    };
    // Every figure the status bar shows must be current as of this tip, at two small requests a block:
    // the 144-block fee sums, and the 1008-block hash-rate estimate (the 3-day route, not the month) —
    // unless the block started a new epoch, whose retarget record the history and the alerts need now:
    // then the month (which carries the estimate too). The daily series waits for the safety poll.
    refetch.add('rewardStats');
    refetch.add(startsNewEpoch(current, newest) ? 'hashrate' : 'hashrateNow');
    if (message.adjustment && adjustmentHeight(message.adjustment) === newest.height)
      next = { ...next, adjustment: message.adjustment };
    else refetch.add('difficultyAdjustment');
  } else if (message.adjustment) {
    const height = adjustmentHeight(message.adjustment);
    if (height === current.tipHeight) {
      if (adjustmentChanged(current.adjustment, message.adjustment)) next = { ...next, adjustment: message.adjustment };
    } else if (height > current.tipHeight) {
      // The block message went missing but mempool's tip has moved on: catch up by fetching.
      next = { ...next, tipHeight: height, adjustment: message.adjustment };
      refetch
        .add('blocks')
        .add('rewardStats')
        .add(epochOf(height) > epochOf(current.tipHeight) ? 'hashrate' : 'hashrateNow');
    }
  }

  if (message.prices && pricesChanged(current.prices, message.prices) && message.prices.timeS >= current.prices.timeS) {
    next = { ...next, prices: message.prices };
  }
  if (next === current) return { snapshot: null, refetch: [] };
  // chainDataAtMs stays: the tip-dependent series are fresh only once the refetch lands (mergeParts).
  return { snapshot: { ...next, fetchedAtMs: nowMs }, refetch: [...refetch] };
}

function epochOf(height: number): number {
  return Math.floor(height / BLOCKS_PER_EPOCH);
}

/** Blocks since our tip crossed a retarget (missed blocks included), or the difficulty moved. */
function startsNewEpoch(current: NetworkSnapshot, newest: BlockSummary): boolean {
  return (
    epochOf(newest.height) > epochOf(current.tipHeight) || newest.difficulty !== current.hashrate.currentDifficulty
  );
}

/** The tip height a `da` was computed at: nextRetargetHeight − remainingBlocks. */
function adjustmentHeight(a: DifficultyAdjustment): number {
  return a.remainingBlocks >= 1 && a.remainingBlocks <= BLOCKS_PER_EPOCH
    ? a.nextRetargetHeight - a.remainingBlocks
    : -1;
}

/** Visible difference: another epoch position, 0.01 point of estimate, or 10 minutes of retarget date. */
function adjustmentChanged(a: DifficultyAdjustment, b: DifficultyAdjustment): boolean {
  return (
    a.remainingBlocks !== b.remainingBlocks ||
    a.nextRetargetHeight !== b.nextRetargetHeight ||
    a.previousRetargetS !== b.previousRetargetS ||
    Math.abs(a.difficultyChangePercent - b.difficultyChangePercent) >= 0.01 ||
    Math.abs(a.estimatedRetargetMs - b.estimatedRetargetMs) >= 10 * 60_000
  );
}

function pricesChanged(a: Prices, b: Prices): boolean {
  if (a.timeS !== b.timeS) return true;
  const keys = new Set([...Object.keys(a.perBtc), ...Object.keys(b.perBtc)]) as Set<keyof Prices['perBtc']>;
  return [...keys].some((k) => a.perBtc[k] !== b.perBtc[k]);
}

function mergeBlocks(known: readonly BlockSummary[], pushed: readonly BlockSummary[]): BlockSummary[] {
  return sortNewestFirst([...pushed, ...known]).slice(0, LATEST_BLOCKS_KEPT);
}

// ---------------------------------------------------------------------------------------------------
// Refetching parts

export interface FetchedParts {
  readonly tipHeight?: number;
  readonly hashrate?: HashrateHistory;
  /** From the 3-day route: only its current estimate and difficulty are used. */
  readonly hashrateNow?: Pick<HashrateHistory, 'currentHashrateHps' | 'currentDifficulty'>;
  readonly adjustment?: DifficultyAdjustment;
  readonly rewardStats?: RewardStats;
  readonly prices?: Prices;
  readonly latestBlocks?: readonly BlockSummary[];
}

const READERS: { readonly [P in GlancePart]: (text: string, path: string) => Partial<FetchedParts> } = {
  tipHeight: (text) => ({ tipHeight: parseTipHeight(text) }),
  hashrate: (text, path) => ({ hashrate: parseHashrateHistory(parseJsonBody(path, text)) }),
  hashrateNow: (text, path) => {
    const { currentHashrateHps, currentDifficulty } = parseHashrateHistory(parseJsonBody(path, text));
    return { hashrateNow: { currentHashrateHps, currentDifficulty } };
  },
  difficultyAdjustment: (text, path) => ({ adjustment: parseDifficultyAdjustment(parseJsonBody(path, text)) }),
  rewardStats: (text, path) => ({ rewardStats: parseRewardStats(parseJsonBody(path, text)) }),
  prices: (text, path) => ({ prices: parsePrices(parseJsonBody(path, text)) }),
  blocks: (text, path) => ({ latestBlocks: parseBlocks(parseJsonBody(path, text)) }),
};

/**
 * A transport that can be told its cached answers for some paths are out of date. HTTP caching keeps
 * reward-stats for 2 min and the hash rate for 5: right after a block that cache would hand back the
 * numbers the block just invalidated. (Over HttpClient: `markStale: () => client.clearCache()`.)
 */
export interface RevalidatingTransport extends Transport {
  markStale(paths: readonly string[]): void;
}

/** GETs the parts in parallel. Never rejects: each failure becomes an error line and its part stays out. */
export async function fetchParts(
  transport: RevalidatingTransport,
  parts: readonly GlancePart[],
): Promise<{ parts: FetchedParts; errors: string[] }> {
  const errors: string[] = [];
  if (parts.length === 0) return { parts: {}, errors };
  try {
    transport.markStale(refetchPaths(parts));
  } catch (error) {
    errors.push(`could not invalidate the HTTP cache: ${describeFailure(error)}`);
  }
  const results = await Promise.all(
    parts.map(async (part) => {
      const path = PART_PATHS[part];
      try {
        return READERS[part](await transport.getText(path), path);
      } catch (error) {
        errors.push(error instanceof ParseError ? `${path}: ${error.reason}` : describeFailure(error));
        return {};
      }
    }),
  );
  return { parts: Object.assign({}, ...results) as FetchedParts, errors };
}

/**
 * Merges refetched parts into the snapshot as it is NOW (a full refresh may have landed meanwhile), never
 * moving the tip or the reward window backwards, and keeping fetchSnapshot's consistency rule between
 * the reward window and the tip.
 */
export function mergeParts(
  current: NetworkSnapshot,
  parts: FetchedParts,
  nowMs: number,
): { snapshot: NetworkSnapshot; warnings: string[] } {
  const warnings: string[] = [];
  let next: NetworkSnapshot = { ...current };
  if (parts.tipHeight !== undefined && parts.tipHeight > next.tipHeight) next = { ...next, tipHeight: parts.tipHeight };
  if (parts.latestBlocks && parts.latestBlocks.length > 0)
    next = { ...next, latestBlocks: mergeBlocks(next.latestBlocks, parts.latestBlocks) };
  if (next.latestBlocks[0] && next.latestBlocks[0].height > next.tipHeight)
    next = { ...next, tipHeight: next.latestBlocks[0].height };
  if (parts.hashrate) {
    const { hashrate, note } = usableEstimate(parts.hashrate, next);
    if (note) warnings.push(note);
    next = { ...next, hashrate };
  } else if (parts.hashrateNow) {
    // An estimate of 0 (mempool's Core unreachable) would make hashprice infinite: keep ours.
    if (parts.hashrateNow.currentHashrateHps > 0)
      next = { ...next, hashrate: { ...next.hashrate, ...parts.hashrateNow } };
    else warnings.push(`${CORE_UNREACHABLE_NOTE}: kept the last estimate`);
  }
  if (parts.adjustment) next = { ...next, adjustment: parts.adjustment };
  if (parts.prices && parts.prices.timeS >= next.prices.timeS) next = { ...next, prices: parts.prices };
  let rewardStatsMerged = false;
  if (parts.rewardStats) {
    const { endBlock } = parts.rewardStats;
    if (endBlock < next.rewardStats.endBlock)
      warnings.push(
        `reward-stats ends at block ${endBlock}, older than the ${next.rewardStats.endBlock} we have: kept ours`,
      );
    else if (endBlock > next.tipHeight + 3 || endBlock < next.tipHeight - 10)
      warnings.push(`reward-stats ends at block ${endBlock} but the tip is ${next.tipHeight}: kept ours`);
    else {
      next = { ...next, rewardStats: parts.rewardStats };
      rewardStatsMerged = true;
    }
  }
  // Both tip-dependent series are new: a poll that finds this tip may reuse them (see fetchSnapshot).
  if (parts.hashrate && rewardStatsMerged) next = { ...next, chainDataAtMs: nowMs };
  return { snapshot: { ...next, fetchedAtMs: nowMs }, warnings };
}
