// One trend-chart panel: it wires its webview to the feeds (history, key figures, P&L, power & pools) and
// posts what they produce, talking to the page only through src/shared/protocol. The webview is not retained while hidden:
// every time the page (re)loads it says 'ready' and gets everything again from the caches.
import * as vscode from 'vscode';
import { staleness, type GlanceState } from '../../core/glance/state';
import { ma7BandFactors } from '../../core/history/bands';
import { shownSourceHost } from '../../core/settings';
import { glanceEstimateOptions } from '../../core/views/glanceEstimates';
import { computeKeyFigures } from '../../core/views/keyFigures';
import type { HistoryLoader } from '../../core/history/loader';
import { describeFailure } from '../../core/transport';
import type { HostMessage, PanelStatus, RangeId } from '../../shared/protocol';
import type { SettingsChange } from '../config';
import { Disposable, toDisposable } from '../dispose';
import { HistoryFeed, panelHistorySource } from './historyFeed';
import type { NodeHistorySource } from './nodeHistorySource';
import type { HistoryDiskCache } from './historyDiskCache';
import { KeyFiguresBasis } from './keyFiguresBasis';
import { createMessageRouter } from './messageRouter';
import type { PanelDeps } from './panelHost';
import { setUpPanelWebview } from './panelWebview';
import { PnlFeed } from './pnlFeed';
import { PowerFeed } from './powerFeed';
import { exportCsv, pngBytes, saveLogged, type SaveResult } from './saveExport';

export class MiningPanel extends Disposable {
  private readonly onDidDisposeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.onDidDisposeEmitter.event;
  private ready = false;
  private range: RangeId;
  private readonly history: HistoryFeed;
  private readonly basis: KeyFiguresBasis;
  private readonly pnl: PnlFeed;
  private readonly power: PowerFeed;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    shared: {
      readonly loader: HistoryLoader;
      readonly disk: HistoryDiskCache;
      readonly node: () => NodeHistorySource | null;
    },
    initialRange: RangeId,
  ) {
    super();
    this.range = initialRange;
    const { host, log } = deps;
    const post = (message: HostMessage): void => this.post(message);
    const isDisposed = (): boolean => this.isDisposed;
    this.basis = new KeyFiguresBasis(
      () => panelHistorySource({ ...shared, host }),
      host,
      log,
      () => {
        this.postFigures();
        this.pnl.schedule();
      },
    );
    this.history = new HistoryFeed({
      ...shared,
      host,
      log,
      post,
      isDisposed,
      shownRange: () => this.range,
      onDataset: (dataset, posted) => {
        this.basis.consider(dataset);
        // The days under water are counted on the shown range; the power section draws it.
        if (posted) {
          this.pnl.schedule();
          this.power.schedule();
        }
      },
    });
    this.pnl = this._register(
      new PnlFeed({
        host,
        settingsInfo: deps.settingsInfo,
        log,
        post,
        isDisposed,
        history: () => ({ basis: this.basis.dataset, shown: this.history.postedFor(this.range) }),
      }),
    );
    this.power = this._register(
      new PowerFeed({
        host,
        log,
        post,
        isDisposed,
        shown: () => ({ range: this.range, dataset: this.history.postedFor(this.range) }),
      }),
    );
    setUpPanelWebview(panel, deps.extensionUri);
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage(this.router()));
    // Hidden = the page is gone (not retained); it says 'ready' again when shown.
    this._register(
      panel.onDidChangeViewState(() => {
        if (panel.visible) return;
        this.ready = false;
        this.pnl.setReady(false);
        this.power.setReady(false);
      }),
    );
    this._register(host.state.subscribe((state) => this.onGlanceState(state)));
    this._register(host.onDidChangeSettings((change) => this.onSettings(change)));
    this._register(toDisposable(() => panel.dispose()));
    // Start loading before the page asks: by the time it is ready the data may be too.
    void this.history.load(this.range, false);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.onDidDisposeEmitter.fire();
    super.dispose();
  }

  private router(): (raw: unknown) => void {
    return createMessageRouter(this.deps.log, {
      ready: (message) => {
        this.ready = true;
        // A new page: its P&L script says so itself once loaded.
        this.pnl.setReady(false);
        this.power.setReady(false);
        this.range = message.range;
        void this.sendEverything();
      },
      selectRange: (message) => {
        this.range = message.range;
        void this.history.show(message.range);
        this.power.rangeChanged();
      },
      cancelHistory: (message) => this.history.cancel(message.range),
      refresh: () => {
        void this.deps.host.refreshNow();
        void this.history.load(this.range, true);
      },
      exportCsv: (message) => {
        void exportCsv(
          this.history.postedFor(message.range),
          ma7BandFactors(this.deps.host.settings.confidenceLevel),
          message.fromS,
          message.toS,
          this.deps.log,
        ).then((r) => this.postSaveResult(message.requestId, r));
      },
      savePng: (message) => {
        void saveLogged('png', message.fileName, () => pngBytes(message.dataUrl), this.deps.log).then((r) =>
          this.postSaveResult(message.requestId, r),
        );
      },
      log: (message) => this.deps.log[message.level](`Panel webview: ${message.message}`),
      'pnl/ready': () => this.pnl.setReady(true),
      'pnl/update': (message) => void this.pnl.update(message.field, message.value),
      'power/ready': () => this.power.setReady(true),
      'power/reference': (message) => this.power.setReference(message.reference),
    });
  }

  private post(message: HostMessage): void {
    if (!this.ready || this.isDisposed) return;
    // The dataset keeps its full host (it is the cache key); the page gets what the protocol accepts.
    const sent =
      message.type === 'history'
        ? { ...message, dataset: { ...message.dataset, sourceHost: shownSourceHost(message.dataset.sourceHost) } }
        : message;
    void this.panel.webview.postMessage(sent).then(undefined, () => undefined);
  }

  private postSaveResult(requestId: string, result: SaveResult): void {
    this.post({ type: 'saveResult', requestId, ok: result.ok, message: result.message });
  }

  private async sendEverything(): Promise<void> {
    this.history.forgetPosted();
    this.postStatus();
    this.postFigures();
    await this.history.show(this.range);
  }

  private onGlanceState(state: GlanceState): void {
    this.postStatus(state);
    if (state.refreshing) return;
    this.postFigures(state);
    this.pnl.schedule();
    this.power.schedule();
    // The host refreshed: bring the shown range up to date too (in place) once it is old enough.
    if (state.origin === 'live' && this.ready) this.history.refreshShownIfStale();
  }

  /** The history source changed (mempool ↔ node, or another node): what was shown belongs to the old one. */
  sourceChanged(): void {
    this.basis.reset();
    this.history.reset();
    void this.history.show(this.range);
  }

  /** Runs after the host applied the new settings (it fires the event), so everything reads the new ones. */
  private onSettings({ previous, current }: SettingsChange): void {
    const dataChanged =
      previous.currency !== current.currency ||
      previous.mempoolUrl !== current.mempoolUrl ||
      previous.refreshIntervalMs !== current.refreshIntervalMs;
    if (dataChanged) {
      this.basis.reset();
      this.history.reset();
      this.power.reset();
    }
    this.pnl.settingsChanged();
    this.power.schedule();
    // The bands and the key figures' intervals follow the level (and P(below) the alert threshold).
    const intervalsChanged =
      previous.confidenceLevel !== current.confidenceLevel ||
      previous.alerts.hashrateThresholdHps !== current.alerts.hashrateThresholdHps;
    if (!dataChanged && !intervalsChanged) return;
    this.postStatus();
    this.postFigures();
    if (dataChanged) void this.history.show(this.range);
  }

  private status(state: GlanceState): PanelStatus {
    const { settings, sourceHost } = this.deps.host;
    const { stale, reason } = staleness(state, Date.now(), settings.refreshIntervalMs);
    return {
      sourceHost: shownSourceHost(state.snapshot?.sourceHost ?? sourceHost),
      currency: settings.currency,
      ma7Band: ma7BandFactors(settings.confidenceLevel),
      fetchedAtMs: state.snapshot?.fetchedAtMs ?? null,
      origin: state.origin,
      refreshing: state.refreshing,
      stale,
      staleReason: reason,
    };
  }

  private postStatus(state: GlanceState = this.deps.host.state.current): void {
    this.post({ type: 'status', status: this.status(state) });
  }

  private postFigures(state: GlanceState = this.deps.host.state.current): void {
    const basis = this.basis.usable();
    if (!state.snapshot) {
      this.post({ type: 'figures', figures: null });
      return;
    }
    try {
      this.post({
        type: 'figures',
        figures: computeKeyFigures(
          state.snapshot,
          this.deps.host.settings.currency,
          Date.now(),
          basis?.series ?? null,
          glanceEstimateOptions(this.deps.host.settings),
          this.deps.host.settings.power,
        ),
      });
    } catch (error) {
      this.deps.log.error(`Panel: could not compute the key figures: ${describeFailure(error)}`);
      this.post({ type: 'figures', figures: null });
    }
  }
}
