// The glance state's listeners: one that throws does not stop the others, and is reported (not swallowed).
import { describe, expect, it } from 'vitest';
import { StateHolder, type GlanceState } from '../../src/core/glance/state';
import { makeSnapshot } from './helpers/snapshot';

describe('StateHolder', () => {
  it('reports a listener that throws, and still updates the others', () => {
    const errors: string[] = [];
    const holder = new StateHolder((message) => errors.push(message));
    const seen: GlanceState[] = [];
    holder.subscribe(() => {
      throw new Error('view bug');
    });
    holder.subscribe((state) => seen.push(state));
    holder.succeeded(makeSnapshot());
    expect(seen.map((s) => s.origin)).toEqual(['live']);
    expect(errors).toEqual(['A view failed to show the new state: view bug']);
  });
});
