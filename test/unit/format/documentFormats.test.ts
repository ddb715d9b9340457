import { describe, expect, it } from 'vitest';
import { formatSignedNumber, isoDateTime } from '../../../src/core/format';

describe('formats for documents', () => {
  it('writes instants in UTC to the second', () => {
    // 1,795,600,000 s = 20,782 days + 35,200 s after 1970-01-01 → 2026-11-25 09:46:40 UTC.
    expect(isoDateTime(1_795_600_000_000)).toBe('2026-11-25T09:46:40Z');
    expect(isoDateTime(1_795_600_000_999)).toBe('2026-11-25T09:46:40Z');
    expect(isoDateTime(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoDateTime(Number.NaN)).toBe('—');
    expect(isoDateTime(9e15)).toBe('—');
  });
  it('signs numbers with a true minus and grouping, zero unsigned', () => {
    expect(formatSignedNumber(18.7499, 2)).toBe('+18.75');
    expect(formatSignedNumber(-1234.5, 1)).toBe('\u22121,234.5');
    expect(formatSignedNumber(-0.004, 2)).toBe('0.00');
    expect(formatSignedNumber(Number.NaN, 2)).toBe('—');
  });
});
