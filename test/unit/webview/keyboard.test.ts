import { describe, expect, it } from 'vitest';
import { keyboardCursorTarget } from '../../../src/webview/common/chart/keyboard';

describe('keyboard crosshair', () => {
  // Days 10…40 in view, the crosshair on day 20.
  it('moves a day, or a week with Shift, and stops at the edges of the view', () => {
    expect(keyboardCursorTarget('ArrowLeft', false, 20, 10, 40)).toBe(19);
    expect(keyboardCursorTarget('ArrowRight', false, 20, 10, 40)).toBe(21);
    expect(keyboardCursorTarget('ArrowLeft', true, 20, 10, 40)).toBe(13);
    expect(keyboardCursorTarget('ArrowLeft', true, 15, 10, 40)).toBe(10);
    expect(keyboardCursorTarget('ArrowRight', true, 38, 10, 40)).toBe(40);
  });

  it('Home and End jump to the first and last day; Escape clears; other keys are not the chart’s', () => {
    expect(keyboardCursorTarget('Home', false, 20, 10, 40)).toBe(10);
    expect(keyboardCursorTarget('End', false, 20, 10, 40)).toBe(40);
    expect(keyboardCursorTarget('Escape', false, 20, 10, 40)).toBeNull();
    expect(keyboardCursorTarget('a', false, 20, 10, 40)).toBeUndefined();
    expect(keyboardCursorTarget('toString', false, 20, 10, 40)).toBeUndefined();
  });
});
