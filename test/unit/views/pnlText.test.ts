import { describe, expect, it } from 'vitest';
import type { PnlMove } from '../../../src/core/views/pnlState';
import { inputText, moneyText } from '../../../src/core/format';
import { fleetText, hasSubsidyPart, headroom, moveSentence, verdict } from '../../../src/core/views/pnlText';

const move = (patch: Partial<PnlMove>): PnlMove => ({
  days: 7,
  fromS: 0,
  toS: 604_800,
  fromHashpricePerPhDay: 44,
  toHashpricePerPhDay: 45.8,
  totalPercent: 4.1,
  pricePercent: 0.8,
  difficultyPercent: 3.1,
  feesPercent: 0.2,
  subsidyPercent: 0,
  ...patch,
});

describe('P&L words', () => {
  it('the move as a sentence whose parts add up', () => {
    expect(moveSentence(move({}))).toBe('+4.1%: price +0.8%, difficulty +3.1%, fees +0.2%');
    expect(
      moveSentence(
        move({ totalPercent: -48.2, pricePercent: 1, difficultyPercent: -0.5, feesPercent: 0.3, subsidyPercent: -49 }),
      ),
    ).toBe('−48.2%: price +1.0%, difficulty −0.5%, fees +0.3%, subsidy −49.0%');
    expect(hasSubsidyPart([move({})])).toBe(false);
    expect(hasSubsidyPart([move({ subsidyPercent: -49 })])).toBe(true);
  });

  it('money to the cent, a true minus, whole units from 1,000', () => {
    expect(moneyText(24, 'USD')).toBe('$24.00');
    expect(moneyText(0.5, 'USD')).toBe('$0.50');
    expect(moneyText(0, 'USD')).toBe('$0.00');
    expect(moneyText(-0.004, 'USD')).toBe('$0.00');
    expect(moneyText(-3.1, 'USD')).toBe('−$3.10');
    expect(moneyText(438_000, 'USD')).toBe('$438,000');
    expect(moneyText(-56_604.4, 'EUR')).toBe('−€56,604');
    expect(moneyText(null, 'USD')).toBe('—');
  });

  it('headroom before the margin reaches zero', () => {
    // Power at $0.05 with a breakeven of $0.0935: it can rise 87 %; at $0.10 it is 6 % too high.
    expect(headroom(0.05, 0.0935, 'cost')).toBe('can rise 87%');
    expect(headroom(0.1, 0.0935, 'cost')).toBe('7% too high');
    expect(headroom(45.81, 24.49, 'price')).toBe('can fall 47%');
    expect(headroom(45.81, 48.98, 'price')).toBe('7% too low');
    expect(headroom(0, 1, 'cost')).toBe('—');
    expect(headroom(1, null, 'price')).toBe('—');
  });

  it('verdict, fleet, input text', () => {
    expect(verdict(818_604, 'USD')).toBe('AI hosting nets $818,604 more per MW-year than mining');
    expect(verdict(-12_000, 'USD')).toBe('Mining nets $12,000 more per MW-year than AI hosting');
    expect(verdict(0.2, 'USD')).toBe('Both net the same per MW-year');
    expect(fleetText(500, 10)).toBe('500 PH/s · 10 MW of grid power');
    expect(fleetText(1234.5678, 24.691356)).toBe('1,235 PH/s · 24.69 MW of grid power');
    expect(inputText(0.1 + 0.2)).toBe('0.3');
    expect(inputText(130)).toBe('130');
  });
});
