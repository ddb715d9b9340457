// The messages of the miner's P&L script (dist/webview-pnl.js, loaded after the charts' first paint):
// host → page `pnl/state` (everything the section shows) and `pnl/updateResult`; page → host `pnl/ready`
// and `pnl/update` (one edited input). The charts script leaves PNL_SCRIPT_MESSAGE_TYPES alone.

import { CURRENCIES } from '../../core/model';
import { isRangeId } from '../../core/history/types';
import { FLEET_UNITS, PNL_EDIT_FIELDS, type PnlEditField, type PnlEditValue } from '../../core/pnl/panelFieldNames';
import type { PnlFormValues } from '../../core/views/pnlFields';
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
} from '../../core/views/pnlState';
import {
  bool,
  fail,
  isBool,
  isNum,
  isNumOrNull,
  isStr,
  listOf,
  nullable,
  num,
  oneOf,
  record,
  strOrNull,
  validate,
  type Check,
  type Validated,
  type Validators,
} from './check';

export type { PnlEditField, PnlEditValue, PnlOverlay, PnlState };

export type PnlHostMessage =
  /**
   * Everything the P&L section shows, as numbers (computed on the host: src/core/views/pnlState.ts), and the
   * breakeven band the P&L script draws over the hashprice chart (through the charts script's overlay hook).
   */
  | { readonly type: 'pnl/state'; readonly state: PnlState }
  /** The outcome of a `pnl/update`: ok (message: a caveat, e.g. a workspace value overrides it) or why not. */
  | {
      readonly type: 'pnl/updateResult';
      readonly field: PnlEditField;
      readonly ok: boolean;
      readonly message: string | null;
    };

export type PnlWebviewMessage =
  /** The P&L script is listening (it loads after the charts' first paint). */
  | { readonly type: 'pnl/ready'; readonly protocol: number }
  /**
   * The user edited one P&L input (already checked with validatePnlEdit by the page; the host checks it again)
   * and wants it saved to the user settings.
   */
  | { readonly type: 'pnl/update'; readonly field: PnlEditField; readonly value: PnlEditValue };

export const PNL_SCRIPT_MESSAGE_TYPES: readonly string[] = [
  'pnl/state',
  'pnl/updateResult',
] satisfies readonly PnlHostMessage['type'][];

const isCurrency: Check = (v, p) => void oneOf(v, CURRENCIES, p);
const isEditField: Check = (v, p) => void oneOf(v, PNL_EDIT_FIELDS, p);

// The record checks are built inside the function (not at module level) so that a bundle that does not
// validate P&L messages (the charts script) drops them entirely.
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
    settingProblems: listOf(
      record<PnlFieldMessage>({ field: isEditField, message: isStr(2000) }),
      PNL_EDIT_FIELDS.length,
    ),
    market: nullable(
      record<NonNullable<PnlState['market']>>({
        hashpricePerPhDay: isNum,
        hashvalueSatsPerPhDay: isNum,
        btcPrice: isNum,
        fetchedAtMs: isNum,
      }),
    ),
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
        fleet: nullable(
          record<NonNullable<PnlProfit['fleet']>>({
            hashratePhs: isNum,
            gridPowerMw: isNum,
            perDay: amounts,
            perYear: amounts,
          }),
        ),
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
    overlay: nullable(
      record<PnlOverlay>({
        currency: isCurrency,
        powerCostPerPhDay: isNum,
        breakevenPerPhDay: isNum,
        label: isStr(200),
        note: isStr(2000),
      }),
    ),
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

const pnlHostValidators = {
  'pnl/state': (o) => checkPnlState(o.state, 'state'),
  'pnl/updateResult': (o) => {
    isEditField(o.field, 'field');
    bool(o.ok, 'ok');
    strOrNull(o.message, 'message', 2000);
  },
} satisfies Validators<PnlHostMessage>;

export const pnlWebviewValidators = {
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
} satisfies Validators<PnlWebviewMessage>;

/** Checks a message received by the P&L script. */
export function validatePnlHostMessage(value: unknown): Validated<PnlHostMessage> {
  return validate<PnlHostMessage>(value, pnlHostValidators, 'host');
}

/** Whether a message is the P&L script's to validate and handle (the charts script leaves it alone). */
export function isPnlScriptMessage(value: unknown): boolean {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' && PNL_SCRIPT_MESSAGE_TYPES.includes(type);
}
