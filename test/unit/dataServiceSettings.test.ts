// Settings changes and the connection: only the source, the proxy (http.*) and live push may touch it.
// A P&L edit or a status-bar tweak must not reconnect the websocket, drop the HTTP client (and its cache)
// or kill a refresh in flight. Against the replay server, over the real HTTP and websocket clients.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { SettingsChange } from '../../src/vscode/config';
import { DataService } from '../../src/vscode/dataService';
import { startReplayServer, type ReplayServer } from '../server/replayServer';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function running(): Promise<{
  server: ReplayServer;
  data: DataService;
  change: (edit: (s: Settings) => Settings) => void;
  proxy: { value: object };
}> {
  const server = await startReplayServer({ conversionsIntervalMs: 0 });
  closers.push(() => server.close());
  let settings: Settings = { ...DEFAULT_SETTINGS, mempoolUrl: server.url, livePush: true };
  const proxy = { value: { proxyUrl: '', strictSsl: true, noProxy: [] as string[] } };
  const config = {
    get settings() {
      return settings;
    },
    proxy: () => proxy.value,
  };
  const store = { load: () => null, save: async () => undefined };
  const log = { info() {}, warn() {}, error() {}, debug() {}, trace() {} };
  const data = new DataService({
    config: config as never,
    store: store as never,
    log: log as never,
    userAgent: 'test',
    sharedDir: null,
    ownerId: 'a',
  });
  closers.push(() => data.dispose());
  data.start();
  await waitFor(() => data.state.current.origin === 'live' && server.webSockets.length === 1);
  const change = (edit: (s: Settings) => Settings): void => {
    const previous = settings;
    settings = edit(settings);
    const event: SettingsChange = { previous, current: settings };
    data.applySettings(event);
  };
  return { server, data, change, proxy };
}

const upgrades = (server: ReplayServer) => server.requests.filter((r) => r.path.startsWith('/api/v1/ws')).length;

describe('DataService.applySettings', () => {
  it('keeps the connection, the HTTP client and an in-flight refresh through P&L and status-bar edits', async () => {
    const { server, data, change } = await running();
    const wsBefore = upgrades(server);
    const transport = data.transport();
    // A refresh that is still reading its first response when the settings change.
    server.setFault('trickle', { paths: '/api/blocks/tip/height', count: 1, trickleMs: 40 });
    const since = server.requests.length;
    const refresh = data.refreshNow();
    await server.waitForRequest((r) => r.path === '/api/blocks/tip/height', 10_000, { since });
    for (const power of [0.06, 0.07, 0.08]) change((s) => ({ ...s, pnl: { ...s.pnl, powerPricePerKwh: power } }));
    change((s) => ({ ...s, statusBar: { ...s.statusBar, alignment: 'left' } }));
    change((s) => ({ ...s, currency: 'EUR' }));
    const result = await refresh;
    expect(result).toEqual({ kind: 'ran', outcome: { ok: true } });
    expect(data.state.current.error).toBeNull();
    expect(data.transport()).toBe(transport);
    expect(upgrades(server)).toBe(wsBefore);
    expect(server.webSockets).toHaveLength(1);
  });

  it('rebuilds the connection when the proxy settings change, and only the websocket when live push is switched', async () => {
    const { server, data, change, proxy } = await running();
    const transport = data.transport();
    change((s) => ({ ...s, livePush: false }));
    await waitFor(() => server.webSockets.length === 0);
    expect(data.transport()).toBe(transport);
    const wsBefore = upgrades(server);
    change((s) => ({ ...s, livePush: true }));
    await waitFor(() => upgrades(server) === wsBefore + 1);
    proxy.value = { ...proxy.value, noProxy: ['127.0.0.1'] };
    change((s) => s);
    expect(data.transport()).not.toBe(transport);
    await waitFor(() => upgrades(server) === wsBefore + 2);
  });
});
