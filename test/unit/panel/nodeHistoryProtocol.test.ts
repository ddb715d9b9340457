// The node fill's messages: progress on historyState (host → page) and Cancel (page → host), checked like
// every other message.
import { describe, expect, it } from 'vitest';
import { validateHostMessage, validateWebviewMessage } from '../../../src/shared/protocol';

describe('node history messages', () => {
  it('accepts progress within 0 … total and refuses anything else', () => {
    const state = { type: 'historyState', range: '1Y', state: 'loading', message: null };
    expect(validateHostMessage(state).ok).toBe(true);
    expect(validateHostMessage({ ...state, progress: { done: 200, total: 1400 } }).ok).toBe(true);
    expect(validateHostMessage({ ...state, progress: { done: 1500, total: 1400 } })).toEqual({
      ok: false,
      error: expect.stringContaining('progress.done should be within 0 … total'),
    });
    expect(validateHostMessage({ ...state, progress: { done: -1, total: 1 } }).ok).toBe(false);
    expect(validateHostMessage({ ...state, progress: 'half' }).ok).toBe(false);
  });

  it('accepts Cancel for a known range only', () => {
    expect(validateWebviewMessage({ type: 'cancelHistory', range: '3M' }).ok).toBe(true);
    expect(validateWebviewMessage({ type: 'cancelHistory', range: '5Y' }).ok).toBe(false);
  });
});
