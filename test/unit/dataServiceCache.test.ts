// The snapshot an earlier session cached: nothing read in the constructor (activate() builds the service), restored
// by showCached() (the first paint, on the next turn), its log line written after that paint, and a stored time a
// Date cannot hold reported, never thrown.
import { describe, expect, it } from 'vitest';
import type { NetworkSnapshot } from '../../src/core/model';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { DataService } from '../../src/vscode/dataService';
import { makeSnapshot } from './helpers/snapshot';

function construct(cached: NetworkSnapshot | null) {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  const data = new DataService({
    config: { settings: DEFAULT_SETTINGS, proxy: () => ({ proxyUrl: '', strictSsl: true, noProxy: [] }) } as never,
    store: { load: (host: string) => (host === 'mempool.space' ? cached : null), save: async () => undefined } as never,
    log: { info: log('info'), warn: log('warn'), error: log('error'), debug() {}, trace() {} } as never,
    userAgent: 'test',
    sharedDir: null,
    ownerId: 'a',
  });
  return { data, lines };
}

describe('DataService and the cached snapshot', () => {
  it('restores it on showCached(), as cached, once, and logs its time after that call has returned', async () => {
    // 2026-11-30T12:00:00.000Z
    const snapshot = makeSnapshot({ sourceHost: 'mempool.space', fetchedAtMs: 1_796_040_000_000 });
    const { data, lines } = construct(snapshot);
    expect(data.state.current).toMatchObject({ snapshot: null, origin: 'none' });
    const seen: string[] = [];
    data.state.subscribe((state) => seen.push(state.origin));
    expect(data.showCached()).toBe(true);
    expect(data.showCached()).toBe(false);
    expect(data.state.current).toMatchObject({ snapshot, origin: 'cache', error: null });
    expect(seen).toEqual(['cache']);
    expect(lines).toEqual([]);
    await Promise.resolve();
    expect(lines).toEqual(['info Showing the cached snapshot from 2026-11-30T12:00:00.000Z until the first refresh.']);
    data.dispose();
  });

  it('a stored time beyond what a Date holds is logged as invalid, not thrown', async () => {
    const snapshot = makeSnapshot({ sourceHost: 'mempool.space', fetchedAtMs: 9e15 });
    const { data, lines } = construct(snapshot);
    expect(data.showCached()).toBe(true);
    await Promise.resolve();
    expect(lines).toEqual([
      'info Showing the cached snapshot from an invalid time (9000000000000000) until the first refresh.',
    ]);
    data.dispose();
  });

  it('without one, nothing is restored or logged', async () => {
    const { data, lines } = construct(null);
    expect(data.showCached()).toBe(false);
    expect(data.state.current).toMatchObject({ snapshot: null, origin: 'none' });
    await Promise.resolve();
    expect(lines).toEqual([]);
    data.dispose();
  });
});
