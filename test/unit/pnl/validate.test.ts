import { describe, expect, it } from 'vitest';
import { validatePnlInputs } from '../../../src/core/pnl/validate';

const defaults = {
  efficiencyJPerTh: 20,
  powerPricePerKwh: 0.05,
  poolFeePercent: 2,
  uptimePercent: 100,
  minerOverheadPercent: 0,
  pue: 1.3,
  colocationPerKwMonth: 130,
  utilisationPercent: 100,
  powerPassThrough: true,
};

describe('validatePnlInputs', () => {
  it('nothing given → defaults, no problems', () => {
    expect(validatePnlInputs(undefined)).toEqual({ values: defaults, problems: [] });
    expect(validatePnlInputs({})).toEqual({ values: defaults, problems: [] });
  });

  it('valid values pass through, including the edges of each range and 0 power price', () => {
    const raw = {
      efficiencyJPerTh: 5,
      powerPricePerKwh: 0,
      poolFeePercent: 10,
      uptimePercent: 1,
      minerOverheadPercent: 100,
      pue: 3,
      colocationPerKwMonth: 1000,
      utilisationPercent: 0,
      powerPassThrough: false,
      fleet: { kind: 'mw', value: 12.5 },
    };
    expect(validatePnlInputs(raw)).toEqual({ values: raw, problems: [] });
  });

  it('numeric strings from form fields are accepted', () => {
    const r = validatePnlInputs({
      efficiencyJPerTh: ' 17.5 ',
      powerPassThrough: 'false',
      fleet: { kind: 'phs', value: '3' },
    });
    expect(r.problems).toEqual([]);
    expect(r.values.efficiencyJPerTh).toBe(17.5);
    expect(r.values.powerPassThrough).toBe(false);
    expect(r.values.fleet).toEqual({ kind: 'phs', value: 3 });
  });

  it('out-of-range values fall back to defaults with messages that name the unit', () => {
    const r = validatePnlInputs({
      efficiencyJPerTh: 2.5,
      powerPricePerKwh: 3,
      poolFeePercent: 12,
      uptimePercent: 0,
      pue: 0.9,
      colocationPerKwMonth: -5,
      utilisationPercent: 120,
      minerOverheadPercent: -1,
    });
    expect(r.values).toEqual(defaults);
    expect(r.problems).toEqual([
      {
        field: 'efficiencyJPerTh',
        message: 'Miner efficiency must be between 5 and 200 J/TH; got 2.5 J/TH. Using the default, 20 J/TH.',
      },
      {
        field: 'powerPricePerKwh',
        message: 'Power price must be between 0 and 2 per kWh; got 3 per kWh. Using the default, 0.05 per kWh.',
      },
      { field: 'poolFeePercent', message: 'Pool fee must be between 0 and 10 %; got 12 %. Using the default, 2 %.' },
      { field: 'uptimePercent', message: 'Uptime must be between 1 and 100 %; got 0 %. Using the default, 100 %.' },
      {
        field: 'minerOverheadPercent',
        message:
          'Miner site overhead must be between 0 and 100 % of miner power; got -1 % of miner power. Using the default, 0 % of miner power.',
      },
      {
        field: 'pue',
        message:
          'PUE must be between 1 and 3 (grid kW per kW of IT load); got 0.9 (grid kW per kW of IT load). Using the default, 1.3 (grid kW per kW of IT load).',
      },
      {
        field: 'colocationPerKwMonth',
        message:
          'Colocation rate must be between 0 and 1000 per kW-month of IT load; got -5 per kW-month of IT load. Using the default, 130 per kW-month of IT load.',
      },
      {
        field: 'utilisationPercent',
        message: 'Hosting utilisation must be between 0 and 100 %; got 120 %. Using the default, 100 %.',
      },
    ]);
  });

  it('non-numbers, NaN and Infinity are problems, never exceptions', () => {
    const r = validatePnlInputs({
      efficiencyJPerTh: 'abc',
      powerPricePerKwh: Number.NaN,
      poolFeePercent: Infinity,
      uptimePercent: {},
    });
    expect(r.values.efficiencyJPerTh).toBe(20);
    expect(r.values.powerPricePerKwh).toBe(0.05);
    expect(r.values.poolFeePercent).toBe(2);
    expect(r.values.uptimePercent).toBe(100);
    expect(r.problems.map((p) => p.field)).toEqual([
      'efficiencyJPerTh',
      'powerPricePerKwh',
      'poolFeePercent',
      'uptimePercent',
    ]);
    expect(r.problems[0]!.message).toBe(
      'Miner efficiency must be a number (J/TH); got "abc". Using the default, 20 J/TH.',
    );
    expect(r.problems[3]!.message).toBe('Uptime must be a number (%); got object. Using the default, 100 %.');
  });

  it('a bad pass-through flag or fleet is reported; the fleet is dropped', () => {
    const r = validatePnlInputs({ powerPassThrough: 'yes', fleet: { kind: 'th', value: 5 } });
    expect(r.values.powerPassThrough).toBe(true);
    expect(r.values.fleet).toBeUndefined();
    expect(r.problems).toEqual([
      {
        field: 'powerPassThrough',
        message:
          'Power pass-through must be true (tenant pays for power) or false (host pays); got "yes". Using the default, true.',
      },
      {
        field: 'fleet',
        message:
          'Fleet size must be given in PH/s (kind "phs") or in MW of grid power (kind "mw"); got kind "th". No fleet totals are shown.',
      },
    ]);
    const zero = validatePnlInputs({ fleet: { kind: 'mw', value: 0 } });
    expect(zero.values.fleet).toBeUndefined();
    expect(zero.problems[0]!.message).toBe(
      'Fleet size must be a number above 0 MW of grid power; got 0. No fleet totals are shown.',
    );
  });
});
