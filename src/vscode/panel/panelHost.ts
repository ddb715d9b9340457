// What the panel needs from the rest of the extension — and nothing more, so the panel bundle depends on
// this interface, not on the data service (src/vscode/dataService.ts satisfies it).
import type * as vscode from 'vscode';
import type { GlanceState } from '../../core/glance/state';
import type { FleetUnit } from '../../core/pnl/panelFieldNames';
import type { Settings, SettingsProblem } from '../../core/settings';
import type { Transport } from '../../core/transport';
import type { SettingsChange } from '../config';
import type { Log } from '../log';

export interface PanelHost {
  readonly state: {
    readonly current: GlanceState;
    subscribe(listener: (state: GlanceState) => void): vscode.Disposable;
  };
  /** The settings the data follow (already applied when onDidChangeSettings fires). */
  readonly settings: Settings;
  readonly sourceHost: string;
  /** The shared HTTP client. */
  transport(): Transport;
  refreshNow(): Promise<unknown>;
  readonly onDidChangeSettings: vscode.Event<SettingsChange>;
}

/** What the validated settings do not say, for the P&L form: the problems and the fleet unit as set. */
export interface PanelSettingsInfo {
  readonly problems: readonly SettingsProblem[];
  readonly fleetUnit: FleetUnit;
}

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly globalStorageUri: vscode.Uri;
  readonly log: Log;
  readonly host: PanelHost;
  readonly settingsInfo: PanelSettingsInfo;
  /** The node's RPC password from SecretStorage (only read when a node user is set). */
  readonly nodePassword?: () => Promise<string | undefined>;
  readonly userAgent?: string;
}
