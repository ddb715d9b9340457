// The panel's host side against the `vscode` stand-in (webview panels, save dialog, file system, settings):
// message validation and routing, what is posted when, the exports, revival and the singleton.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StateHolder } from '../../../src/core/glance/state';
import { ma7BandFactors } from '../../../src/core/history/bands';
import { HISTORY_PATHS } from '../../../src/core/history/fetchHistory';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import { MAX_SHOWN_TEXT_CHARS } from '../../../src/core/errors';
import { validateHostMessage, type HostMessage } from '../../../src/shared/protocol';
import { ConfigService } from '../../../src/vscode/config';
import { createPanelManager } from '../../../src/vscode/panel/index';
import type { PanelHost } from '../../../src/vscode/panel/panelHost';
import { PanelFeature } from '../../../src/vscode/panel/registration';
import { stub } from '../../support/vscodeModule';
import { makePanel, resetRecord, stubUri, type StubPanel } from '../../support/vscodeStub';
import { makeSnapshot, NOW_MS } from '../helpers/snapshot';
import { ADJUSTMENTS_ALL, FEES_1Y, HASHRATE_1Y, REWARDS_1Y, fakeTransport } from '../history/fixtures';

const record = stub.record;

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

const windows: { dispose(): void }[] = [];

/** A window: the panel feature as the composition root builds it, over a host double (state, settings, transport). */
function setup() {
  const requests: string[] = [];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn(), trace: vi.fn() };
  const state = new StateHolder();
  const settingsChange = new (stub.vscode.EventEmitter as typeof import('vscode').EventEmitter)<{
    previous: Settings;
    current: Settings;
  }>();
  const host = {
    state,
    transport: () => fakeTransport(BODIES, requests),
    refreshNow: vi.fn(async () => ({ kind: 'ran' })),
    settings: DEFAULT_SETTINGS as Settings,
    sourceHost: 'example.test',
    onDidChangeSettings: settingsChange.event,
  } satisfies PanelHost;
  const config = new ConfigService(log as never);
  const deps = {
    extensionUri: stubUri('/ext'),
    globalStorageUri: stubUri('/storage'),
    log: log as never,
    host,
    settingsInfo: config,
  };
  // The lazy bundle is this source module in tests.
  const feature = new PanelFeature(deps as never, () => ({ createPanelManager }));
  windows.push(feature, config);
  /** Settings changed (as DataService reports it, after applying them). */
  const changeSettings = (current: Settings): void => {
    const previous = host.settings;
    host.settings = current;
    settingsChange.fire({ previous, current });
  };
  const revivePanel = (panel: StubPanel, s: unknown) =>
    record.serializerOf.get('miningEconomics.panel')!.deserializeWebviewPanel(panel, s);
  return { showPanel: () => feature.show(), revivePanel, feature, log, data: host, state, requests, changeSettings };
}

async function until<T>(get: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const posted = (type: HostMessage['type']) =>
  (record.panels[0]!.posted as HostMessage[]).filter((m) => m.type === type);

describe('MiningPanel', () => {
  beforeEach(() => {
    resetRecord(record);
    // The hand-made snapshot is 2 min old at NOW_MS: freshness is judged against this clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_MS);
  });

  afterEach(() => {
    for (const w of windows.splice(0)) w.dispose();
    vi.useRealTimers();
  });

  it('is a singleton with a strict-CSP page that loads only our bundle', async () => {
    const t = setup();
    t.showPanel();
    t.showPanel();
    expect(record.panels).toHaveLength(1);
    const panel = record.panels[0]!;
    expect(panel.viewType).toBe('miningEconomics.panel');
    expect(panel.revealed).toBe(1);
    const html = panel.webview.html;
    expect(html).toMatch(
      /content="default-src 'none'; img-src https:\/\/resource\.test data:; style-src https:\/\/resource\.test; script-src 'nonce-[A-Za-z0-9+/=]{24}'/,
    );
    expect(html).toContain('src="https://resource.test/ext/dist/webview.js"');
    // The P&L script is named on the charts' tag (inserted later with the same nonce); its stylesheet linked.
    expect(html).toContain('data-pnl-script="https://resource.test/ext/dist/webview-pnl.js"');
    expect(html).toContain('<link rel="stylesheet" href="https://resource.test/ext/dist/webview-pnl.css">');
    expect(html).toContain('data-extras-script="https://resource.test/ext/dist/webview-extras.js"');
    expect(html).toContain('<link rel="stylesheet" href="https://resource.test/ext/dist/webview-extras.css">');
    const options = panel.webview.options as { enableScripts: boolean; localResourceRoots: { path: string }[] };
    expect(options.enableScripts).toBe(true);
    expect(options.localResourceRoots.map((u) => u.path)).toEqual(['/ext/dist', '/ext/media']);
    panel.dispose();
    t.showPanel();
    expect(record.panels).toHaveLength(2);
  });

  it('waits for ready, then posts status, figures and the history of the range the page asks for', async () => {
    const t = setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = record.panels[0]!;
    await until(() => (t.requests.length >= 4 ? true : undefined), 'the 1Y prefetch');
    expect(panel.posted).toEqual([]);
    panel.send({ type: 'ready', protocol: 1, range: '3M' });
    const history = await until(
      () => posted('history').find((m) => m.type === 'history' && m.dataset.range === '3M'),
      '3M history',
    );
    expect(history.type === 'history' && history.dataset.days.timeS).toEqual([1_795_392_000, 1_795_478_400]);
    expect(posted('status')[0]).toMatchObject({
      status: { sourceHost: 'mempool.space', currency: 'USD', origin: 'live', stale: false },
    });
    const figures = await until(
      () => posted('figures').find((m) => m.type === 'figures' && m.figures !== null),
      'figures',
    );
    expect(figures.type === 'figures' && figures.figures?.hashrateHps).toBe(987.6e18);
    expect(t.requests).toContain('/api/v1/mining/hashrate/3m');
  });

  it("sends the confidence level: the 7-day band's multipliers in the status and the figures' intervals, again when it changes", async () => {
    const t = setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = record.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    const status = await until(() => posted('status')[0], 'status');
    expect(status.type === 'status' && status.status.ma7Band).toEqual(ma7BandFactors(0.95));
    const figures = await until(
      () => posted('figures').find((m) => m.type === 'figures' && m.figures !== null),
      'figures',
    );
    expect(figures.type === 'figures' && figures.figures?.confidenceLevel).toBe(0.95);
    t.changeSettings({ ...t.data.settings, confidenceLevel: 0.9 });
    await until(
      () => posted('status').find((m) => m.type === 'status' && m.status.ma7Band.level === 0.9),
      'a status at 90 %',
    );
    const again = await until(
      () => posted('figures').find((m) => m.type === 'figures' && m.figures?.confidenceLevel === 0.9),
      'figures at 90 %',
    );
    // 987.6 EH/s over 1008 blocks at 90 %: × gamma.ppf(0.05, 1008) / 1008 = 0.948762 (scipy).
    expect(again.type === 'figures' && again.figures!.hashrateLowHps! / 987.6e18).toBeCloseTo(0.9487621, 6);
  });

  it('keeps posting what the page accepts when the source URL is long (issue 11 #12)', async () => {
    const t = setup();
    const longHost = `umbrel.local/${'p'.repeat(400)}`;
    (t.data as { sourceHost: string }).sourceHost = longHost;
    t.state.succeeded(makeSnapshot({ sourceHost: longHost }));
    t.showPanel();
    const panel = record.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    const history = await until(() => posted('history')[0], 'history');
    const status = posted('status')[0]!;
    // What the webview does with every message: validate it; a rejected one would leave the panel empty.
    for (const message of [history, status]) expect(validateHostMessage(message)).toMatchObject({ ok: true });
    const shown = status.type === 'status' ? status.status.sourceHost : '';
    expect(shown).toHaveLength(MAX_SHOWN_TEXT_CHARS);
    expect(shown.startsWith('umbrel.local/ppp')).toBe(true);
    expect(history.type === 'history' && history.dataset.sourceHost).toBe(shown);
  });

  it('ignores and logs a message that fails validation', async () => {
    const t = setup();
    t.showPanel();
    const panel = record.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    await until(() => posted('history')[0], 'history');
    const before = panel.posted.length;
    panel.send({
      type: 'savePng',
      requestId: 'x',
      fileName: '../../etc/passwd.png',
      dataUrl: 'data:image/png;base64,AAAA',
    });
    panel.send({ type: 'runCommand', command: 'workbench.action.quit' });
    panel.send('ready');
    expect(t.log.warn).toHaveBeenCalledTimes(3);
    expect(t.log.warn.mock.calls[0]![0]).toMatch(
      /ignored a message from the webview: webview message 'savePng': fileName is not a plain \.png file name/,
    );
    expect(t.log.warn.mock.calls[1]![0]).toMatch(/unknown webview message type "runCommand"/);
    expect(panel.posted.length).toBe(before);
  });

  it('serves range switches and refreshes, and stops posting while the page is hidden', async () => {
    const t = setup();
    t.showPanel();
    const panel = record.panels[0]!;
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
    const t = setup();
    t.showPanel();
    const panel = record.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    await until(() => posted('history')[0], 'history');
    record.dialog.answer = stubUri('/work/out.csv');
    panel.send({ type: 'exportCsv', requestId: 'export-1', range: '1Y', fromS: 1_795_478_400, toS: 1_795_478_400 });
    const result = await until(() => posted('saveResult')[0], 'saveResult');
    expect(result).toEqual({ type: 'saveResult', requestId: 'export-1', ok: true, message: 'Saved out.csv.' });
    expect((record.dialog.options as { defaultUri: { path: string } }).defaultUri.path).toBe(
      '/work/mining-economics-2026-11-24-to-2026-11-24.csv',
    );
    const csv = Buffer.from(record.files.get('/work/out.csv')!).toString('utf8').split('\r\n');
    expect(csv[0]).toMatch(/^date_utc,hashrate_daily_ehs,.*,hashrate_ma7_low_ehs,hashrate_ma7_high_ehs$/);
    expect(csv[1]).toMatch(/^2026-11-24,990,/);
    expect(csv).toHaveLength(3);
  });

  it('writes a PNG only if it is one, and reports a cancelled dialog', async () => {
    const t = setup();
    t.showPanel();
    const panel = record.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    record.dialog.answer = stubUri('/work/chart.png');
    panel.send({
      type: 'savePng',
      requestId: 'a',
      fileName: 'chart.png',
      dataUrl: `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}`,
    });
    panel.send({
      type: 'savePng',
      requestId: 'b',
      fileName: 'chart.png',
      dataUrl: `data:image/png;base64,${png.toString('base64')}`,
    });
    const results = await until(
      () => (posted('saveResult').length >= 2 ? posted('saveResult') : undefined),
      'two results',
    );
    expect(results).toContainEqual({
      type: 'saveResult',
      requestId: 'a',
      ok: false,
      message: 'Export failed: the image is not a PNG',
    });
    expect(results).toContainEqual({ type: 'saveResult', requestId: 'b', ok: true, message: 'Saved chart.png.' });
    expect([...record.files.get('/work/chart.png')!]).toEqual([...png]);
    record.dialog.answer = undefined;
    panel.send({
      type: 'savePng',
      requestId: 'c',
      fileName: 'chart.png',
      dataUrl: `data:image/png;base64,${png.toString('base64')}`,
    });
    expect(await until(() => posted('saveResult')[2], 'cancel')).toEqual({
      type: 'saveResult',
      requestId: 'c',
      ok: false,
      message: 'Export cancelled.',
    });
    expect(t.log.error).toHaveBeenCalledWith('Panel: Export failed: the image is not a PNG');
  });

  it('revives with the restored range, prefetched, and draws from the disk cache before the network answers', async () => {
    const t = setup();
    const first = makePanel('miningEconomics.panel');
    await t.revivePanel(first, { v: 1, range: '3M' });
    await until(() => (t.requests.includes('/api/v1/mining/hashrate/3m') ? true : undefined), 'the 3M prefetch');
    // The loaded dataset was written to global storage for the next window.
    await until(
      () => [...record.files.keys()].find((k) => k === '/storage/history-example.test-USD-3M.json'),
      'the disk cache',
    );
    // A new window: a fresh panel feature (empty memory cache), the same disk.
    const files = new Map(record.files);
    const t2 = setup();
    for (const [k, v] of files) record.files.set(k, v);
    const second = makePanel('miningEconomics.panel');
    await t2.revivePanel(second, { range: '3M' });
    second.send({ type: 'ready', protocol: 1, range: '3M' });
    const history = await until(() => (second.posted as HostMessage[]).find((m) => m.type === 'history'), 'history');
    expect(history.type === 'history' && history.dataset.range).toBe('3M');
    const icon = second.iconPath as { light: { path: string }; dark: { path: string } };
    expect([icon.light.path, icon.dark.path]).toEqual(['/ext/media/panel-light.svg', '/ext/media/panel-dark.svg']);
  });

  it('answers pnl/ready with the P&L state, and recomputes it when the data or the P&L settings change', async () => {
    const t = setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = record.panels[0]!;
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
    const t = setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = record.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    panel.send({ type: 'pnl/ready', protocol: 1 });
    panel.send({ type: 'pnl/update', field: 'powerPricePerKwh', value: 0.08 });
    const saved = await until(() => posted('pnl/updateResult')[0], 'updateResult');
    expect(saved).toEqual({ type: 'pnl/updateResult', field: 'powerPricePerKwh', ok: true, message: null });
    expect(record.configUpdates).toEqual([{ key: 'pnl.powerPricePerKwh', value: 0.08, target: 1 }]);
    expect(t.log.info).toHaveBeenCalledWith(
      'Panel: saved miningEconomics.pnl.powerPricePerKwh = 0.08 to the user settings.',
    );

    record.workspaceConfig['miningEconomics.hosting.pue'] = 1.5;
    panel.send({ type: 'pnl/update', field: 'pue', value: 1.2 });
    const overridden = await until(() => posted('pnl/updateResult')[1], 'second updateResult');
    expect(overridden).toEqual({
      type: 'pnl/updateResult',
      field: 'pue',
      ok: true,
      message:
        'Saved to your user settings, but this workspace sets miningEconomics.hosting.pue to 1.5, which takes precedence.',
    });

    // Well-formed but out of range (a page that skipped its own check): refused, nothing written.
    panel.send({ type: 'pnl/update', field: 'efficiencyJPerTh', value: 500 });
    const refused = await until(() => posted('pnl/updateResult')[2], 'third updateResult');
    expect(refused).toEqual({
      type: 'pnl/updateResult',
      field: 'efficiencyJPerTh',
      ok: false,
      message: 'Miner efficiency must be between 5 and 200 J/TH; got 500 J/TH.',
    });
    expect(record.configUpdates).toHaveLength(2);
    expect(t.log.warn).toHaveBeenCalledWith(
      'Panel: refused to save miningEconomics.pnl.efficiencyJPerTh: Miner efficiency must be between 5 and 200 J/TH; got 500 J/TH.',
    );

    // The fleet: the size in the unit the settings hold.
    record.config['miningEconomics.pnl.fleetUnit'] = 'MW';
    panel.send({ type: 'pnl/update', field: 'fleetSize', value: 12.5 });
    await until(() => posted('pnl/updateResult')[3], 'fourth updateResult');
    expect(record.configUpdates[2]).toEqual({ key: 'pnl.fleetSize', value: 12.5, target: 1 });
    // Not a P&L field at all: the protocol refuses it before anything else.
    panel.send({ type: 'pnl/update', field: 'mempoolUrl', value: 'https://evil.test' });
    expect(record.configUpdates).toHaveLength(3);
  });

  it('shows invalid P&L settings at their field and the fleet unit even without a fleet size', async () => {
    record.config['miningEconomics.pnl.poolFeePercent'] = 40;
    record.config['miningEconomics.pnl.fleetUnit'] = 'MW';
    const t = setup();
    t.state.succeeded(makeSnapshot());
    t.showPanel();
    const panel = record.panels[0]!;
    panel.send({ type: 'ready', protocol: 1, range: '1Y' });
    panel.send({ type: 'pnl/ready', protocol: 1 });
    const m = await until(() => posted('pnl/state')[0], 'pnl/state');
    expect(m.type === 'pnl/state' && m.state.settingProblems).toEqual([
      {
        field: 'poolFeePercent',
        message:
          'Your setting miningEconomics.pnl.poolFeePercent Pool fee must be between 0 and 10 %; got 40 %. Using the default, 2 %.',
      },
    ]);
    expect(m.type === 'pnl/state' && m.state.inputs.fleetUnit).toBe('MW');
  });
});
