// The one message protocol between the panel's host (src/vscode/panel) and its webview (src/webview).
// Both sides import these types and validate every incoming message with the functions below: the webview
// trusts nothing it did not check (a message could come from a compromised extension host page or an old
// cached webview), and the host trusts nothing from the webview (its page runs third-party code: uPlot).
//
// Extending: add a variant to HostMessage or WebviewMessage and a validator to the matching table; the
// `satisfies` clause makes the compiler ask for it. Names are namespaced by section: unprefixed for the
// network section, e.g. 'pnl/…' for the miner's P&L section.

import { CURRENCIES, type Currency } from '../core/model';
import { RANGES, isRangeId, type HistoryDataset, type RangeId } from '../core/history/types';
import type { KeyFigures } from '../core/views/keyFigures';
import { FLEET_UNITS, PNL_EDIT_FIELDS, type PnlEditField, type PnlEditValue } from '../core/pnl/panelFieldNames';
import type { PnlFormValues } from '../core/views/pnlFields';
import type {
  PnlAmounts,
  PnlFieldMessage,
  PnlHosting,
  PnlMove,
  PnlOverlay,
  PnlProfit,
  PnlScenario,
  PnlState,
  PnlWater,
  PnlWhatIf,
} from '../core/views/pnlState';

export type { HistoryDataset, KeyFigures, RangeId, PnlEditField, PnlEditValue, PnlOverlay, PnlState };
export { RANGES, isRangeId };

/** Bumped when a message changes incompatibly; the host ignores a webview speaking another version. */
export const PROTOCOL_VERSION = 1;
export const PANEL_VIEW_TYPE = 'miningEconomics.panel';

/** Freshness of the data as the status line shows it. */
export interface PanelStatus {
  readonly sourceHost: string;
  readonly currency: Currency;
  /** When the glance snapshot was fetched; null before any data. */
  readonly fetchedAtMs: number | null;
  readonly origin: 'cache' | 'live' | 'none';
  readonly refreshing: boolean;
  readonly stale: boolean;
  /** Why it is stale (the last failure, or "not refreshed recently"). */
  readonly staleReason: string | null;
}

export type HistoryLoadState = 'loading' | 'loaded' | 'error';

// ---------------------------------------------------------------------------------------------------
// Host → webview
//
// The page runs two scripts: the charts (dist/webview.js) and, loaded after the charts' first paint, the
// miner's P&L (dist/webview-pnl.js). Each validates and handles its own messages: ChartsHostMessage by the
// charts script (validateHostMessage), PnlHostMessage by the P&L script (validatePnlHostMessage). The charts
// script ignores PNL_SCRIPT_MESSAGE_TYPES without a word; anything else unknown it reports to the host log.

export type HostMessage = ChartsHostMessage | PnlHostMessage;

export type ChartsHostMessage =
  | { readonly type: 'status'; readonly status: PanelStatus }
  | { readonly type: 'figures'; readonly figures: KeyFigures | null }
  | { readonly type: 'history'; readonly dataset: HistoryDataset }
  | {
      readonly type: 'historyState';
      readonly range: RangeId;
      readonly state: HistoryLoadState;
      /** Failure reason for 'error'. */
      readonly message: string | null;
    }
  | { readonly type: 'saveResult'; readonly requestId: string; readonly ok: boolean; readonly message: string };

export type PnlHostMessage =
  /**
   * Everything the P&L section shows, as numbers (computed on the host: src/core/pnl/panelState.ts), and the
   * breakeven band the P&L script draws over the hashprice chart (through the charts script's overlay hook).
   */
  | { readonly type: 'pnl/state'; readonly state: PnlState }
  /** The outcome of a `pnl/update`: ok (message: a caveat, e.g. a workspace value overrides it) or why not. */
  | { readonly type: 'pnl/updateResult'; readonly field: PnlEditField; readonly ok: boolean; readonly message: string | null };

export const PNL_SCRIPT_MESSAGE_TYPES: readonly string[] = ['pnl/state', 'pnl/updateResult'] satisfies readonly PnlHostMessage['type'][];

// ---------------------------------------------------------------------------------------------------
// Webview → host

export type WebviewMessage =
  /** The page is listening; `range` is the range it restored (so the host loads the right one first). */
  | { readonly type: 'ready'; readonly protocol: number; readonly range: RangeId }
  | { readonly type: 'selectRange'; readonly range: RangeId }
  | { readonly type: 'refresh' }
  /**
   * CSV of every series over the visible window [fromS, toS] of the range's dataset. The host builds it
   * from the dataset it posted (the webview only says which days), then asks where to save it.
   */
  | { readonly type: 'exportCsv'; readonly requestId: string; readonly range: RangeId; readonly fromS: number; readonly toS: number }
  /** A chart as a `data:image/png;base64,…` URL (drawn by the webview: only it has the canvas). */
  | { readonly type: 'savePng'; readonly requestId: string; readonly fileName: string; readonly dataUrl: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string }
  /** The P&L script is listening (it loads after the charts' first paint). */
  | { readonly type: 'pnl/ready'; readonly protocol: number }
  /**
   * The user edited one P&L input (already checked with validatePnlEdit by the page; the host checks it again)
   * and wants it saved to the user settings.
   */
  | { readonly type: 'pnl/update'; readonly field: PnlEditField; readonly value: PnlEditValue };

// ---------------------------------------------------------------------------------------------------
// Validation

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

class Invalid extends Error {}

function fail(message: string): never {
  throw new Invalid(message);
}

function obj(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${path} should be an object`);
  return value as Record<string, unknown>;
}

function str(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string') fail(`${path} should be a string`);
  if (value.length > maxLength) fail(`${path} is longer than ${maxLength} characters`);
  return value;
}

function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path} should be a finite number`);
  return value;
}

function numOrNull(value: unknown, path: string): number | null {
  return value === null ? null : num(value, path);
}

function strOrNull(value: unknown, path: string, maxLength: number): string | null {
  return value === null ? null : str(value, path, maxLength);
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(`${path} should be a boolean`);
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) fail(`${path} should be one of ${options.join(', ')}`);
  return value as T;
}

/** Longest history accepted: 20,000 days (≈ 55 years). */
const MAX_DAYS = 20_000;
const MAX_ADJUSTMENTS = 10_000;

function numberColumn(value: unknown, path: string, length: number | null, nullable: boolean): void {
  if (!Array.isArray(value)) fail(`${path} should be an array`);
  if (length !== null && value.length !== length) fail(`${path} has ${value.length} entries, expected ${length}`);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (v === null && nullable) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}[${i}] should be a finite number${nullable ? ' or null' : ''}`);
  }
}

export function checkHistoryDataset(value: unknown, path = 'dataset'): HistoryDataset {
  const o = obj(value, path);
  if (o.schema !== 1) fail(`${path}.schema should be 1`);
  if (!isRangeId(o.range)) fail(`${path}.range should be one of ${RANGES.join(', ')}`);
  oneOf(o.currency, CURRENCIES, `${path}.currency`);
  str(o.sourceHost, `${path}.sourceHost`, 300);
  num(o.fetchedAtMs, `${path}.fetchedAtMs`);
  const days = obj(o.days, `${path}.days`);
  numberColumn(days.timeS, `${path}.days.timeS`, null, false);
  const n = (days.timeS as number[]).length;
  if (n > MAX_DAYS) fail(`${path}.days has more than ${MAX_DAYS} days`);
  const t = days.timeS as number[];
  for (let i = 1; i < n; i++) if (!(t[i]! > t[i - 1]!)) fail(`${path}.days.timeS is not strictly ascending at ${i}`);
  for (const key of ['hashrateHps', 'difficulty', 'rewardSats', 'feesSats', 'price'] as const) {
    numberColumn(days[key], `${path}.days.${key}`, n, true);
  }
  const adj = obj(o.adjustments, `${path}.adjustments`);
  numberColumn(adj.timeS, `${path}.adjustments.timeS`, null, false);
  const m = (adj.timeS as number[]).length;
  if (m > MAX_ADJUSTMENTS) fail(`${path}.adjustments is too long`);
  for (const key of ['height', 'difficulty', 'ratio'] as const) numberColumn(adj[key], `${path}.adjustments.${key}`, m, false);
  if (!Array.isArray(o.halvings) || o.halvings.length > 100) fail(`${path}.halvings should be a short array`);
  o.halvings.forEach((h, i) => {
    const ho = obj(h, `${path}.halvings[${i}]`);
    num(ho.index, `${path}.halvings[${i}].index`);
    num(ho.height, `${path}.halvings[${i}].height`);
    num(ho.timeS, `${path}.halvings[${i}].timeS`);
  });
  if (!Array.isArray(o.notes) || o.notes.length > 20) fail(`${path}.notes should be a short array`);
  o.notes.forEach((note, i) => str(note, `${path}.notes[${i}]`, 500));
  return value as HistoryDataset;
}

/**
 * Key figures are numbers (or null where unknown) plus the currency. Checked generically, so a figure added
 * to KeyFigures needs no change here; the webview shows "—" for anything null or missing.
 */
export function checkKeyFigures(value: unknown, path = 'figures'): KeyFigures {
  const o = obj(value, path);
  oneOf(o.currency, CURRENCIES, `${path}.currency`);
  const entries = Object.entries(o);
  if (entries.length > 60) fail(`${path} has too many fields`);
  for (const [key, v] of entries) if (key !== 'currency') numOrNull(v, `${path}.${key}`);
  return value as KeyFigures;
}

function checkStatus(value: unknown, path: string): PanelStatus {
  const o = obj(value, path);
  str(o.sourceHost, `${path}.sourceHost`, 300);
  oneOf(o.currency, CURRENCIES, `${path}.currency`);
  numOrNull(o.fetchedAtMs, `${path}.fetchedAtMs`);
  oneOf(o.origin, ['cache', 'live', 'none'] as const, `${path}.origin`);
  bool(o.refreshing, `${path}.refreshing`);
  bool(o.stale, `${path}.stale`);
  strOrNull(o.staleReason, `${path}.staleReason`, 1000);
  return value as PanelStatus;
}

type Validators<M extends { type: string }> = { readonly [K in M['type']]: (o: Record<string, unknown>) => void };

// Composable checks for the P&L messages. Built inside the validators (not at module level) so a bundle that
// does not validate P&L messages (the charts script) drops them entirely.
type Check = (value: unknown, path: string) => void;
const isNum: Check = (v, p) => void num(v, p);
const isNumOrNull: Check = (v, p) => void numOrNull(v, p);
const isBool: Check = (v, p) => void bool(v, p);
const isStr =
  (max: number): Check =>
  (v, p) =>
    void str(v, p, max);
const nullable =
  (check: Check): Check =>
  (v, p) => {
    if (v !== null) check(v, p);
  };
const listOf =
  (check: Check, max: number): Check =>
  (v, p) => {
    if (!Array.isArray(v) || v.length > max) fail(`${p} should be an array of at most ${max} entries`);
    v.forEach((x, i) => check(x, `${p}[${i}]`));
  };
/** Every key of T must be given a check: the compiler asks for a field added to the type. */
const record =
  <T>(fields: { readonly [K in keyof T]-?: Check }): Check =>
  (v, p) => {
    const o = obj(v, p);
    for (const [key, check] of Object.entries(fields) as [string, Check][]) check(o[key], `${p}.${key}`);
  };
const isCurrency: Check = (v, p) => void oneOf(v, CURRENCIES, p);
const isEditField: Check = (v, p) => void oneOf(v, PNL_EDIT_FIELDS, p);

function checkPnlState(value: unknown, path: string): void {
  const amounts = record<PnlAmounts>({ grossRevenue: isNum, revenue: isNum, powerCost: isNum, margin: isNum });
  record<PnlState>({
    currency: isCurrency,
    inputs: record<PnlFormValues>({
      efficiencyJPerTh: isNum,
      powerPricePerKwh: isNum,
      poolFeePercent: isNum,
      uptimePercent: isNum,
      fleetSize: isNum,
      fleetUnit: (v, p) => void oneOf(v, FLEET_UNITS, p),
      colocationPerKwMonth: isNum,
      powerPassThrough: isBool,
      pue: isNum,
      utilisationPercent: isNum,
      minerOverheadPercent: isNum,
    }),
    settingProblems: listOf(record<PnlFieldMessage>({ field: isEditField, message: isStr(2000) }), PNL_EDIT_FIELDS.length),
    market: nullable(record<NonNullable<PnlState['market']>>({ hashpricePerPhDay: isNum, hashvalueSatsPerPhDay: isNum, btcPrice: isNum, fetchedAtMs: isNum })),
    profit: nullable(
      record<PnlProfit>({
        perPhDay: amounts,
        perMwYear: amounts,
        phsPerMw: isNum,
        powerCostBreakevenPerPhDay: isNum,
        breakevenHashpricePerPhDay: isNumOrNull,
        breakevenPowerPricePerKwh: isNumOrNull,
        breakevenEfficiencyJPerTh: isNumOrNull,
        breakevenBtcPrice: isNumOrNull,
        fleet: nullable(record<NonNullable<PnlProfit['fleet']>>({ hashratePhs: isNum, gridPowerMw: isNum, perDay: amounts, perYear: amounts })),
      }),
    ),
    hosting: nullable(
      record<PnlHosting>({
        itLoadKwPerMw: isNum,
        hostingRevenuePerMwYear: isNum,
        hostingPowerCostPerMwYear: isNum,
        hostingNetPerMwYear: isNum,
        miningRevenuePerMwYear: isNum,
        miningPowerCostPerMwYear: isNum,
        miningNetPerMwYear: isNum,
        hostingMinusMiningPerMwYear: isNum,
        equalNetHashpricePerPhDay: isNumOrNull,
        assumptions: listOf(isStr(500), 20),
      }),
    ),
    movesRange: (v, p) => {
      if (v !== null && !isRangeId(v)) fail(`${p} should be a range or null`);
    },
    moves: listOf(
      record<PnlMove>({
        days: isNum,
        fromS: isNum,
        toS: isNum,
        fromHashpricePerPhDay: isNum,
        toHashpricePerPhDay: isNum,
        totalPercent: isNum,
        pricePercent: isNum,
        difficultyPercent: isNum,
        feesPercent: isNum,
        subsidyPercent: isNum,
      }),
      10,
    ),
    whatIf: nullable(
      record<PnlWhatIf>({
        difficultyChangePercent: isNum,
        retargetHeight: isNum,
        retargetEtaMs: isNum,
        halvingHeight: isNum,
        halvingEtaMs: isNum,
        subsidyBtc: isNum,
        feesBtcPerBlock: isNum,
        scenarios: listOf(
          record<PnlScenario>({
            id: (v, p) => void oneOf(v, ['now', 'retarget', 'halving', 'both'] as const, p),
            hashpricePerPhDay: isNum,
            marginPerPhDay: isNum,
            marginPerMwYear: isNum,
            breakevenBtcPrice: isNumOrNull,
          }),
          4,
        ),
      }),
    ),
    overlay: nullable(record<PnlOverlay>({ currency: isCurrency, powerCostPerPhDay: isNum, breakevenPerPhDay: isNum, label: isStr(200), note: isStr(2000) })),
    water: nullable(
      record<PnlWater>({
        range: (v, p) => {
          if (!isRangeId(v)) fail(`${p} should be a range`);
        },
        days: isNum,
        belowBreakeven: isNum,
        belowPowerCost: isNum,
        lastBelowS: isNumOrNull,
      }),
    ),
  })(value, path);
}

const hostValidators = {
  status: (o) => checkStatus(o.status, 'status'),
  figures: (o) => {
    if (o.figures !== null) checkKeyFigures(o.figures);
  },
  history: (o) => checkHistoryDataset(o.dataset),
  historyState: (o) => {
    if (!isRangeId(o.range)) fail('range is not a known range');
    oneOf(o.state, ['loading', 'loaded', 'error'] as const, 'state');
    strOrNull(o.message, 'message', 2000);
  },
  saveResult: (o) => {
    str(o.requestId, 'requestId', 64);
    bool(o.ok, 'ok');
    str(o.message, 'message', 2000);
  },
} satisfies Validators<ChartsHostMessage>;

const pnlHostValidators = {
  'pnl/state': (o) => checkPnlState(o.state, 'state'),
  'pnl/updateResult': (o) => {
    isEditField(o.field, 'field');
    bool(o.ok, 'ok');
    strOrNull(o.message, 'message', 2000);
  },
} satisfies Validators<PnlHostMessage>;

/** Largest image accepted from the webview (a PNG of a 4K chart is ~1–3 MB as base64). */
export const MAX_PNG_CHARS = 32 * 1024 * 1024;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}$/;
const PNG_DATA_URL = 'data:image/png;base64,';

function requestId(value: unknown): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(str(value, 'requestId', 64))) fail('requestId has unexpected characters');
}

const webviewValidators = {
  ready: (o) => {
    num(o.protocol, 'protocol');
    if (!isRangeId(o.range)) fail('range is not a known range');
  },
  selectRange: (o) => {
    if (!isRangeId(o.range)) fail('range is not a known range');
  },
  refresh: () => undefined,
  exportCsv: (o) => {
    requestId(o.requestId);
    if (!isRangeId(o.range)) fail('range is not a known range');
    if (num(o.fromS, 'fromS') > num(o.toS, 'toS')) fail('fromS is after toS');
  },
  savePng: (o) => {
    requestId(o.requestId);
    const fileName = str(o.fileName, 'fileName', 100);
    if (!FILE_NAME.test(fileName) || fileName.includes('..') || !fileName.toLowerCase().endsWith('.png')) fail('fileName is not a plain .png file name');
    const data = str(o.dataUrl, 'dataUrl', MAX_PNG_CHARS);
    if (!data.startsWith(PNG_DATA_URL)) fail('dataUrl should be a PNG data URL');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data.slice(PNG_DATA_URL.length))) fail('dataUrl is not base64');
  },
  log: (o) => {
    oneOf(o.level, ['info', 'warn', 'error'] as const, 'level');
    str(o.message, 'message', 4000);
  },
  'pnl/ready': (o) => {
    num(o.protocol, 'protocol');
  },
  'pnl/update': (o) => {
    const field = oneOf(o.field, PNL_EDIT_FIELDS, 'field');
    // The type of the value is the field's; its range is checked by the host (validatePnlEdit).
    if (field === 'powerPassThrough') bool(o.value, 'value');
    else if (field === 'fleetUnit') oneOf(o.value, FLEET_UNITS, 'value');
    else num(o.value, 'value');
  },
} satisfies Validators<WebviewMessage>;

function validate<M extends { type: string }>(value: unknown, validators: Validators<M>, side: string): Validated<M> {
  let type: unknown;
  try {
    const o = obj(value, 'message');
    type = o.type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(validators, type)) {
      return { ok: false, error: `unknown ${side} message type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}` };
    }
    validators[type as M['type']](o);
    return { ok: true, value: o as unknown as M };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: `${side} message${typeof type === 'string' ? ` '${type}'` : ''}: ${error.message}` };
    throw error;
  }
}

/** Checks a message received by the charts script (the P&L script's own types are unknown to it). */
export function validateHostMessage(value: unknown): Validated<ChartsHostMessage> {
  return validate<ChartsHostMessage>(value, hostValidators, 'host');
}

/** Checks a message received by the P&L script. */
export function validatePnlHostMessage(value: unknown): Validated<PnlHostMessage> {
  return validate<PnlHostMessage>(value, pnlHostValidators, 'host');
}

/** Whether a message is the P&L script's to validate and handle (the charts script leaves it alone). */
export function isPnlScriptMessage(value: unknown): boolean {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' && PNL_SCRIPT_MESSAGE_TYPES.includes(type);
}

/** Checks a message received by the host. */
export function validateWebviewMessage(value: unknown): Validated<WebviewMessage> {
  return validate<WebviewMessage>(value, webviewValidators, 'webview');
}

/** The base64 payload of a validated PNG data URL. */
export function pngBase64(dataUrl: string): string {
  return dataUrl.slice(PNG_DATA_URL.length);
}
