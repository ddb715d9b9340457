/**
 * Alert state machine: decides which notifications to raise for each new observation.
 *
 * Pure: the host persists `AlertState` (plain JSON) in globalState after every call and
 * passes it back next time, which is what makes every event fire at most once across
 * restarts. Rules common to all trackers:
 *  - The first value a tracker ever sees (or the first after its reference changed, e.g.
 *    the user moved the threshold) is recorded silently: it is a baseline, not news.
 *  - Disabled alert types still update their tracker, so enabling one later cannot
 *    fire about something that happened while it was off.
 *  - Crossings use a dead band of ± hysteresisPercent around the line (Schmitt trigger):
 *    a value wobbling on the line fires once, not on every poll.
 *  - The hash rate is an estimate from random block times (±3 % at 1008 blocks), so by
 *    default (`requireSignificance`) its side changes only when the new side is likely at the
 *    confidence level: below when P(true rate < line) ≥ level, above when P(true rate > line)
 *    ≥ level (estimates/hashrate.ts, probabilityBelow). Noise around the line then stays
 *    silent; a 0.5 % dead band could not, the noise being six times wider. Without the
 *    observation's block count the dead band is used.
 *  - Missing or non-finite observation fields leave that tracker untouched.
 */

import { DEFAULT_CONFIDENCE_LEVEL, MAX_CONFIDENCE_LEVEL, MIN_CONFIDENCE_LEVEL, probabilityBelow } from '../estimates';
import { HPS_PER_ZHS } from '../units';

export type AlertEventType = 'difficultyAdjusted' | 'hashrateCrossed' | 'belowBreakeven' | 'recoveredBreakeven';

export interface AlertSettings {
  /** Opt-in per event type; all off by default. */
  enabled: Record<AlertEventType, boolean>;
  hashrateThresholdHps: number;
  /** Half-width of the dead band around each line, in % of the line. */
  hysteresisPercent: number;
  /** Hash-rate crossings need P(new side) ≥ confidenceLevel (default on). */
  requireSignificance: boolean;
  /** 0.80–0.99. */
  confidenceLevel: number;
  /** The user's breakeven hashprice (fiat per PH/s per day); null = not known, tracker idle. */
  breakevenHashpricePerPhDay: number | null;
}

export const DEFAULT_ALERT_SETTINGS: Readonly<AlertSettings> = Object.freeze({
  enabled: Object.freeze({
    difficultyAdjusted: false,
    hashrateCrossed: false,
    belowBreakeven: false,
    recoveredBreakeven: false,
  }),
  hashrateThresholdHps: HPS_PER_ZHS,
  hysteresisPercent: 0.5,
  requireSignificance: true,
  confidenceLevel: DEFAULT_CONFIDENCE_LEVEL,
  breakevenHashpricePerPhDay: null,
});

export interface AlertObservation {
  /** Height of the most recent retarget (a multiple of 2016). */
  lastRetargetHeight?: number | null;
  /** Difficulty change at that retarget, in %. */
  lastRetargetChangePercent?: number | null;
  /** 7-day mean network hash rate, H/s. */
  hashrate7dHps?: number | null;
  /** Block intervals behind that estimate (1008 for mempool's figure); needed for significance. */
  hashrate7dBlocks?: number | null;
  hashpricePerPhDay?: number | null;
}

export type Side = 'above' | 'below';

export interface AlertState {
  version: 1;
  lastRetargetHeight: number | null;
  /** Which side of `thresholdHps` the 7-day hash rate was last settled on. */
  hashrate: { side: Side; thresholdHps: number } | null;
  /** Which side of the breakeven hashprice the hashprice was last settled on. */
  breakeven: { side: Side; breakevenHashpricePerPhDay: number } | null;
  lastEvaluatedMs: number | null;
}

export type AlertEvent =
  | { type: 'difficultyAdjusted'; atMs: number; height: number; changePercent: number | null }
  | {
      type: 'hashrateCrossed';
      atMs: number;
      direction: 'up' | 'down';
      thresholdHps: number;
      hashrate7dHps: number;
      /** With significance: P(the true rate is on the new side), ≥ the level. */
      probability?: number;
    }
  | { type: 'belowBreakeven'; atMs: number; hashpricePerPhDay: number; breakevenHashpricePerPhDay: number }
  | { type: 'recoveredBreakeven'; atMs: number; hashpricePerPhDay: number; breakevenHashpricePerPhDay: number };

export function initialAlertState(): AlertState {
  return { version: 1, lastRetargetHeight: null, hashrate: null, breakeven: null, lastEvaluatedMs: null };
}

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isPositive = (x: unknown): x is number => isFiniteNumber(x) && x > 0;
const isSide = (x: unknown): x is Side => x === 'above' || x === 'below';
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/**
 * Reads whatever globalState returned. Any part that is missing or malformed becomes
 * "never observed", which can only cause a silent re-baseline, never a spurious event.
 */
export function parseAlertState(raw: unknown): AlertState {
  const state = initialAlertState();
  if (!isRecord(raw) || raw['version'] !== 1) return state;
  const height = raw['lastRetargetHeight'];
  if (isFiniteNumber(height) && Number.isInteger(height) && height >= 0) state.lastRetargetHeight = height;
  const hashrate = raw['hashrate'];
  if (isRecord(hashrate) && isSide(hashrate['side']) && isPositive(hashrate['thresholdHps'])) {
    state.hashrate = { side: hashrate['side'], thresholdHps: hashrate['thresholdHps'] };
  }
  const breakeven = raw['breakeven'];
  if (isRecord(breakeven) && isSide(breakeven['side']) && isPositive(breakeven['breakevenHashpricePerPhDay'])) {
    state.breakeven = { side: breakeven['side'], breakevenHashpricePerPhDay: breakeven['breakevenHashpricePerPhDay'] };
  }
  if (isFiniteNumber(raw['lastEvaluatedMs'])) state.lastEvaluatedMs = raw['lastEvaluatedMs'];
  return state;
}

export function resolveAlertSettings(partial: Partial<AlertSettings> = {}): AlertSettings {
  const d = DEFAULT_ALERT_SETTINGS;
  return {
    enabled: { ...d.enabled, ...(partial.enabled ?? {}) },
    hashrateThresholdHps: isPositive(partial.hashrateThresholdHps)
      ? partial.hashrateThresholdHps
      : d.hashrateThresholdHps,
    hysteresisPercent:
      isFiniteNumber(partial.hysteresisPercent) && partial.hysteresisPercent >= 0 && partial.hysteresisPercent < 100
        ? partial.hysteresisPercent
        : d.hysteresisPercent,
    requireSignificance:
      typeof partial.requireSignificance === 'boolean' ? partial.requireSignificance : d.requireSignificance,
    confidenceLevel:
      isFiniteNumber(partial.confidenceLevel) &&
      partial.confidenceLevel >= MIN_CONFIDENCE_LEVEL &&
      partial.confidenceLevel <= MAX_CONFIDENCE_LEVEL
        ? partial.confidenceLevel
        : d.confidenceLevel,
    breakevenHashpricePerPhDay: isPositive(partial.breakevenHashpricePerPhDay)
      ? partial.breakevenHashpricePerPhDay
      : null,
  };
}

/**
 * The side a value settles on given the previous side. Leaving a side needs the value to
 * clear the far edge of the dead band; a first value (no previous side) uses the line itself.
 */
function settleSide(previous: Side | null, value: number, line: number, hysteresisShare: number): Side {
  if (previous === null) return value >= line ? 'above' : 'below';
  if (previous === 'below') return value > line * (1 + hysteresisShare) ? 'above' : 'below';
  return value < line * (1 - hysteresisShare) ? 'below' : 'above';
}

/**
 * The side the hash rate settles on when a crossing must be significant, and P(the true rate is on that
 * side). A first value takes the estimate's side (a silent baseline); after that the side changes only
 * when P(true rate on the other side) ≥ level. Null when the estimate cannot be judged (no block count).
 */
function settleHashrateSide(
  previous: Side | null,
  hashrateHps: number,
  blocks: unknown,
  line: number,
  level: number,
): { side: Side; probability: number } | null {
  if (!(typeof blocks === 'number' && Number.isSafeInteger(blocks) && blocks >= 1)) return null;
  // A rate of 0 (no block in the window) is certainly below any positive line.
  const result =
    hashrateHps === 0
      ? { kind: 'probability' as const, probability: 1 }
      : probabilityBelow({ hashrateHps, blocks, thresholdHps: line });
  if (result.kind !== 'probability') return null;
  const below = result.probability;
  if (previous === null)
    return hashrateHps >= line ? { side: 'above', probability: 1 - below } : { side: 'below', probability: below };
  if (previous === 'above' && below >= level) return { side: 'below', probability: below };
  if (previous === 'below' && 1 - below >= level) return { side: 'above', probability: 1 - below };
  return { side: previous, probability: previous === 'below' ? below : 1 - below };
}

export function evaluate(
  state: AlertState,
  observation: AlertObservation,
  settingsPartial: Partial<AlertSettings>,
  nowMs: number,
): { state: AlertState; events: AlertEvent[] } {
  const settings = resolveAlertSettings(settingsPartial);
  const hysteresisShare = settings.hysteresisPercent / 100;
  const events: AlertEvent[] = [];
  const next: AlertState = {
    version: 1,
    lastRetargetHeight: state.lastRetargetHeight,
    hashrate: state.hashrate ? { ...state.hashrate } : null,
    breakeven: state.breakeven ? { ...state.breakeven } : null,
    lastEvaluatedMs: isFiniteNumber(nowMs) ? nowMs : state.lastEvaluatedMs,
  };

  const height = observation.lastRetargetHeight;
  if (isFiniteNumber(height) && Number.isInteger(height) && height >= 0) {
    // A lower height (a lagging source) is ignored rather than recorded, or the next
    // fresh observation would announce the same retarget again.
    if (next.lastRetargetHeight === null) {
      next.lastRetargetHeight = height;
    } else if (height > next.lastRetargetHeight) {
      next.lastRetargetHeight = height;
      if (settings.enabled.difficultyAdjusted) {
        const change = observation.lastRetargetChangePercent;
        events.push({
          type: 'difficultyAdjusted',
          atMs: nowMs,
          height,
          changePercent: isFiniteNumber(change) ? change : null,
        });
      }
    }
  }

  const hashrate = observation.hashrate7dHps;
  if (isFiniteNumber(hashrate) && hashrate >= 0) {
    const line = settings.hashrateThresholdHps;
    const previous = next.hashrate && next.hashrate.thresholdHps === line ? next.hashrate.side : null;
    const significant = settings.requireSignificance
      ? settleHashrateSide(previous, hashrate, observation.hashrate7dBlocks, line, settings.confidenceLevel)
      : null;
    const side = significant ? significant.side : settleSide(previous, hashrate, line, hysteresisShare);
    next.hashrate = { side, thresholdHps: line };
    if (previous !== null && side !== previous && settings.enabled.hashrateCrossed) {
      events.push({
        type: 'hashrateCrossed',
        atMs: nowMs,
        direction: side === 'above' ? 'up' : 'down',
        thresholdHps: line,
        hashrate7dHps: hashrate,
        ...(significant ? { probability: significant.probability } : {}),
      });
    }
  }

  const line = settings.breakevenHashpricePerPhDay;
  if (line === null) {
    // Forget the side so a breakeven set later starts from a fresh, silent baseline.
    next.breakeven = null;
  } else {
    const hashprice = observation.hashpricePerPhDay;
    if (isFiniteNumber(hashprice)) {
      const previous =
        next.breakeven && next.breakeven.breakevenHashpricePerPhDay === line ? next.breakeven.side : null;
      const side = settleSide(previous, hashprice, line, hysteresisShare);
      next.breakeven = { side, breakevenHashpricePerPhDay: line };
      if (previous !== null && side !== previous) {
        const type = side === 'below' ? 'belowBreakeven' : 'recoveredBreakeven';
        if (settings.enabled[type]) {
          events.push({ type, atMs: nowMs, hashpricePerPhDay: hashprice, breakevenHashpricePerPhDay: line });
        }
      }
    }
  }

  return { state: next, events };
}
