// The miner's P&L section: its state is built from the snapshot, the settings and the history, and sent
// only once the section's script said `pnl/ready` on the current page.
import { buildPnlState, settingProblemsByField } from '../../core/views/pnlState';
import type { PnlEditField } from '../../core/pnl/panelFieldNames';
import { describeFailure } from '../../core/transport';
import type { HistoryDataset, HostMessage } from '../../shared/protocol';
import type { Log } from '../log';
import type { PanelHost, PanelSettingsInfo } from './panelHost';
import { savePnlSetting } from './pnlSettings';

export interface PnlFeedDeps {
  readonly host: PanelHost;
  readonly settingsInfo: PanelSettingsInfo;
  readonly log: Log;
  readonly post: (message: HostMessage) => void;
  readonly isDisposed: () => boolean;
  /** The history the P&L uses: the key figures' basis (for the moves), the shown range (the water line). */
  readonly history: () => { readonly basis: HistoryDataset | null; readonly shown: HistoryDataset | null };
}

export class PnlFeed {
  /** The P&L script said `pnl/ready` on the current page. */
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The settings the last state was built from (the fleet unit and problems are not in `Settings`). */
  private postedSettingsKey = '';

  constructor(private readonly deps: PnlFeedDeps) {}

  /** A new or hidden page has no P&L script yet; `pnl/ready` says it has. */
  setReady(ready: boolean): void {
    this.ready = ready;
    if (ready) this.post();
  }

  /** Several sources change together (a refresh, a range): one state for them all, after they did. */
  schedule(): void {
    if (!this.ready || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.post();
    }, 0);
  }

  /** After the host applied new settings: a new state if any of those the P&L uses changed. */
  settingsChanged(): void {
    if (this.settingsKey() !== this.postedSettingsKey) this.post();
  }

  post(): void {
    if (!this.ready || this.deps.isDisposed()) return;
    const { host, settingsInfo } = this.deps;
    const settings = host.settings;
    this.postedSettingsKey = this.settingsKey();
    const { basis, shown } = this.deps.history();
    try {
      const state = buildPnlState({
        currency: settings.currency,
        pnl: settings.pnl,
        fleetUnit: settingsInfo.fleetUnit,
        settingProblems: settingProblemsByField(settingsInfo.problems),
        snapshot: host.state.current.snapshot,
        nowMs: Date.now(),
        history: basis ?? shown,
        range: shown,
      });
      this.deps.post({ type: 'pnl/state', state });
    } catch (error) {
      this.deps.log.error(`Panel: could not compute the P&L: ${describeFailure(error)}`);
    }
  }

  async update(field: PnlEditField, value: unknown): Promise<void> {
    const result = await savePnlSetting(field, value, this.deps.settingsInfo.fleetUnit, this.deps.log);
    // The configuration change brings a new state too; this one also covers a write that changes no
    // validated input (the fleet unit while no fleet size is set).
    if (result.ok) this.schedule();
    this.deps.post({ type: 'pnl/updateResult', field, ok: result.ok, message: result.message });
  }

  private settingsKey(): string {
    const { host, settingsInfo } = this.deps;
    return JSON.stringify([host.settings.currency, host.settings.pnl, settingsInfo.fleetUnit, settingsInfo.problems]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
