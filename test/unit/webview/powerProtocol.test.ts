// The power & pools messages: what the power script accepts from the host and the host from the page.
import { describe, expect, it } from 'vitest';
import type { PoolsState, PowerState } from '../../../src/shared/protocol';
import {
  isPowerScriptMessage,
  validateHostMessage,
  validatePowerHostMessage,
  validateWebviewMessage,
} from '../../../src/shared/protocol';

const state = (): PowerState => ({
  currency: 'USD',
  range: '1Y',
  sourceHost: 'mempool.space',
  assumptions: {
    networkPowerPricePerKwh: 0.05,
    pue: { low: 1.01, best: 1.1, high: 1.2 },
    userPowerPricePerKwh: 0.06,
    reference: 'peak',
  },
  days: {
    timeS: [1_790_000_000, 1_790_086_400, 1_790_172_800],
    lowW: [null, 1e10, 1.1e10],
    bestW: [null, 2e10, 2.1e10],
    highW: [null, 3e10, 3.1e10],
    breakevenJPerTh: [30, 31, null],
  },
  latest: {
    timeS: 1_790_172_800,
    lowW: 1.1e10,
    bestW: 2.1e10,
    highW: 3.1e10,
    energyTwhPerYear: { low: 96, best: 184, high: 272 },
  },
  generations: [
    {
      model: 'Antminer S9 (13.5 TH)',
      releaseMonth: '2017-09',
      efficiencyJPerTh: 98,
      underWaterNow: true,
      underWaterPercent: 100,
    },
  ],
  where: null,
  whereProblem: 'waiting for today’s hashprice and BTC price',
});
const pools = (): PoolsState => ({
  range: '1Y',
  status: 'ok',
  message: null,
  data: {
    blockCount: 1000,
    blocks: [{ name: 'Foundry USA', blockCount: 300, blockSharePercent: 30 }],
    weeks: { timeS: [1, 2], pools: [{ name: 'Foundry USA', sharePercent: [30, 31] }], othersPercent: [70, 69] },
    changes: [{ name: 'Foundry USA', startSharePercent: 30, endSharePercent: 31, changePoints: 1 }],
  },
});
const powerMessage = (s: unknown) => ({ type: 'power/state', state: s, message: null });

describe('power protocol: host → power script', () => {
  it('accepts a power state, a missing one with a reason, and pools in each status', () => {
    expect(validatePowerHostMessage(powerMessage(state())).ok).toBe(true);
    expect(validatePowerHostMessage({ type: 'power/state', state: null, message: 'Waiting' }).ok).toBe(true);
    expect(validatePowerHostMessage({ type: 'power/pools', pools: pools() }).ok).toBe(true);
    const unavailable = { range: '1Y', status: 'unavailable', message: 'HTTP 404', data: null };
    expect(validatePowerHostMessage({ type: 'power/pools', pools: unavailable }).ok).toBe(true);
  });

  it('refuses columns of the wrong length, non-finite numbers, bad references and unsorted days', () => {
    const s = state();
    const short = { ...s, days: { ...s.days, bestW: [1, 2] } };
    expect(validatePowerHostMessage(powerMessage(short))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/bestW/),
    });
    const nan = { ...s, latest: { ...s.latest!, bestW: Number.NaN } };
    expect(validatePowerHostMessage(powerMessage(nan)).ok).toBe(false);
    const reference = { ...s, assumptions: { ...s.assumptions, reference: 'ath' } };
    expect(validatePowerHostMessage(powerMessage(reference)).ok).toBe(false);
    const unsorted = { ...s, days: { ...s.days, timeS: [3, 2, 1] } };
    expect(validatePowerHostMessage(powerMessage(unsorted)).ok).toBe(false);
    const verdict = { ...s, generations: [{ ...s.generations[0]!, underWaterNow: 'yes' }] };
    expect(validatePowerHostMessage(powerMessage(verdict)).ok).toBe(false);
  });

  it('refuses pools that say ok without data, or shares that are not percentages', () => {
    expect(validatePowerHostMessage({ type: 'power/pools', pools: { ...pools(), data: null } }).ok).toBe(false);
    const p = pools();
    const bad = { ...p, data: { ...p.data!, weeks: { ...p.data!.weeks, othersPercent: [70, 900] } } };
    expect(validatePowerHostMessage({ type: 'power/pools', pools: bad }).ok).toBe(false);
    expect(validatePowerHostMessage({ type: 'power/pools', pools: { ...p, status: 'fine' } }).ok).toBe(false);
  });

  it('is the power script’s alone: the charts script neither handles nor knows these types', () => {
    expect(isPowerScriptMessage(powerMessage(state()))).toBe(true);
    expect(isPowerScriptMessage({ type: 'pnl/state' })).toBe(false);
    expect(validateHostMessage(powerMessage(state())).ok).toBe(false);
    expect(validatePowerHostMessage({ type: 'status', status: {} }).ok).toBe(false);
  });
});

describe('power protocol: page → host', () => {
  it('accepts ready and a known reference, refuses anything else', () => {
    expect(validateWebviewMessage({ type: 'power/ready', protocol: 1 }).ok).toBe(true);
    expect(validateWebviewMessage({ type: 'power/reference', reference: '30d' }).ok).toBe(true);
    expect(validateWebviewMessage({ type: 'power/reference', reference: '7d' }).ok).toBe(false);
    expect(validateWebviewMessage({ type: 'power/ready' }).ok).toBe(false);
  });
});
