// One refresh of the glance: which endpoints, in parallel, parsed and cross-checked into a NetworkSnapshot.

import { BLOCKS_PER_DAY, BLOCKS_PER_EPOCH } from './constants';
import { estimateDifficultyAdjustment } from './difficultyEstimate';
import type { BlockSummary, DifficultyAdjustment, HashrateHistory, NetworkSnapshot } from './model';
import { dailyHashpriceObservations, HASHPRICE_MOVES_MAX_AGE_MS, HASHPRICE_MOVES_PATH } from './glance/hashpriceMoves';
import {
  ParseError,
  parseBlockRewards,
  parseBlocks,
  parseDifficultyAdjustment,
  parseHashrateHistory,
  parsePrices,
  parseRewardStats,
  parseTipHeight,
} from './parse';
import { TransportError, getParsed, isTransportError, type Transport } from './transport';

/** The endpoints one glance refresh reads (five small requests, plus the latest blocks). */
export const GLANCE_PATHS = {
  tipHeight: '/api/blocks/tip/height',
  // 1m: enough daily points for the 7-day trend, small (~30 points) unlike the whole history.
  hashrate: '/api/v1/mining/hashrate/1m',
  difficultyAdjustment: '/api/v1/difficulty-adjustment',
  rewardStats: `/api/v1/mining/reward-stats/${BLOCKS_PER_DAY}`,
  prices: '/api/v1/prices',
  blocks: '/api/v1/blocks',
} as const;

export interface SnapshotResult {
  readonly snapshot: NetworkSnapshot;
  /** Problems that did not prevent a snapshot (an optional endpoint failed, a local fallback was used). */
  readonly warnings: readonly string[];
}

/** Responses that change with every block. */
export const TIP_DEPENDENT_PATHS: readonly string[] = [
  GLANCE_PATHS.hashrate,
  GLANCE_PATHS.difficultyAdjustment,
  GLANCE_PATHS.rewardStats,
  GLANCE_PATHS.blocks,
];

/** Tip-dependent data is refetched at least this often even without a new block (daily points roll over). */
export const CHAIN_DATA_MAX_AGE_MS = 30 * 60_000;

/**
 * One refresh. With a previous snapshot from the same source, the cheap tip height goes first: when no
 * block arrived and the chain data is recent, only the price and the difficulty estimate (which moves
 * with time) are fetched — two small requests instead of six.
 */
export async function fetchSnapshot(
  transport: Transport,
  sourceHost: string,
  now: () => number,
  previous: NetworkSnapshot | null = null,
): Promise<SnapshotResult> {
  const reusable =
    previous !== null &&
    previous.sourceHost === sourceHost &&
    now() - (previous.chainDataAtMs ?? 0) < CHAIN_DATA_MAX_AGE_MS;
  if (reusable) {
    const tipHeight = await getTipHeight(transport);
    if (tipHeight === previous.tipHeight) return refreshPriceAndEstimate(transport, previous, now);
    // A new block outdates these however long their HTTP lifetime still runs.
    transport.markStale?.(TIP_DEPENDENT_PATHS);
    return fetchEverything(transport, sourceHost, now, previous, tipHeight);
  }
  return fetchEverything(transport, sourceHost, now, previous);
}

async function getTipHeight(transport: Transport): Promise<number> {
  const text = await transport.getText(GLANCE_PATHS.tipHeight);
  try {
    return parseTipHeight(text);
  } catch (error) {
    throw error instanceof ParseError
      ? new TransportError('invalid', error.message, { path: GLANCE_PATHS.tipHeight })
      : error;
  }
}

async function refreshPriceAndEstimate(
  transport: Transport,
  previous: NetworkSnapshot,
  now: () => number,
): Promise<SnapshotResult> {
  const warnings: string[] = [];
  const [prices, adjustment] = await Promise.all([
    getParsed(transport, GLANCE_PATHS.prices, parsePrices),
    getParsed(transport, GLANCE_PATHS.difficultyAdjustment, parseDifficultyAdjustment).catch((error: unknown) => {
      warnings.push(`difficulty estimate not refreshed: ${error instanceof Error ? error.message : String(error)}`);
      return previous.adjustment;
    }),
  ]);
  return { snapshot: { ...previous, fetchedAtMs: now(), prices, adjustment }, warnings };
}

async function fetchEverything(
  transport: Transport,
  sourceHost: string,
  now: () => number,
  previous: NetworkSnapshot | null,
  knownTip?: number,
): Promise<SnapshotResult> {
  const warnings: string[] = [];
  const [tipHeight, reported, adjustmentOrError, rewardStats, prices, blocks] = await Promise.all([
    knownTip ?? getTipHeight(transport),
    getParsed(transport, GLANCE_PATHS.hashrate, parseHashrateHistory).catch(explainMissingMiningData),
    // The adjustment can be rebuilt locally from the other responses, so its failure is not fatal.
    getParsed(transport, GLANCE_PATHS.difficultyAdjustment, parseDifficultyAdjustment).catch((error: unknown) => error),
    getParsed(transport, GLANCE_PATHS.rewardStats, parseRewardStats).catch(explainMissingMiningData),
    getParsed(transport, GLANCE_PATHS.prices, parsePrices),
    // The latest blocks only add "last block by X": never worth failing the refresh for.
    getParsed(transport, GLANCE_PATHS.blocks, parseBlocks).catch((error: unknown) => {
      warnings.push(`latest blocks unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return [] as BlockSummary[];
    }),
  ]);

  // The tip can advance between requests; a few blocks is a race, more is an inconsistent source.
  if (rewardStats.endBlock > tipHeight + 3 || rewardStats.endBlock < tipHeight - 10) {
    throw new TransportError(
      'invalid',
      `reward-stats ends at block ${rewardStats.endBlock} but the tip is ${tipHeight}: inconsistent source`,
    );
  }

  const { hashrate, note } = usableEstimate(reported, previous?.sourceHost === sourceHost ? previous : null);
  if (note) warnings.push(note);

  let adjustment: DifficultyAdjustment;
  if (adjustmentOrError instanceof Error) {
    const local = localAdjustment(hashrate, tipHeight, blocks, now());
    if (!local) throw adjustmentOrError;
    warnings.push(`difficulty estimate computed locally: ${adjustmentOrError.message}`);
    adjustment = local;
  } else {
    adjustment = adjustmentOrError as DifficultyAdjustment;
  }

  const fetchedAtMs = now();
  // A server-side cache can lag a block behind the tip; then do not vouch for the chain data, so the next
  // poll fetches it again instead of reusing it for half an hour.
  const chainDataCurrent = rewardStats.endBlock >= tipHeight;
  return {
    snapshot: {
      schema: 1,
      fetchedAtMs,
      ...(chainDataCurrent ? { chainDataAtMs: fetchedAtMs } : {}),
      sourceHost,
      tipHeight,
      hashrate,
      adjustment,
      rewardStats,
      prices,
      latestBlocks: blocks,
      ...(note ? { sourceNotes: [note] } : {}),
    },
    warnings,
  };
}

/** mempool answers 404 on its mining routes when block indexing is off: say that, not "HTTP 404". */
function explainMissingMiningData(error: unknown): never {
  // isTransportError, not instanceof: the HTTP client is a separate bundle with its own TransportError class.
  if (isTransportError(error) && error.details.status === 404) {
    throw new TransportError(
      'http',
      `the source has no mining data (${error.details.path ?? 'a mining route'} answered 404): is block indexing off on this mempool instance? Hash rate and hashprice need it`,
      error.details,
    );
  }
  throw error;
}

/** The text people see when the source reports a hash-rate estimate of 0. */
export const CORE_UNREACHABLE_NOTE = 'the source reports a hash rate of 0 — its Bitcoin Core seems unreachable';

/**
 * mempool reports `currentHashrate: 0` when its Bitcoin Core is unreachable (its indexed history still
 * answers). A hash rate of 0 would make hashprice infinite: keep the previous estimate from this source,
 * else the mean of the last 7 daily values (the same ≈1008-block window), and say so.
 */
export function usableEstimate(
  reported: HashrateHistory,
  previous: NetworkSnapshot | null,
): { hashrate: HashrateHistory; note: string | null } {
  if (reported.currentHashrateHps > 0) return { hashrate: reported, note: null };
  const kept = previous?.hashrate.currentHashrateHps;
  if (kept !== undefined && kept > 0) {
    return {
      hashrate: { ...reported, currentHashrateHps: kept },
      note: `${CORE_UNREACHABLE_NOTE}: showing its last estimate`,
    };
  }
  const week = reported.daily.filter((d) => d.hashrateHps > 0).slice(-7);
  if (week.length === 0)
    throw new TransportError('invalid', `${CORE_UNREACHABLE_NOTE}, and it has no daily hash rates either`);
  const meanHps = week.reduce((sum, d) => sum + d.hashrateHps, 0) / week.length;
  return {
    hashrate: { ...reported, currentHashrateHps: meanHps },
    note: `${CORE_UNREACHABLE_NOTE}: showing the mean of its last ${week.length} daily values`,
  };
}

/**
 * Adds (or carries over) the month of daily hashprice inputs behind "why did hashprice move?". One
 * ~80 KB request an hour at most; when it fails the glance is still complete, so it only warns.
 */
export async function withHashpriceDaily(
  transport: Transport,
  snapshot: NetworkSnapshot,
  previous: NetworkSnapshot | null,
  now: () => number,
): Promise<SnapshotResult> {
  const carried = previous?.sourceHost === snapshot.sourceHost ? previous.hashpriceDaily : undefined;
  if (carried && now() - carried.fetchedAtMs < HASHPRICE_MOVES_MAX_AGE_MS)
    return { snapshot: { ...snapshot, hashpriceDaily: carried }, warnings: [] };
  try {
    const rewards = await getParsed(transport, HASHPRICE_MOVES_PATH, parseBlockRewards);
    const observations = dailyHashpriceObservations(
      rewards,
      snapshot.hashrate.difficulty,
      snapshot.hashrate.currentDifficulty,
    );
    return { snapshot: { ...snapshot, hashpriceDaily: { fetchedAtMs: now(), observations } }, warnings: [] };
  } catch (error) {
    const warning = `hashprice history unavailable: ${error instanceof Error ? error.message : String(error)}`;
    return { snapshot: carried ? { ...snapshot, hashpriceDaily: carried } : snapshot, warnings: [warning] };
  }
}

/**
 * mempool's estimate rebuilt from the retarget record of the current epoch. Without the time of block
 * tip−503 it uses the plain epoch average, which mempool also does after the first quarter of an epoch.
 */
function localAdjustment(
  hashrate: HashrateHistory,
  tipHeight: number,
  blocks: readonly BlockSummary[],
  nowMs: number,
): DifficultyAdjustment | null {
  const epochStartHeight = tipHeight - (tipHeight % BLOCKS_PER_EPOCH);
  const record = hashrate.difficulty.find((d) => d.height === epochStartHeight);
  if (!record) return null;
  const tipBlock = blocks.find((b) => b.height === tipHeight);
  return estimateDifficultyAdjustment({
    epochStartS: record.timeS,
    quarterEpochBlockS: null,
    nowS: Math.floor(nowMs / 1000),
    tipHeight,
    previousRetargetPercent: (record.adjustmentRatio - 1) * 100,
    tipTimeS: tipBlock?.timeS ?? Math.floor(nowMs / 1000),
  });
}
