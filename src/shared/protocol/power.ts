// The messages of the "Power & pools" script (dist/webview-power.js, loaded after the charts' first paint):
// host → page `power/state` (network power, breakeven, where the hash went) and `power/pools`; page → host
// `power/ready` and `power/reference` (the "where the hash went" reference). The charts script leaves
// POWER_SCRIPT_MESSAGE_TYPES alone.

import { CURRENCIES } from '../../core/model';
import { isRangeId } from '../../core/history/types';
import type {
  PowerAssumptions,
  PowerGeneration,
  PowerLatest,
  PowerState,
  PowerWhere,
} from '../../core/views/powerState';
import type { PoolsData, PoolsState } from '../../core/views/poolsState';
import {
  fail,
  isNum,
  isNumOrNull,
  isStr,
  listOf,
  nullable,
  num,
  numberColumn,
  obj,
  oneOf,
  record,
  strOrNull,
  validate,
  type Check,
  type Validated,
  type Validators,
} from './check';
import { MAX_SHOWN_TEXT_CHARS } from '../../core/errors';

export type { PoolsState, PowerState };

/** The "where the hash went" references, in the order the page offers them (core/power/whereHashWent.ts). */
export const POWER_REFERENCES = ['peak', '30d', '90d'] as const;
export type PowerReference = (typeof POWER_REFERENCES)[number];

export type PowerHostMessage =
  /** The power half of the section (null state: nothing to show yet, `message` says why). */
  | { readonly type: 'power/state'; readonly state: PowerState | null; readonly message: string | null }
  /** The pools half: loading, shown, or why not (404: the instance has no mining indexing). */
  | { readonly type: 'power/pools'; readonly pools: PoolsState };

export type PowerWebviewMessage =
  /** The power script is listening (it loads after the charts' first paint). */
  | { readonly type: 'power/ready'; readonly protocol: number }
  /** The user picked the reference of the "where the hash went" line. */
  | { readonly type: 'power/reference'; readonly reference: PowerReference };

export const POWER_SCRIPT_MESSAGE_TYPES: readonly string[] = [
  'power/state',
  'power/pools',
] satisfies readonly PowerHostMessage['type'][];

const MAX_DAYS = 20_000;
const MAX_WEEKS = 3_000;
const MAX_POOLS = 200;
const isReference: Check = (v, p) => void oneOf(v, POWER_REFERENCES, p);
const isRange: Check = (v, p) => {
  if (!isRangeId(v)) fail(`${p} should be a range`);
};

/** An ascending time column of at most `max` entries; returns its length. */
function timeColumn(value: unknown, path: string, max: number): number {
  numberColumn(value, path, null, false);
  const t = value as number[];
  if (t.length > max) fail(`${path} has more than ${max} entries`);
  for (let i = 1; i < t.length; i++) if (!(t[i]! > t[i - 1]!)) fail(`${path} is not strictly ascending at ${i}`);
  return t.length;
}

// Built inside the functions (not at module level) so the bundles that do not validate these messages drop them.
function checkPowerState(value: unknown, path: string): void {
  const o = obj(value, path);
  const days = obj(o.days, `${path}.days`);
  const n = timeColumn(days.timeS, `${path}.days.timeS`, MAX_DAYS);
  const column: Check = (v, p) => numberColumn(v, p, n, true);
  record<PowerState>({
    currency: (v, p) => void oneOf(v, CURRENCIES, p),
    range: isRange,
    sourceHost: isStr(MAX_SHOWN_TEXT_CHARS),
    assumptions: record<PowerAssumptions>({
      networkPowerPricePerKwh: isNum,
      pue: record<PowerAssumptions['pue']>({ low: isNum, best: isNum, high: isNum }),
      userPowerPricePerKwh: isNum,
      reference: isReference,
    }),
    days: record<PowerState['days']>({
      timeS: () => undefined,
      lowW: column,
      bestW: column,
      highW: column,
      breakevenJPerTh: column,
    }),
    latest: nullable(
      record<PowerLatest>({
        timeS: isNum,
        lowW: isNum,
        bestW: isNum,
        highW: isNum,
        energyTwhPerYear: record<PowerLatest['energyTwhPerYear']>({ low: isNum, best: isNum, high: isNum }),
      }),
    ),
    generations: listOf(
      record<PowerGeneration>({
        model: isStr(100),
        releaseMonth: isStr(7),
        efficiencyJPerTh: isNum,
        underWaterNow: (v, p) => {
          if (v !== null && typeof v !== 'boolean') fail(`${p} should be a boolean or null`);
        },
        underWaterPercent: isNumOrNull,
      }),
      50,
    ),
    where: nullable(
      record<PowerWhere>({
        reference: isReference,
        referenceTimeS: isNum,
        referenceHps: isNum,
        currentHps: isNum,
        dropHps: isNum,
        dropPercent: isNum,
        efficiencyJPerTh: isNum,
        gridMw: isNum,
        miningNetPerYear: isNum,
        hostingNetPerYear: isNum,
        sentence: isStr(500),
      }),
    ),
    whereProblem: (v, p) => void strOrNull(v, p, 500),
  })(value, path);
}

function checkPoolsData(value: unknown, path: string): void {
  const o = obj(value, path);
  const weeks = obj(o.weeks, `${path}.weeks`);
  const n = timeColumn(weeks.timeS, `${path}.weeks.timeS`, MAX_WEEKS);
  const share: Check = (v, p) => {
    numberColumn(v, p, n, false);
    (v as number[]).forEach((x, i) => {
      if (x < 0 || x > 100.5) fail(`${p}[${i}] should be a percentage`);
    });
  };
  record<PoolsData>({
    blockCount: isNum,
    blocks: listOf(
      record<PoolsData['blocks'][number]>({ name: isStr(80), blockCount: isNum, blockSharePercent: isNum }),
      MAX_POOLS,
    ),
    weeks: record<PoolsData['weeks']>({
      timeS: () => undefined,
      pools: listOf(record<PoolsData['weeks']['pools'][number]>({ name: isStr(80), sharePercent: share }), 20),
      othersPercent: share,
    }),
    changes: listOf(
      record<PoolsData['changes'][number]>({
        name: isStr(80),
        startSharePercent: isNum,
        endSharePercent: isNum,
        changePoints: isNum,
      }),
      MAX_POOLS,
    ),
  })(value, path);
}

function checkPoolsState(value: unknown, path: string): void {
  record<PoolsState>({
    range: isRange,
    status: (v, p) => void oneOf(v, ['loading', 'ok', 'unavailable', 'error'] as const, p),
    message: (v, p) => void strOrNull(v, p, 2000),
    data: nullable(checkPoolsData),
  })(value, path);
  const o = value as PoolsState;
  if (o.status === 'ok' && o.data === null) fail(`${path}.data is missing for status ok`);
}

const powerHostValidators = {
  'power/state': (o) => {
    if (o.state !== null) checkPowerState(o.state, 'state');
    strOrNull(o.message, 'message', 2000);
  },
  'power/pools': (o) => checkPoolsState(o.pools, 'pools'),
} satisfies Validators<PowerHostMessage>;

export const powerWebviewValidators = {
  'power/ready': (o) => {
    num(o.protocol, 'protocol');
  },
  'power/reference': (o) => {
    oneOf(o.reference, POWER_REFERENCES, 'reference');
  },
} satisfies Validators<PowerWebviewMessage>;

/** Checks a message received by the power script. */
export function validatePowerHostMessage(value: unknown): Validated<PowerHostMessage> {
  return validate<PowerHostMessage>(value, powerHostValidators, 'host');
}

/** Whether a message is the power script's to validate and handle (the charts script leaves it alone). */
export function isPowerScriptMessage(value: unknown): boolean {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' && POWER_SCRIPT_MESSAGE_TYPES.includes(type);
}
