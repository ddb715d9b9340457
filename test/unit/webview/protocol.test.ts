import { describe, expect, it } from 'vitest';
import { buildHistoryDataset } from '../../../src/core/history/align';
import { ma7BandFactors } from '../../../src/core/history/bands';
import type { KeyFigures } from '../../../src/core/views/keyFigures';
import { buildPnlState } from '../../../src/core/views/pnlState';
import { DEFAULT_PNL_INPUTS } from '../../../src/core/pnl/validate';
import {
  PROTOCOL_VERSION,
  isPnlScriptMessage,
  pngBase64,
  validateHostMessage,
  validatePnlHostMessage,
  validateWebviewMessage,
  type HostMessage,
  type PanelStatus,
  type PnlHostMessage,
} from '../../../src/shared/protocol';
import { makeSnapshot, NOW_MS } from '../helpers/snapshot';

const dataset = buildHistoryDataset(
  {
    hashrate: [
      { timeS: 1_795_392_000, hashrateHps: 9.6e20 },
      { timeS: 1_795_478_400, hashrateHps: 9.9e20 },
    ],
    adjustments: [{ timeS: 1_794_547_200, height: 973_728, difficulty: 1.481e14, adjustmentRatio: 1.004 }],
    rewards: [{ avgHeight: 977_500, timeS: 1_795_400_000, avgRewardsSats: 315_000_000, priceUsd: 100_500 }],
    fees: null,
    prices: null,
  },
  { range: '1Y', currency: 'USD', sourceHost: 'example.test', fetchedAtMs: 1 },
);
const status: PanelStatus = {
  sourceHost: 'example.test',
  currency: 'USD',
  ma7Band: ma7BandFactors(0.9),
  fetchedAtMs: 1,
  origin: 'live',
  refreshing: false,
  stale: false,
  staleReason: null,
};
const figures: KeyFigures = {
  currency: 'USD',
  tipHeight: 975_000,
  hashrateHps: 9.9e20,
  confidenceLevel: 0.95,
  hashrateLowHps: 9.3e20,
  hashrateHighHps: 1.05e21,
  hashrateBelowProbability: 0.62,
  hashrateBelowThresholdHps: 1e21,
  hashrateChange30dPercent: 2,
  hashrateChange30dLowPercent: -2.1,
  hashrateChange30dHighPercent: 6.3,
  hashrateChange30dWithinNoise: true,
  difficulty: 1.4e14,
  difficultyChangePercent: 1.5,
  difficultyChangeLowPercent: -1,
  difficultyChangeMedianPercent: 1.4,
  difficultyChangeHighPercent: 3.9,
  estimatedRetargetMs: 1,
  retargetLowMs: 0.5,
  retargetMedianMs: 1,
  retargetHighMs: 1.5,
  nextRetargetHeight: 975_744,
  remainingBlocks: 744,
  progressPercent: 63,
  hashpriceFiat: 45,
  hashpriceSats: 45_000,
  hashpriceChange7dPercent: 1,
  hashpriceChange30dPercent: null,
  hashpriceSatsChange7dPercent: 1,
  hashpriceSatsChange30dPercent: null,
  feeSharePercent: 0.6,
  btcPrice: 100_000,
  btcPriceChange30dPercent: null,
  halvingHeight: 1_050_000,
  halvingBlocksLeft: 75_000,
  halvingEstimatedMs: 2,
  subsidyAfterHalvingSats: 156_250_000,
  networkPowerLowW: 1.5e10,
  networkPowerBestW: 2.2e10,
  networkPowerHighW: null,
  networkPowerDayS: 1_795_478_400,
};

const roundTrip = (m: unknown) => validateHostMessage(JSON.parse(JSON.stringify(m)) as unknown);
const pnlState = buildPnlState({
  currency: 'USD',
  pnl: { ...DEFAULT_PNL_INPUTS, fleet: { kind: 'phs', value: 100 } },
  snapshot: makeSnapshot(),
  nowMs: NOW_MS,
  history: dataset,
  range: dataset,
});

describe('host → webview', () => {
  it('accepts every well-formed message (after a JSON round trip, as postMessage delivers it)', () => {
    const messages: HostMessage[] = [
      { type: 'status', status },
      { type: 'figures', figures },
      { type: 'figures', figures: null },
      { type: 'history', dataset },
      { type: 'historyState', range: 'ALL', state: 'error', message: 'HTTP 503' },
      { type: 'saveResult', requestId: 'export-1', ok: true, message: 'Saved.' },
    ];
    for (const m of messages) expect(roundTrip(m)).toEqual({ ok: true, value: m });
  });

  it('rejects unknown types and non-objects', () => {
    expect(validateHostMessage({ type: 'eval', code: 'x' })).toEqual({
      ok: false,
      error: 'unknown host message type "eval"',
    });
    expect(validateHostMessage('history')).toEqual({ ok: false, error: 'host message: message should be an object' });
    expect(validateHostMessage(null).ok).toBe(false);
    expect(validateHostMessage({ type: 'toString' }).ok).toBe(false);
  });

  it('names the bad field of a dataset', () => {
    const bad = (patch: object, days: object = {}) =>
      validateHostMessage({ type: 'history', dataset: { ...dataset, ...patch, days: { ...dataset.days, ...days } } });
    expect(bad({ range: '5Y' })).toEqual({
      ok: false,
      error: "host message 'history': dataset.range should be one of 1M, 3M, 6M, 1Y, 2Y, 3Y, ALL",
    });
    expect(bad({}, { price: [1] })).toEqual({
      ok: false,
      error: "host message 'history': dataset.days.price has 1 entries, expected 2",
    });
    expect(bad({}, { hashrateHps: [1, 'x'] })).toEqual({
      ok: false,
      error: "host message 'history': dataset.days.hashrateHps[1] should be a finite number or null",
    });
    expect(bad({}, { timeS: [3, 2, 1] }).ok).toBe(false);
    expect(bad({ notes: ['x'.repeat(501)] }).ok).toBe(false);
    expect(bad({ currency: 'DOGE' }).ok).toBe(false);
  });

  it('checks key figures and status field by field', () => {
    expect(
      validateHostMessage({ type: 'figures', figures: { ...figures, hashrateHps: Number.POSITIVE_INFINITY } }),
    ).toEqual({
      ok: false,
      error: "host message 'figures': figures.hashrateHps should be a finite number",
    });
    expect(validateHostMessage({ type: 'status', status: { ...status, origin: 'disk' } }).ok).toBe(false);
  });

  it('checks the intervals: flags are booleans or null, numbers finite or null, the level within 0.80–0.99', () => {
    const check = (patch: object) => validateHostMessage({ type: 'figures', figures: { ...figures, ...patch } });
    expect(check({ hashrateChange30dWithinNoise: null, hashrateLowHps: null, retargetHighMs: null }).ok).toBe(true);
    expect(check({ hashrateChange30dWithinNoise: 1 })).toEqual({
      ok: false,
      error: "host message 'figures': figures.hashrateChange30dWithinNoise should be a boolean",
    });
    expect(check({ hashrateHighHps: true }).ok).toBe(false);
    expect(check({ difficultyChangeLowPercent: Number.NaN }).ok).toBe(false);
    expect(check({ confidenceLevel: 1.5 })).toEqual({
      ok: false,
      error: "host message 'figures': figures.confidenceLevel should be from 0.8 to 0.99",
    });
    expect(check({ confidenceLevel: null }).ok).toBe(false);
  });

  it("carries the 7-day band's multipliers in the status: 8 pairs around 1, the level within 0.80–0.99", () => {
    const band = status.ma7Band;
    const check = (ma7Band: unknown) => validateHostMessage({ type: 'status', status: { ...status, ma7Band } });
    expect(check({ ...band, level: 0.5 })).toEqual({
      ok: false,
      error: "host message 'status': status.ma7Band.level should be from 0.8 to 0.99",
    });
    expect(check({ ...band, low: band.low.slice(1) }).ok).toBe(false);
    expect(check({ ...band, low: band.low.map((v, i) => (i === 7 ? null : v)) })).toEqual({
      ok: false,
      error: "host message 'status': status.ma7Band: low[7] and high[7] should both be numbers or both null",
    });
    expect(check({ ...band, high: band.high.map((v, i) => (i === 7 ? 0.5 : v)) }).ok).toBe(false);
    expect(check(undefined).ok).toBe(false);
  });
});

describe('webview → host', () => {
  const png = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64')}`;

  it('accepts the webview messages', () => {
    for (const m of [
      { type: 'ready', protocol: PROTOCOL_VERSION, range: '1Y' },
      { type: 'selectRange', range: 'ALL' },
      { type: 'refresh' },
      { type: 'exportCsv', requestId: 'export-2', range: '3M', fromS: 1, toS: 2 },
      { type: 'savePng', requestId: 'export-3', fileName: 'mining-economics-hashrate-2026-11-25.png', dataUrl: png },
      { type: 'log', level: 'warn', message: 'x' },
    ]) {
      expect(validateWebviewMessage(m)).toEqual({ ok: true, value: m });
    }
    expect(pngBase64(png)).toBe('iVBORw0KGgo=');
  });

  it('refuses file names that are not plain names of the right type', () => {
    const save = (fileName: string) =>
      validateWebviewMessage({ type: 'savePng', requestId: 'a', fileName, dataUrl: png }).ok;
    expect(save('../../.bashrc.png')).toBe(false);
    expect(save('/etc/x.png')).toBe(false);
    expect(save('chart.csv')).toBe(false);
    expect(save('a..b.png')).toBe(false);
    expect(save('chart (1).png')).toBe(true);
  });

  it('refuses data that is not a base64 PNG data URL, and bad ids or windows', () => {
    expect(
      validateWebviewMessage({
        type: 'savePng',
        requestId: 'a',
        fileName: 'a.png',
        dataUrl: 'data:image/svg+xml;base64,AAAA',
      }).ok,
    ).toBe(false);
    expect(
      validateWebviewMessage({
        type: 'savePng',
        requestId: 'a',
        fileName: 'a.png',
        dataUrl: 'data:image/png;base64,<script>',
      }).ok,
    ).toBe(false);
    expect(validateWebviewMessage({ type: 'savePng', requestId: 'a b', fileName: 'a.png', dataUrl: png }).ok).toBe(
      false,
    );
    expect(validateWebviewMessage({ type: 'exportCsv', requestId: 'a', range: '1Y', fromS: 5, toS: 1 }).ok).toBe(false);
    expect(
      validateWebviewMessage({ type: 'exportCsv', requestId: 'a', range: '1Y', fromS: Number.NaN, toS: 1 }).ok,
    ).toBe(false);
    expect(validateWebviewMessage({ type: 'log', level: 'fatal', message: 'x' }).ok).toBe(false);
    expect(validateWebviewMessage({ type: 'ready', protocol: 1, range: 'forever' }).ok).toBe(false);
  });
});

describe('P&L messages', () => {
  const pnlRoundTrip = (m: unknown) => validatePnlHostMessage(JSON.parse(JSON.stringify(m)) as unknown);

  it('the P&L script accepts its own messages, full or before any data', () => {
    const empty = buildPnlState({
      currency: 'EUR',
      pnl: DEFAULT_PNL_INPUTS,
      snapshot: null,
      nowMs: NOW_MS,
      history: null,
      range: null,
    });
    const messages: PnlHostMessage[] = [
      { type: 'pnl/state', state: pnlState },
      { type: 'pnl/state', state: empty },
      { type: 'pnl/updateResult', field: 'pue', ok: false, message: 'PUE must be between 1 and 3.' },
      { type: 'pnl/updateResult', field: 'fleetUnit', ok: true, message: null },
    ];
    for (const m of messages) expect(pnlRoundTrip(m)).toEqual({ ok: true, value: m });
    expect(pnlState.profit?.fleet).not.toBeNull();
    expect(pnlState.overlay).not.toBeNull();
  });

  it("each script leaves the other one's messages alone", () => {
    expect(isPnlScriptMessage({ type: 'pnl/state', state: null })).toBe(true);
    expect(isPnlScriptMessage({ type: 'pnl/updateResult' })).toBe(true);
    expect(isPnlScriptMessage({ type: 'history' })).toBe(false);
    expect(isPnlScriptMessage('pnl/state')).toBe(false);
    // The charts script does not know them (it skips them before validating)…
    expect(validateHostMessage({ type: 'pnl/state', state: pnlState }).ok).toBe(false);
    // …and the P&L script does not know the charts' messages.
    expect(validatePnlHostMessage({ type: 'figures', figures })).toEqual({
      ok: false,
      error: 'unknown host message type "figures"',
    });
  });

  it('names the bad field of a P&L state', () => {
    const bad = (patch: object) => validatePnlHostMessage({ type: 'pnl/state', state: { ...pnlState, ...patch } });
    expect(bad({ profit: { ...pnlState.profit, perPhDay: { ...pnlState.profit!.perPhDay, margin: 'x' } } })).toEqual({
      ok: false,
      error: "host message 'pnl/state': state.profit.perPhDay.margin should be a finite number",
    });
    expect(bad({ inputs: { ...pnlState.inputs, fleetUnit: 'EH/s' } })).toEqual({
      ok: false,
      error: "host message 'pnl/state': state.inputs.fleetUnit should be one of PH/s, MW",
    });
    expect(bad({ moves: 'none' }).ok).toBe(false);
    expect(bad({ hosting: { ...pnlState.hosting, assumptions: ['x'.repeat(501)] } }).ok).toBe(false);
    expect(bad({ settingProblems: [{ field: 'mempoolUrl', message: 'x' }] }).ok).toBe(false);
    expect(bad({ overlay: { ...pnlState.overlay, breakevenPerPhDay: Number.NaN } }).ok).toBe(false);
    expect(
      bad({ whatIf: { ...pnlState.whatIf, scenarios: [{ ...pnlState.whatIf!.scenarios[0], id: 'later' }] } }).ok,
    ).toBe(false);
    expect(bad({ water: { ...pnlState.water, range: '5Y' } }).ok).toBe(false);
    expect(bad({ currency: 'DOGE' }).ok).toBe(false);
    expect(validatePnlHostMessage({ type: 'pnl/updateResult', field: 'rm -rf', ok: true, message: null }).ok).toBe(
      false,
    );
  });

  it('the host accepts pnl/ready and typed pnl/update values only', () => {
    for (const m of [
      { type: 'pnl/ready', protocol: PROTOCOL_VERSION },
      { type: 'pnl/update', field: 'efficiencyJPerTh', value: 17.5 },
      { type: 'pnl/update', field: 'powerPassThrough', value: false },
      { type: 'pnl/update', field: 'fleetUnit', value: 'MW' },
      { type: 'pnl/update', field: 'fleetSize', value: 0 },
    ]) {
      expect(validateWebviewMessage(m)).toEqual({ ok: true, value: m });
    }
    expect(validateWebviewMessage({ type: 'pnl/update', field: 'mempoolUrl', value: 'https://evil.test' })).toEqual({
      ok: false,
      error:
        "webview message 'pnl/update': field should be one of efficiencyJPerTh, powerPricePerKwh, poolFeePercent, uptimePercent, fleetSize, fleetUnit, colocationPerKwMonth, powerPassThrough, pue, utilisationPercent",
    });
    expect(validateWebviewMessage({ type: 'pnl/update', field: 'efficiencyJPerTh', value: '20' }).ok).toBe(false);
    expect(validateWebviewMessage({ type: 'pnl/update', field: 'powerPassThrough', value: 'yes' }).ok).toBe(false);
    expect(validateWebviewMessage({ type: 'pnl/update', field: 'fleetUnit', value: 'EH/s' }).ok).toBe(false);
    expect(validateWebviewMessage({ type: 'pnl/update', field: 'pue', value: Number.NaN }).ok).toBe(false);
  });
});
