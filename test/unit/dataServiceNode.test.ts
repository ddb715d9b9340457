// Switching the glance source at runtime: mempool → the node (no reload, the websocket closes, the node's
// snapshot replaces mempool's) → back; a user without a stored password is told which command sets it.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { SettingsChange } from '../../src/vscode/config';
import { DataService } from '../../src/vscode/dataService';
import { startBitcoindServer } from '../server/bitcoind/server';
import { startReplayServer } from '../server/replayServer';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('DataService with a node source', () => {
  it('switches mempool → bitcoind → mempool at runtime', async () => {
    const replay = await startReplayServer({ conversionsIntervalMs: 0 });
    closers.push(() => replay.close());
    const node = await startBitcoindServer({});
    closers.push(() => node.close());
    let settings: Settings = { ...DEFAULT_SETTINGS, mempoolUrl: replay.url, livePush: true };
    const config = {
      get settings() {
        return settings;
      },
      proxy: () => ({ proxyUrl: '', strictSsl: true, noProxy: [] }),
    };
    const log = { info() {}, warn() {}, error() {}, debug() {}, trace() {} };
    const data = new DataService({
      config: config as never,
      store: { load: () => null, save: async () => undefined } as never,
      log: log as never,
      userAgent: 'test',
      sharedDir: null,
      ownerId: 'a',
    });
    closers.push(() => data.dispose());
    const change = (edit: (s: Settings) => Settings): void => {
      const previous = settings;
      settings = edit(settings);
      data.applySettings({ previous, current: settings } satisfies SettingsChange);
    };
    data.start();
    const mempoolHost = replay.url.replace('http://', '');
    await waitFor(() => data.state.current.snapshot?.sourceHost === mempoolHost && replay.webSockets.length === 1);

    change((s) => ({
      ...s,
      source: 'bitcoind',
      bitcoind: { url: node.url, cookieFile: node.cookiePath!, user: '', urlSet: true },
      priceSource: 'manual',
      manualBtcPrice: 50_000,
    }));
    const nodeHost = `bitcoind@${node.url.replace('http://', '')}`;
    expect(data.sourceHost).toBe(nodeHost);
    await waitFor(() => data.state.current.snapshot?.sourceHost === nodeHost);
    const snap = data.state.current.snapshot!;
    expect(snap.tipHeight).toBe(node.node.tipHeight);
    expect(snap.prices.perBtc).toEqual({ USD: 50_000 });
    expect(snap.priceSource).toBe('manual');
    // No push with a node: the websocket to mempool is gone.
    await waitFor(() => replay.webSockets.length === 0);

    change((s) => ({ ...s, source: 'mempool', priceSource: 'mempool' }));
    await waitFor(
      () => data.state.current.snapshot?.sourceHost === mempoolHost && data.state.current.origin === 'live',
    );
  });

  it('a user without a stored password: the error names the command', async () => {
    const node = await startBitcoindServer({ users: [{ user: 'alice', password: 'pw-1234' }] });
    closers.push(() => node.close());
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      source: 'bitcoind',
      bitcoind: { url: node.url, cookieFile: '', user: 'alice', urlSet: true },
      priceSource: 'none',
    };
    const config = { settings, proxy: () => ({ proxyUrl: '', strictSsl: true, noProxy: [] }) };
    const log = { info() {}, warn() {}, error() {}, debug() {}, trace() {} };
    let password: string | undefined;
    const data = new DataService({
      config: config as never,
      store: { load: () => null, save: async () => undefined } as never,
      log: log as never,
      userAgent: 'test',
      sharedDir: null,
      ownerId: 'b',
      nodePassword: () => Promise.resolve(password),
    });
    closers.push(() => data.dispose());
    data.start();
    await waitFor(() => data.state.current.error !== null);
    expect(data.state.current.error!.message).toMatch(/Set Node RPC Password/);
    password = 'pw-1234';
    data.nodeCredentialsChanged();
    await waitFor(() => data.state.current.snapshot !== null);
    expect(data.state.current.snapshot!.prices.perBtc).toEqual({});
    expect(node.requests.some((r) => r.user === 'alice')).toBe(true);
  });
});
