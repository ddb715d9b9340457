// The panel's host side against a small `vscode` stand-in (webview panels, save dialog, file system):
// message validation and routing, what is posted when, the exports, revival and the singleton.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StateHolder } from '../../../src/core/glance/state';
import { HISTORY_PATHS } from '../../../src/core/history/fetchHistory';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import type { HostMessage } from '../../../src/shared/protocol';
import { makeSnapshot } from '../helpers/snapshot';
import { ADJUSTMENTS_ALL, FEES_1Y, HASHRATE_1Y, REWARDS_1Y, fakeTransport } from '../history/fixtures';

const h = vi.hoisted(() => {
  type Listener = (e: unknown) => void;
  const emitter = () => {
    const listeners = new Set<Listener>();
    return {
      event: (l: Listener) => {
        listeners.add(l);
        return { dispose: () => listeners.delete(l) };
      },
      fire: (e?: unknown) => [...listeners].forEach((l) => l(e)),
    };
  };
  const uri = (path: string) => ({ path, fsPath: path, toString: () => `file://${path}` });
  const files = new Map<string, Uint8Array>();
  const dialog: { answer: ReturnType<typeof uri> | undefined; options: unknown } = { answer: undefined, options: undefined };
  const panels: ReturnType<typeof makePanel>[] = [];
  function makePanel(viewType: string) {
    const received = emitter();
    const disposed = emitter();
    const viewState = emitter();
    const panel = {
      viewType,
      visible: true,
      iconPath: undefined as unknown,
      revealed: 0,
      disposed: false,
      posted: [] as HostMessage[],
      webview: {
        options: {} as unknown,
        html: '',
        cspSource: 'https://resource.test',
        asWebviewUri: (u: { path: string }) => ({ toString: () => `https://resource.test${u.path}` }),
        postMessage: async (m: unknown) => {
          panel.posted.push(JSON.parse(JSON.stringify(m)) as HostMessage);
          return true;
        },
        onDidReceiveMessage: received.event,
      },
      onDidDispose: disposed.event,
      onDidChangeViewState: viewState.event,
      reveal: () => void panel.revealed++,
      dispose: () => {
        if (panel.disposed) return;
        panel.disposed = true;
        disposed.fire();
      },
      /** The webview says something. */
      send: (m: unknown) => received.fire(m),
      hide: () => {
        panel.visible = false;
        viewState.fire();
      },
    };
    return panel;
  }
  const vscode = {
    ViewColumn: { Active: -1 },
    Uri: { joinPath: (base: { path: string }, ...parts: string[]) => uri([base.path, ...parts].join('/')), file: uri },
    window: {
      createWebviewPanel: (viewType: string) => {
        const p = makePanel(viewType);
        panels.push(p);
        return p;
      },
      showSaveDialog: async (options: unknown) => {
        dialog.options = options;
        return dialog.answer;
      },
    },
    workspace: {
      workspaceFolders: [{ uri: uri('/work') }],
      fs: {
        readFile: async (u: { path: string }) => {
          const bytes = files.get(u.path);
          if (!bytes) throw new Error('ENOENT');
          return bytes;
        },
        writeFile: async (u: { path: string }, bytes: Uint8Array) => void files.set(u.path, bytes),
        createDirectory: async () => undefined,
      },
    },
  };
  return { vscode, panels, files, dialog, uri, emitter, makePanel };
});
vi.mock('vscode', () => h.vscode);

const BODIES: Record<string, unknown> = {
  [HISTORY_PATHS.adjustments]: ADJUSTMENTS_ALL,
  ...Object.fromEntries(
    (['1Y', '3M'] as const).flatMap((r) => [
      [HISTORY_PATHS.hashrate(r), HASHRATE_1Y],
      [HISTORY_PATHS.rewards(r), REWARDS_1Y],
      [HISTORY_PATHS.fees(r), FEES_1Y],
    ]),
  ),
};

async function setup() {
  vi.resetModules(); // a fresh module: the history cache is per window
  h.panels.length = 0;
  h.files.clear();
  const { showPanel, revivePanel } = await import('../../../src/vscode/panel/index');
  const requests: string[] = [];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
  const state = new StateHolder();
  const data = {
    state,
    transport: () => fakeTransport(BODIES, requests),
    refreshNow: vi.fn(async () => ({ kind: 'ran' })),
    currentSettings: DEFAULT_SETTINGS,
    sourceHost: 'example.test',
  };
  const configChange = h.emitter();
  const deps = {
    context: { extensionUri: h.uri('/ext'), globalStorageUri: h.uri('/storage') },
    log,
    data,
    config: { onDidChange: configChange.event },
  } as never;
  return { showPanel: () => showPanel(deps), revivePanel: (panel: unknown, s: unknown) => revivePanel(panel as never, s, deps), log, data, state, requests };
}

async function until<T>(get: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const posted = (type: HostMessage['type']) => h.panels[0]!.posted.filter((m) => m.type === type);

describe('MiningPanel', () => {
  beforeEach(() => {
    h.dialog.answer = undefined;
  });

  it('is a singleton with a strict-CSP page that loads only our bundle', async () => {
    const t = await setup();
    t.showPanel();
    t.showPanel();
    expect(h.panels).toHaveLength(1);
    const panel = h.panels[0]!;
    expect(panel.viewType).toBe('miningEconomics.panel');
    expect(panel.revealed).toBe(1);
    const html = panel.webview.html;
    expect(html).toMatch(/content="default-src 'none'; img-src https:\/\/resource\.test data:; style-src https:\/\/resource\.test; script-src 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(html).toContain('src="https://resource.test/ext/dist/webview.js"');
    const options = panel.webview.options as { enableScripts: boolean; localResourceRoots: { path: string }[] };
    expect(options.enableScripts).toBe(true);
    expect(options.localResourceRoots.map((u) => u.path)).toEqual(['/ext/dist', '/ext/media']);
    panel.dispose();
    t.showPanel();
    expect(h.panels).toHaveLength(2);
  });

  it('waits for ready, then posts status, figures and the history of the range the page asks for', async () => {
    const t = await setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = h.panels[0]!;
    await until(() => (t.requests.length >= 4 ? true : undefined), 'the 1Y prefetch');
    expect(panel.posted).toEqual([]);
    panel.send({ type: 'ready', protocol: 1, range: '3M' });
    const history = await until(() => posted('history').find((m) => m.type === 'history' && m.dataset.range === '3M'), '3M history');
    expect(history.type === 'history' && history.dataset.days.timeS).toEqual([1_795_392_000, 1_795_478_400]);
    expect(posted('status')[0]).toMatchObject({ status: { sourceHost: 'mempool.space', currency: 'USD', origin: 'live', stale: false } });
    const figures = await until(() => posted('figures').find((m) => m.type === 'figures' && m.figures !== null), 'figures');
    expect(figures.type === 'figures' && figures.figures?.hashrateHps).toBe(987.6e18);
    expect(t.requests).toContain('/api/v1/mining/hashrate/3m');
  });

  it('ignores and logs a message that fails validation', async () => {
    const t = await setup();
    t.showPanel();
    const panel = h.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    await until(() => posted('history')[0], 'history');
    const before = panel.posted.length;
    panel.send({ type: 'savePng', requestId: 'x', fileName: '../../etc/passwd.png', dataUrl: 'data:image/png;base64,AAAA' });
    panel.send({ type: 'runCommand', command: 'workbench.action.quit' });
    panel.send('ready');
    expect(t.log.warn).toHaveBeenCalledTimes(3);
    expect(t.log.warn.mock.calls[0]![0]).toMatch(/ignored a message from the webview: webview message 'savePng': fileName is not a plain \.png file name/);
    expect(t.log.warn.mock.calls[1]![0]).toMatch(/unknown webview message type "runCommand"/);
    expect(panel.posted.length).toBe(before);
  });

  it('serves range switches and refreshes, and stops posting while the page is hidden', async () => {
    const t = await setup();
    t.showPanel();
    const panel = h.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    await until(() => posted('history')[0], 'history');
    panel.send({ type: 'selectRange', range: '3M' });
    await until(() => posted('history').find((m) => m.type === 'history' && m.dataset.range === '3M'), '3M');
    panel.send({ type: 'refresh' });
    expect(t.data.refreshNow).toHaveBeenCalledTimes(1);
    panel.hide();
    const count = panel.posted.length;
    t.state.refreshStarted();
    expect(panel.posted.length).toBe(count);
  });

  it('exports the visible window of the posted dataset as CSV through the save dialog', async () => {
    const t = await setup();
    t.showPanel();
    const panel = h.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    await until(() => posted('history')[0], 'history');
    h.dialog.answer = h.uri('/work/out.csv');
    panel.send({ type: 'exportCsv', requestId: 'export-1', range: '1Y', fromS: 1_795_478_400, toS: 1_795_478_400 });
    const result = await until(() => posted('saveResult')[0], 'saveResult');
    expect(result).toEqual({ type: 'saveResult', requestId: 'export-1', ok: true, message: 'Saved out.csv.' });
    expect((h.dialog.options as { defaultUri: { path: string } }).defaultUri.path).toBe('/work/mining-economics-2026-11-24-to-2026-11-24.csv');
    const csv = Buffer.from(h.files.get('/work/out.csv')!).toString('utf8').split('\r\n');
    expect(csv[0]).toMatch(/^date_utc,hashrate_daily_ehs,/);
    expect(csv[1]).toMatch(/^2026-11-24,990,/);
    expect(csv).toHaveLength(3);
  });

  it('writes a PNG only if it is one, and reports a cancelled dialog', async () => {
    const t = await setup();
    t.showPanel();
    const panel = h.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    h.dialog.answer = h.uri('/work/chart.png');
    panel.send({ type: 'savePng', requestId: 'a', fileName: 'chart.png', dataUrl: `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}` });
    panel.send({ type: 'savePng', requestId: 'b', fileName: 'chart.png', dataUrl: `data:image/png;base64,${png.toString('base64')}` });
    const results = await until(() => (posted('saveResult').length >= 2 ? posted('saveResult') : undefined), 'two results');
    expect(results).toContainEqual({ type: 'saveResult', requestId: 'a', ok: false, message: 'Export failed: the image is not a PNG' });
    expect(results).toContainEqual({ type: 'saveResult', requestId: 'b', ok: true, message: 'Saved chart.png.' });
    expect([...h.files.get('/work/chart.png')!]).toEqual([...png]);
    h.dialog.answer = undefined;
    panel.send({ type: 'savePng', requestId: 'c', fileName: 'chart.png', dataUrl: `data:image/png;base64,${png.toString('base64')}` });
    expect(await until(() => posted('saveResult')[2], 'cancel')).toEqual({ type: 'saveResult', requestId: 'c', ok: false, message: 'Export cancelled.' });
    expect(t.log.error).toHaveBeenCalledWith('Panel: Export failed: the image is not a PNG');
  });

  it('revives with the restored range, prefetched, and draws from the disk cache before the network answers', async () => {
    const t = await setup();
    const first = h.makePanel('miningEconomics.panel');
    await t.revivePanel(first, { v: 1, range: '3M' });
    await until(() => (t.requests.includes('/api/v1/mining/hashrate/3m') ? true : undefined), 'the 3M prefetch');
    // The loaded dataset was written to global storage for the next window.
    await until(() => [...h.files.keys()].find((k) => k === '/storage/history-example.test-USD-3M.json'), 'the disk cache');
    // A new window: a fresh module (empty memory cache), the same disk.
    const files = new Map(h.files);
    const t2 = await setup();
    for (const [k, v] of files) h.files.set(k, v);
    const second = h.makePanel('miningEconomics.panel');
    await t2.revivePanel(second, { range: '3M' });
    second.send({ type: 'ready', protocol: 1, range: '3M' });
    const history = await until(() => second.posted.find((m) => m.type === 'history'), 'history');
    expect(history.type === 'history' && history.dataset.range).toBe('3M');
    const icon = second.iconPath as { light: { path: string }; dark: { path: string } };
    expect([icon.light.path, icon.dark.path]).toEqual(['/ext/media/panel-light.svg', '/ext/media/panel-dark.svg']);
  });
});
