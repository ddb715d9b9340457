import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/core/errors';

describe('describeError', () => {
  it('uses the message of an Error and the String of anything else', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('plain')).toBe('plain');
    expect(describeError(42)).toBe('42');
    expect(describeError(undefined)).toBe('undefined');
  });
  it('adds a cause that says more', () => {
    const error = new Error('fetch failed', { cause: new Error('ECONNREFUSED 127.0.0.1:9') });
    expect(describeError(error)).toBe('fetch failed (ECONNREFUSED 127.0.0.1:9)');
  });
  it('bounds the length of hostile text', () => {
    const text = describeError(new Error('x'.repeat(10_000)));
    expect(text.length).toBe(300);
    expect(text.endsWith('…')).toBe(true);
  });
  it('never throws, even for objects whose toString throws', () => {
    const hostile = {
      toString: () => {
        throw new Error('no');
      },
    };
    expect(describeError(hostile)).toBe('unprintable error');
  });
});
