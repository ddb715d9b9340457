// The trend-chart panel's host side: one panel at a time, revived after a reload, fed from the glance state
// (key figures, freshness) and from the history loader (one dataset per range), talking to its webview only
// through src/shared/protocol.ts. The webview is not retained while hidden: every time it (re)loads it
// says 'ready' and gets everything again from the caches here.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { staleness, type GlanceState } from '../../core/glance/state';
import { isoDay as isoDate } from '../../core/format';
import { historyCsv } from '../../core/history/csv';
import { deriveSeries, type DerivedSeries } from '../../core/history/derive';
import { computeKeyFigures, coversKeyFigures } from '../../core/views/keyFigures';
import { glanceEstimateOptions } from '../../core/views/glanceEstimates';
import { ma7BandFactors } from '../../core/history/bands';
import { HistoryLoader } from '../../core/history/loader';
import { indexRange } from '../../core/history/slice';
import { PNL_EDIT_SETTING_KEYS, type FleetUnit, type PnlEditField } from '../../core/pnl/panelFieldNames';
import { validatePnlEdit } from '../../core/views/pnlFields';
import { buildPnlState, settingProblemsByField, type PnlFieldMessage } from '../../core/views/pnlState';
import { readSettings, SETTINGS_SECTION, type Settings } from '../../core/settings';
import { describeFailure } from '../../core/transport';
import {
  PANEL_VIEW_TYPE,
  PROTOCOL_VERSION,
  RANGES,
  isRangeId,
  validateWebviewMessage,
  type HistoryDataset,
  type HostMessage,
  type PanelStatus,
  type RangeId,
  type WebviewMessage,
} from '../../shared/protocol';
import type { ConfigService } from '../config';
import type { DataService } from '../dataService';
import type { Log } from '../log';
import { HistoryDiskCache } from './historyDiskCache';
import { renderPanelHtml } from './html';
import { pngBytes, saveExport } from './saveExport';

export interface PanelDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly data: DataService;
  readonly config: ConfigService;
}

export const DEFAULT_RANGE: RangeId = '1Y';
/** The range fetched for the key figures' 7/30-day changes when the shown range is too short. */
const KEY_FIGURES_RANGE: RangeId = '3M';

/** Shared by every panel of this window, so closing and reopening the panel costs no request. */
let sharedLoader: { loader: HistoryLoader; disk: HistoryDiskCache } | undefined;

function historyFor(deps: PanelDeps): { loader: HistoryLoader; disk: HistoryDiskCache } {
  sharedLoader ??= {
    loader: new HistoryLoader({
      transport: () => deps.data.transport(),
      sourceHost: () => deps.data.sourceHost,
      now: () => Date.now(),
      onWarning: (message) => deps.log.warn(`History: ${message}`),
    }),
    disk: new HistoryDiskCache(deps.context.globalStorageUri, deps.log),
  };
  return sharedLoader;
}

/** Reads the range a revived webview had chosen (its state is the webview's own; only this field matters here). */
export function rangeFromState(state: unknown): RangeId | null {
  const range = typeof state === 'object' && state !== null ? (state as { range?: unknown }).range : undefined;
  return isRangeId(range) ? range : null;
}

/**
 * What the validated settings do not say: the fleet unit while no fleet size is set (the validated inputs
 * drop it), and the problems of invalid P&L settings by field, for the messages next to the fields.
 */
export function readPnlConfig(): { fleetUnit: FleetUnit; problems: PnlFieldMessage[] } {
  try {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const { problems } = readSettings((key) => config.get(key));
    return { fleetUnit: config.get('pnl.fleetUnit') === 'MW' ? 'MW' : 'PH/s', problems: settingProblemsByField(problems) };
  } catch {
    return { fleetUnit: 'PH/s', problems: [] };
  }
}

export class MiningPanel implements vscode.Disposable {
  private static current: MiningPanel | undefined;

  static show(deps: PanelDeps): void {
    if (MiningPanel.current) {
      MiningPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Mining Economics', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: MiningPanel.resourceRoots(deps),
    });
    MiningPanel.current = new MiningPanel(panel, deps, DEFAULT_RANGE);
  }

  static revive(panel: vscode.WebviewPanel, state: unknown, deps: PanelDeps): void {
    MiningPanel.current?.dispose();
    MiningPanel.current = new MiningPanel(panel, deps, rangeFromState(state) ?? DEFAULT_RANGE);
  }

  private static resourceRoots(deps: PanelDeps): vscode.Uri[] {
    return [vscode.Uri.joinPath(deps.context.extensionUri, 'dist'), vscode.Uri.joinPath(deps.context.extensionUri, 'media')];
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly loader: HistoryLoader;
  private readonly disk: HistoryDiskCache;
  private ready = false;
  private range: RangeId;
  /** The dataset last posted per range: never replaced by an older one, and the source of CSV exports. */
  private readonly posted = new Map<RangeId, HistoryDataset>();
  private readonly errors = new Map<RangeId, string>();
  private basis: { dataset: HistoryDataset; series: DerivedSeries } | null = null;
  private basisRetryAtMs = 0;
  private disposed = false;
  /** The P&L script said `pnl/ready` on the current page. */
  private pnlReady = false;
  private pnlTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    initialRange: RangeId,
  ) {
    ({ loader: this.loader, disk: this.disk } = historyFor(deps));
    this.range = initialRange;
    const root = deps.context.extensionUri;
    panel.webview.options = { enableScripts: true, localResourceRoots: MiningPanel.resourceRoots(deps) };
    panel.iconPath = {
      light: vscode.Uri.joinPath(root, 'media', 'panel-light.svg'),
      dark: vscode.Uri.joinPath(root, 'media', 'panel-dark.svg'),
    };
    const asset = (file: string): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', file)).toString();
    panel.webview.html = renderPanelHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('webview.js'),
      styleUri: asset('webview.css'),
      pnlScriptUri: asset('webview-pnl.js'),
      pnlStyleUri: asset('webview-pnl.css'),
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      // Hidden = the page is gone (not retained); it says 'ready' again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = this.pnlReady = false;
      }),
      deps.data.state.subscribe((state) => this.onGlanceState(state)),
      deps.config.onDidChange(({ previous, current }) => this.onSettings(previous, current)),
    );
    // Start loading before the page asks: by the time it is ready the data may be too.
    void this.loadRange(this.range, false);
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  private post(message: HostMessage): void {
    if (!this.ready || this.disposed) return;
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private onMessage(raw: unknown): void {
    const result = validateWebviewMessage(raw);
    if (!result.ok) {
      this.deps.log.warn(`Panel: ignored a message from the webview: ${result.error}`);
      return;
    }
    const message: WebviewMessage = result.value;
    switch (message.type) {
      case 'ready':
        if (message.protocol !== PROTOCOL_VERSION) {
          this.deps.log.warn(`Panel: the webview speaks protocol ${message.protocol}, the host ${PROTOCOL_VERSION}.`);
        }
        this.ready = true;
        // A new page: its P&L script says so itself once loaded.
        this.pnlReady = false;
        this.range = message.range;
        void this.sendEverything();
        return;
      case 'selectRange':
        this.range = message.range;
        void this.showRange(message.range);
        return;
      case 'refresh':
        void this.deps.data.refreshNow();
        void this.loadRange(this.range, true);
        return;
      case 'exportCsv':
        void this.exportCsv(message);
        return;
      case 'savePng':
        void this.save(message.requestId, 'png', message.fileName, () => pngBytes(message.dataUrl));
        return;
      case 'log':
        this.deps.log[message.level](`Panel webview: ${message.message}`);
        return;
      case 'pnl/ready':
        this.pnlReady = true;
        this.postPnlState();
        return;
      case 'pnl/update':
        void this.updatePnlSetting(message.field, message.value);
        return;
    }
  }

  private async sendEverything(): Promise<void> {
    this.posted.clear();
    this.postStatus();
    this.updateFigures();
    await this.showRange(this.range);
  }

  /** Posts what is cached for the range at once (memory, else disk), then refreshes it if it is old. */
  private async showRange(range: RangeId): Promise<void> {
    const currency = this.deps.data.currentSettings.currency;
    const cached = this.loader.peek(range, currency) ?? (await this.disk.load(this.deps.data.sourceHost, currency, range));
    if (cached && range === this.range) this.postHistory(cached);
    const error = this.errors.get(range);
    if (error && !this.loader.isLoading(range)) this.post({ type: 'historyState', range, state: 'error', message: error });
    if (!cached || this.loader.isStale(range) || this.loader.isLoading(range)) await this.loadRange(range, false);
  }

  private postHistory(dataset: HistoryDataset): void {
    const last = this.posted.get(dataset.range);
    if (last && last.currency === dataset.currency && last.fetchedAtMs > dataset.fetchedAtMs) return;
    this.posted.set(dataset.range, dataset);
    this.post({ type: 'history', dataset });
    this.considerBasis(dataset);
    // The days under water are counted on the shown range.
    this.schedulePnlState();
  }

  private async loadRange(range: RangeId, force: boolean): Promise<void> {
    const currency = this.deps.data.currentSettings.currency;
    this.post({ type: 'historyState', range, state: 'loading', message: null });
    try {
      const dataset = await this.loader.load(range, currency, force);
      if (this.disposed) return;
      this.errors.delete(range);
      this.disk.save(dataset);
      if (range === this.range && currency === this.deps.data.currentSettings.currency) {
        this.posted.delete(range);
        this.postHistory(dataset);
      } else {
        this.considerBasis(dataset);
      }
      this.post({ type: 'historyState', range, state: 'loaded', message: null });
    } catch (error) {
      if (this.disposed) return;
      const message = describeFailure(error);
      this.errors.set(range, message);
      this.deps.log.warn(`Panel: could not load the ${range} history: ${message}`);
      this.post({ type: 'historyState', range, state: 'error', message });
    }
  }

  private async exportCsv(message: Extract<WebviewMessage, { type: 'exportCsv' }>): Promise<void> {
    const dataset = this.posted.get(message.range);
    const series = dataset ? deriveSeries(dataset, ma7BandFactors(this.deps.data.currentSettings.confidenceLevel)) : null;
    const window = series ? indexRange(series.timeS, message.fromS, message.toS) : null;
    if (!dataset || !series || !window) {
      this.post({ type: 'saveResult', requestId: message.requestId, ok: false, message: 'No data in the visible range to export.' });
      return;
    }
    const t = series.timeS;
    const fileName = `mining-economics-${isoDate(t[window[0]]!)}-to-${isoDate(t[window[1]]!)}.csv`;
    await this.save(message.requestId, 'csv', fileName, () => Buffer.from(historyCsv(series, dataset.currency, window[0], window[1]), 'utf8'));
  }

  private async save(requestId: string, format: 'csv' | 'png', fileName: string, bytes: () => Uint8Array): Promise<void> {
    let result: { ok: boolean; message: string };
    try {
      result = await saveExport(format, fileName, bytes());
      if (result.ok) this.deps.log.info(`Panel: ${result.message}`);
    } catch (error) {
      result = { ok: false, message: `Export failed: ${error instanceof Error ? error.message : String(error)}` };
      this.deps.log.error(`Panel: ${result.message}`);
    }
    this.post({ type: 'saveResult', requestId, ok: result.ok, message: result.message });
  }

  // ---------------------------------------------------------------------------------------------
  // Glance state, key figures, settings

  private onGlanceState(state: GlanceState): void {
    this.postStatus(state);
    if (state.refreshing) return;
    this.updateFigures(state);
    this.schedulePnlState();
    // The host refreshed: bring the shown range up to date too (in place) once it is old enough.
    if (state.origin === 'live' && this.ready && this.loader.isStale(this.range) && !this.loader.isLoading(this.range)) {
      void this.loadRange(this.range, false);
    }
  }

  private status(state: GlanceState): PanelStatus {
    const settings = this.deps.data.currentSettings;
    const { stale, reason } = staleness(state, Date.now(), settings.refreshIntervalMs);
    return {
      sourceHost: state.snapshot?.sourceHost ?? this.deps.data.sourceHost,
      currency: settings.currency,
      ma7Band: ma7BandFactors(settings.confidenceLevel),
      fetchedAtMs: state.snapshot?.fetchedAtMs ?? null,
      origin: state.origin,
      refreshing: state.refreshing,
      stale,
      staleReason: reason,
    };
  }

  private postStatus(state: GlanceState = this.deps.data.state.current): void {
    this.post({ type: 'status', status: this.status(state) });
  }

  /** Keeps the newest dataset long enough for the 7/30-day changes as the key figures' basis. */
  private considerBasis(dataset: HistoryDataset): void {
    if (dataset.currency !== this.deps.data.currentSettings.currency || dataset.sourceHost !== this.deps.data.sourceHost) return;
    const series = deriveSeries(dataset);
    if (!coversKeyFigures(series)) return;
    if (this.basis && this.basis.dataset.fetchedAtMs > dataset.fetchedAtMs && this.basis.dataset.currency === dataset.currency) return;
    this.basis = { dataset, series };
    this.updateFigures();
    this.schedulePnlState();
  }

  private updateFigures(state: GlanceState = this.deps.data.state.current): void {
    const settings = this.deps.data.currentSettings;
    const usable = (): boolean =>
      this.basis !== null && this.basis.dataset.currency === settings.currency && this.basis.dataset.sourceHost === this.deps.data.sourceHost;
    if (!usable()) this.findBasis();
    const basis = usable() ? this.basis : null;
    if (!state.snapshot) {
      this.post({ type: 'figures', figures: null });
      return;
    }
    try {
      this.post({ type: 'figures', figures: computeKeyFigures(state.snapshot, settings.currency, Date.now(), basis?.series ?? null, glanceEstimateOptions(settings)) });
    } catch (error) {
      this.deps.log.error(`Panel: could not compute the key figures: ${describeFailure(error)}`);
      this.post({ type: 'figures', figures: null });
    }
  }

  /** A cached dataset that covers the changes, or a background load of one. */
  private findBasis(): void {
    const currency = this.deps.data.currentSettings.currency;
    for (const range of RANGES) {
      if (range === '1M') continue;
      const dataset = this.loader.peek(range, currency);
      if (dataset) {
        const series = deriveSeries(dataset);
        if (coversKeyFigures(series)) {
          this.basis = { dataset, series };
          return;
        }
      }
    }
    if (this.loader.isLoading(KEY_FIGURES_RANGE) || Date.now() < this.basisRetryAtMs) return;
    void this.loader.load(KEY_FIGURES_RANGE, currency).then(
      (dataset) => this.considerBasis(dataset),
      (error: unknown) => {
        // Try again with a later refresh, not in a loop.
        this.basisRetryAtMs = Date.now() + 5 * 60_000;
        this.deps.log.warn(`Panel: history for the key figures' changes unavailable: ${describeFailure(error)}`);
      },
    );
  }

  private onSettings(previous: Settings, current: Settings): void {
    if (previous.currency !== current.currency || JSON.stringify(previous.pnl) !== JSON.stringify(current.pnl)) {
      // After DataService has applied the new settings (same event), like the rest below.
      setTimeout(() => {
        if (!this.disposed) this.postPnlState();
      }, 0);
    }
    if (previous.confidenceLevel !== current.confidenceLevel || previous.alerts.hashrateThresholdHps !== current.alerts.hashrateThresholdHps) {
      // The bands and the key figures' intervals follow the level (and P(below) the threshold).
      setTimeout(() => {
        if (this.disposed) return;
        this.postStatus();
        this.updateFigures();
      }, 0);
    }
    if (previous.currency === current.currency && previous.mempoolUrl === current.mempoolUrl && previous.refreshIntervalMs === current.refreshIntervalMs) return;
    this.basis = null;
    this.basisRetryAtMs = 0;
    this.errors.clear();
    this.posted.clear();
    // DataService applies the new settings in the same event: read them after it did.
    setTimeout(() => {
      if (this.disposed) return;
      this.postStatus();
      this.updateFigures();
      void this.showRange(this.range);
    }, 0);
  }

  // ---------------------------------------------------------------------------------------------
  // The miner's P&L

  /** Several sources change together (a refresh, a range): one state for them all. */
  private schedulePnlState(): void {
    if (!this.pnlReady || this.pnlTimer !== undefined) return;
    this.pnlTimer = setTimeout(() => {
      this.pnlTimer = undefined;
      this.postPnlState();
    }, 0);
  }

  private postPnlState(): void {
    if (!this.pnlReady || this.disposed) return;
    const settings = this.deps.data.currentSettings;
    const config = readPnlConfig();
    const shown = this.posted.get(this.range) ?? null;
    try {
      const state = buildPnlState({
        currency: settings.currency,
        pnl: settings.pnl,
        fleetUnit: config.fleetUnit,
        settingProblems: config.problems,
        snapshot: this.deps.data.state.current.snapshot,
        nowMs: Date.now(),
        history: this.basis?.dataset ?? shown,
        range: shown,
      });
      this.post({ type: 'pnl/state', state });
    } catch (error) {
      this.deps.log.error(`Panel: could not compute the P&L: ${describeFailure(error)}`);
    }
  }

  /**
   * Saves one P&L input to the user settings (ConfigurationTarget.Global), after checking it again: the page
   * checked it, but the host trusts nothing from it. The status bar, hover and this panel then follow the
   * configuration change like any other.
   */
  private async updatePnlSetting(field: PnlEditField, value: unknown): Promise<void> {
    const key = PNL_EDIT_SETTING_KEYS[field];
    const checked = validatePnlEdit(field, value, readPnlConfig().fleetUnit);
    if (!checked.ok) {
      this.deps.log.warn(`Panel: refused to save ${SETTINGS_SECTION}.${key}: ${checked.message}`);
      this.post({ type: 'pnl/updateResult', field, ok: false, message: checked.message });
      return;
    }
    try {
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      await config.update(key, checked.value, vscode.ConfigurationTarget.Global);
      this.deps.log.info(`Panel: saved ${SETTINGS_SECTION}.${key} = ${JSON.stringify(checked.value)} to the user settings.`);
      // A workspace (folder) value wins over the user setting: say so, or the edit would seem ignored.
      const inspected = config.inspect(key);
      const override = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
      // The configuration change brings a new state too; this one also covers a write that changes no
      // validated input (the fleet unit while no fleet size is set).
      this.schedulePnlState();
      this.post({
        type: 'pnl/updateResult',
        field,
        ok: true,
        message:
          override === undefined
            ? null
            : `Saved to your user settings, but this workspace sets ${SETTINGS_SECTION}.${key} to ${JSON.stringify(override)}, which takes precedence.`,
      });
    } catch (error) {
      const message = `Could not save ${SETTINGS_SECTION}.${key}: ${describeFailure(error)}`;
      this.deps.log.error(`Panel: ${message}`);
      this.post({ type: 'pnl/updateResult', field, ok: false, message });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.pnlTimer);
    if (MiningPanel.current === this) MiningPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
