// The panel's host side against a small `vscode` stand-in (webview panels, save dialog, file system):
// message validation and routing, what is posted when, the exports, revival and the singleton.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StateHolder } from '../../../src/core/glance/state';
import { ma7BandFactors } from '../../../src/core/history/bands';
import { HISTORY_PATHS } from '../../../src/core/history/fetchHistory';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import type { HostMessage } from '../../../src/shared/protocol';
import { makeSnapshot, NOW_MS } from '../helpers/snapshot';
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
  /** The user settings below `miningEconomics.`, what was written, and workspace values that override them. */
  const config = {
    values: {} as Record<string, unknown>,
    workspace: {} as Record<string, unknown>,
    updates: [] as { key: string; value: unknown; target: unknown }[],
  };
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
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
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
      getConfiguration: (section: string) => ({
        get: (key: string) => (section === 'miningEconomics' ? (config.workspace[key] ?? config.values[key]) : undefined),
        update: async (key: string, value: unknown, target: unknown) => {
          config.updates.push({ key, value, target });
          config.values[key] = value;
        },
        inspect: (key: string) => ({ key, globalValue: config.values[key], workspaceValue: config.workspace[key] }),
      }),
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
  return { vscode, panels, files, dialog, uri, emitter, makePanel, config };
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
    currentSettings: DEFAULT_SETTINGS as Settings,
    sourceHost: 'example.test',
  };
  const configChange = h.emitter();
  const deps = {
    context: { extensionUri: h.uri('/ext'), globalStorageUri: h.uri('/storage') },
    log,
    data,
    config: { onDidChange: configChange.event },
  } as never;
  /** Settings changed (as ConfigService reports it, after DataService took them). */
  const changeSettings = (current: Settings): void => {
    const previous = data.currentSettings;
    data.currentSettings = current;
    configChange.fire({ previous, current });
  };
  return { showPanel: () => showPanel(deps), revivePanel: (panel: unknown, s: unknown) => revivePanel(panel as never, s, deps), log, data, state, requests, changeSettings };
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
    h.config.values = {};
    h.config.workspace = {};
    h.config.updates = [];
    // The hand-made snapshot is 2 min old at NOW_MS: freshness is judged against this clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_MS);
  });

  afterEach(() => {
    vi.useRealTimers();
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
    // The P&L script is named on the charts' tag (inserted later with the same nonce); its stylesheet linked.
    expect(html).toContain('data-pnl-script="https://resource.test/ext/dist/webview-pnl.js"');
    expect(html).toContain('<link rel="stylesheet" href="https://resource.test/ext/dist/webview-pnl.css">');
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

  it("sends the confidence level: the 7-day band's multipliers in the status and the figures' intervals, again when it changes", async () => {
    const t = await setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = h.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    const status = await until(() => posted('status')[0], 'status');
    expect(status.type === 'status' && status.status.ma7Band).toEqual(ma7BandFactors(0.95));
    const figures = await until(() => posted('figures').find((m) => m.type === 'figures' && m.figures !== null), 'figures');
    expect(figures.type === 'figures' && figures.figures?.confidenceLevel).toBe(0.95);
    t.changeSettings({ ...t.data.currentSettings, confidenceLevel: 0.9 });
    await until(() => posted('status').find((m) => m.type === 'status' && m.status.ma7Band.level === 0.9), 'a status at 90 %');
    const again = await until(() => posted('figures').find((m) => m.type === 'figures' && m.figures?.confidenceLevel === 0.9), 'figures at 90 %');
    // 987.6 EH/s over 1008 blocks at 90 %: × gamma.ppf(0.05, 1008) / 1008 = 0.948762 (scipy).
    expect(again.type === 'figures' && again.figures!.hashrateLowHps! / 987.6e18).toBeCloseTo(0.9487621, 6);
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
    expect(csv[0]).toMatch(/^date_utc,hashrate_daily_ehs,.*,hashrate_ma7_low_ehs,hashrate_ma7_high_ehs$/);
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

  it('answers pnl/ready with the P&L state, and recomputes it when the data or the P&L settings change', async () => {
    const t = await setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = h.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    await until(() => posted('history')[0], 'history');
    expect(posted('pnl/state')).toEqual([]);
    panel.send({ type: 'pnl/ready', protocol: 1 });
    const first = await until(() => posted('pnl/state')[0], 'pnl/state');
    const state = first.type === 'pnl/state' ? first.state : null;
    // The snapshot: reward 3.15 BTC at D = 1.38e14 and $95,000 → H = 3.15 × 86,400e15 / (1.38e14 × 2³²) × 95,000.
    const H = ((3.15 * 86_400e15) / (1.38e14 * 2 ** 32)) * 95_000;
    expect(state?.market?.hashpricePerPhDay).toBeCloseTo(H, 9);
    expect(state?.profit?.perPhDay.powerCost).toBeCloseTo(24, 12);
    expect(state?.profit?.perPhDay.margin).toBeCloseTo(0.98 * H - 24, 9);
    expect(state?.hosting?.hostingNetPerMwYear).toBeCloseTo(1_200_000, 6);
    // The daily history of the shown range (two days here): a 1-day move; the water line over it.
    expect(state?.moves.map((m) => m.days)).toEqual([1]);
    expect(state?.water).toMatchObject({ range: '1Y', days: 2, belowBreakeven: 0 });
    expect(state?.overlay?.label).toBe('Your breakeven $24.49/PH/day');

    // Settings changed anywhere: the state follows ($0.10/kWh → $48.00/PH/day).
    t.changeSettings({ ...DEFAULT_SETTINGS, pnl: { ...DEFAULT_SETTINGS.pnl, powerPricePerKwh: 0.1 } });
    const second = await until(() => posted('pnl/state')[1], 'the second pnl/state');
    expect(second.type === 'pnl/state' && second.state.profit?.perPhDay.powerCost).toBeCloseTo(48, 12);
    expect(second.type === 'pnl/state' && second.state.overlay?.label).toBe('Your breakeven $48.98/PH/day');
    // A new snapshot too.
    t.state.succeeded(makeSnapshot({ prices: { timeS: 1_795_599_000, perBtc: { USD: 100_000 } } }));
    const third = await until(() => posted('pnl/state')[2], 'the third pnl/state');
    expect(third.type === 'pnl/state' && third.state.market?.btcPrice).toBe(100_000);
    // A reloaded page: nothing for the P&L until its script says it is ready again.
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    t.state.succeeded(makeSnapshot());
    await new Promise((r) => setTimeout(r, 20));
    expect(posted('pnl/state')).toHaveLength(3);
  });

  it('pnl/update: checks the value again and writes the user setting; says when a workspace value wins', async () => {
    const t = await setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = h.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    panel.send({ type: 'pnl/ready', protocol: 1 });
    panel.send({ type: 'pnl/update', field: 'powerPricePerKwh', value: 0.08 });
    const saved = await until(() => posted('pnl/updateResult')[0], 'updateResult');
    expect(saved).toEqual({ type: 'pnl/updateResult', field: 'powerPricePerKwh', ok: true, message: null });
    expect(h.config.updates).toEqual([{ key: 'pnl.powerPricePerKwh', value: 0.08, target: 1 }]);
    expect(t.log.info).toHaveBeenCalledWith('Panel: saved miningEconomics.pnl.powerPricePerKwh = 0.08 to the user settings.');

    h.config.workspace['hosting.pue'] = 1.5;
    panel.send({ type: 'pnl/update', field: 'pue', value: 1.2 });
    const overridden = await until(() => posted('pnl/updateResult')[1], 'second updateResult');
    expect(overridden).toEqual({
      type: 'pnl/updateResult',
      field: 'pue',
      ok: true,
      message: 'Saved to your user settings, but this workspace sets miningEconomics.hosting.pue to 1.5, which takes precedence.',
    });

    // Well-formed but out of range (a page that skipped its own check): refused, nothing written.
    panel.send({ type: 'pnl/update', field: 'efficiencyJPerTh', value: 500 });
    const refused = await until(() => posted('pnl/updateResult')[2], 'third updateResult');
    expect(refused).toEqual({ type: 'pnl/updateResult', field: 'efficiencyJPerTh', ok: false, message: 'Miner efficiency must be between 5 and 200 J/TH; got 500 J/TH.' });
    expect(h.config.updates).toHaveLength(2);
    expect(t.log.warn).toHaveBeenCalledWith('Panel: refused to save miningEconomics.pnl.efficiencyJPerTh: Miner efficiency must be between 5 and 200 J/TH; got 500 J/TH.');

    // The fleet: the size in the unit the settings hold.
    h.config.values['pnl.fleetUnit'] = 'MW';
    panel.send({ type: 'pnl/update', field: 'fleetSize', value: 12.5 });
    await until(() => posted('pnl/updateResult')[3], 'fourth updateResult');
    expect(h.config.updates[2]).toEqual({ key: 'pnl.fleetSize', value: 12.5, target: 1 });
    // Not a P&L field at all: the protocol refuses it before anything else.
    panel.send({ type: 'pnl/update', field: 'mempoolUrl', value: 'https://evil.test' });
    expect(h.config.updates).toHaveLength(3);
  });

  it('shows invalid P&L settings at their field and the fleet unit even without a fleet size', async () => {
    h.config.values['pnl.poolFeePercent'] = 40;
    h.config.values['pnl.fleetUnit'] = 'MW';
    const t = await setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = h.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    panel.send({ type: 'pnl/ready', protocol: 1 });
    const m = await until(() => posted('pnl/state')[0], 'pnl/state');
    expect(m.type === 'pnl/state' && m.state.settingProblems).toEqual([
      { field: 'poolFeePercent', message: 'Your setting miningEconomics.pnl.poolFeePercent Pool fee must be between 0 and 10 %; got 40 %. Using the default, 2 %.' },
    ]);
    expect(m.type === 'pnl/state' && m.state.inputs.fleetUnit).toBe('MW');
  });
});
