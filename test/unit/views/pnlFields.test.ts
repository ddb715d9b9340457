// One P&L input at a time, as the panel edits them: the page checks before it posts, the host again before
// it writes the setting. Messages are validatePnlInputs' own, without "Using the default" (nothing is saved).
import { describe, expect, it } from 'vitest';
import { plainNumber } from '../../../src/core/format';
import { PNL_EDIT_FIELDS, PNL_EDIT_SETTING_KEYS } from '../../../src/core/pnl/panelFieldNames';
import { fieldRange, fieldUnit, formValues, validatePnlEdit } from '../../../src/core/views/pnlFields';
import { DEFAULT_PNL_INPUTS } from '../../../src/core/pnl/validate';

describe('validatePnlEdit', () => {
  it('accepts values in range, from text (form fields) or numbers (messages), a decimal comma too', () => {
    expect(validatePnlEdit('efficiencyJPerTh', '17.5')).toEqual({ ok: true, value: 17.5 });
    expect(validatePnlEdit('efficiencyJPerTh', 5)).toEqual({ ok: true, value: 5 });
    expect(validatePnlEdit('powerPricePerKwh', '0,065')).toEqual({ ok: true, value: 0.065 });
    expect(validatePnlEdit('powerPricePerKwh', ' 0 ')).toEqual({ ok: true, value: 0 });
    expect(validatePnlEdit('poolFeePercent', '10')).toEqual({ ok: true, value: 10 });
    expect(validatePnlEdit('pue', '1.3')).toEqual({ ok: true, value: 1.3 });
    expect(validatePnlEdit('colocationPerKwMonth', 145)).toEqual({ ok: true, value: 145 });
    expect(validatePnlEdit('utilisationPercent', '0')).toEqual({ ok: true, value: 0 });
    expect(validatePnlEdit('powerPassThrough', false)).toEqual({ ok: true, value: false });
    expect(validatePnlEdit('fleetUnit', 'MW')).toEqual({ ok: true, value: 'MW' });
  });

  it('refuses out-of-range and non-numbers with the unit in the message', () => {
    expect(validatePnlEdit('efficiencyJPerTh', '2')).toEqual({
      ok: false,
      message: 'Miner efficiency must be between 5 and 200 J/TH; got 2 J/TH.',
    });
    expect(validatePnlEdit('powerPricePerKwh', 'abc')).toEqual({
      ok: false,
      message: 'Power price must be a number (per kWh); got "abc".',
    });
    expect(validatePnlEdit('powerPricePerKwh', '')).toEqual({
      ok: false,
      message: 'Power price must be a number (per kWh); got "".',
    });
    expect(validatePnlEdit('poolFeePercent', 12)).toEqual({
      ok: false,
      message: 'Pool fee must be between 0 and 10 %; got 12 %.',
    });
    expect(validatePnlEdit('uptimePercent', '0')).toEqual({
      ok: false,
      message: 'Uptime must be between 1 and 100 %; got 0 %.',
    });
    expect(validatePnlEdit('pue', '0.9')).toEqual({
      ok: false,
      message: 'PUE must be between 1 and 3 (grid kW per kW of IT load); got 0.9 (grid kW per kW of IT load).',
    });
    expect(validatePnlEdit('colocationPerKwMonth', Number.POSITIVE_INFINITY).ok).toBe(false);
    expect(validatePnlEdit('powerPassThrough', 'maybe')).toEqual({
      ok: false,
      message: 'Power pass-through must be true (tenant pays for power) or false (host pays); got "maybe".',
    });
    expect(validatePnlEdit('fleetUnit', 'EH/s')).toEqual({
      ok: false,
      message: 'Fleet unit must be PH/s or MW; got "EH/s".',
    });
  });

  it('fleet size: empty or 0 means no fleet; otherwise above 0 in the unit given', () => {
    expect(validatePnlEdit('fleetSize', '')).toEqual({ ok: true, value: 0 });
    expect(validatePnlEdit('fleetSize', 0)).toEqual({ ok: true, value: 0 });
    expect(validatePnlEdit('fleetSize', '12,5', 'MW')).toEqual({ ok: true, value: 12.5 });
    expect(validatePnlEdit('fleetSize', '-3')).toEqual({
      ok: false,
      message: 'Fleet size must be a number of PH/s above 0, or empty for none; got "-3".',
    });
    expect(validatePnlEdit('fleetSize', 'lots', 'MW')).toEqual({
      ok: false,
      message: 'Fleet size must be a number of MW of grid power above 0, or empty for none; got "lots".',
    });
    expect(validatePnlEdit('fleetSize', { ph: 3 })).toEqual({
      ok: false,
      message: 'Fleet size must be a number of PH/s above 0, or empty for none; got {"ph":3}.',
    });
  });
});

describe('the fields and their settings', () => {
  it('every field has a setting key as package.json names it', () => {
    expect(PNL_EDIT_FIELDS.map((f) => PNL_EDIT_SETTING_KEYS[f])).toEqual([
      'pnl.efficiencyJPerTh',
      'pnl.powerPricePerKwh',
      'pnl.poolFeePercent',
      'pnl.uptimePercent',
      'pnl.fleetSize',
      'pnl.fleetUnit',
      'hosting.colocationPerKwMonth',
      'hosting.powerPassThrough',
      'hosting.pue',
      'hosting.utilisationPercent',
    ]);
  });

  it('units and ranges as the form shows them', () => {
    expect(fieldUnit('efficiencyJPerTh', 'USD')).toBe('J/TH');
    expect(fieldUnit('powerPricePerKwh', 'EUR')).toBe('EUR/kWh');
    expect(fieldUnit('colocationPerKwMonth', 'USD')).toBe('USD per kW-month of IT load');
    expect(fieldUnit('pue', 'USD')).toBe('grid kW per IT kW');
    expect(fieldRange('efficiencyJPerTh')).toMatchObject({ min: 5, max: 200 });
    expect(fieldRange('fleetSize')).toBeNull();
  });

  it('form values: the fleet becomes a size (0 = none) and a unit', () => {
    expect(formValues(DEFAULT_PNL_INPUTS)).toMatchObject({
      fleetSize: 0,
      fleetUnit: 'PH/s',
      efficiencyJPerTh: 20,
      powerPassThrough: true,
    });
    expect(formValues({ ...DEFAULT_PNL_INPUTS, fleet: { kind: 'mw', value: 12 } })).toMatchObject({
      fleetSize: 12,
      fleetUnit: 'MW',
    });
  });

  it('plain numbers: no trailing zeros, grouping, at most 3 decimals', () => {
    expect(plainNumber(20)).toBe('20');
    expect(plainNumber(17.5)).toBe('17.5');
    expect(plainNumber(0.05)).toBe('0.05');
    expect(plainNumber(1000)).toBe('1,000');
    expect(plainNumber(1234.56789)).toBe('1,234.568');
    expect(plainNumber(-2.5)).toBe('-2.5');
    expect(plainNumber(0)).toBe('0');
  });
});
