// The snapshot an earlier session cached: restored in the constructor (activation's first paint shows it), its
// log line written once activation has returned, and a stored time a Date cannot hold reported, never thrown.
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
  it('restores it at once, as cached, and logs its time after the constructor has returned', async () => {
    // 2026-11-30T12:00:00.000Z
    const snapshot = makeSnapshot({ sourceHost: 'mempool.space', fetchedAtMs: 1_796_040_000_000 });
    const { data, lines } = construct(snapshot);
    expect(data.state.current).toMatchObject({ snapshot, origin: 'cache', error: null });
    expect(lines).toEqual([]);
    await Promise.resolve();
    expect(lines).toEqual(['info Showing the cached snapshot from 2026-11-30T12:00:00.000Z until the first refresh.']);
    data.dispose();
  });

  it('a stored time beyond what a Date holds is logged as invalid, not thrown', async () => {
    const snapshot = makeSnapshot({ sourceHost: 'mempool.space', fetchedAtMs: 9e15 });
    const { data, lines } = construct(snapshot);
    await Promise.resolve();
    expect(lines).toEqual([
      'info Showing the cached snapshot from an invalid time (9000000000000000) until the first refresh.',
    ]);
    data.dispose();
  });

  it('without one, nothing is restored or logged', async () => {
    const { data, lines } = construct(null);
    expect(data.state.current).toMatchObject({ snapshot: null, origin: 'none' });
    await Promise.resolve();
    expect(lines).toEqual([]);
    data.dispose();
  });
});
