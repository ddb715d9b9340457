// Composition root: build the parts, wire them, register disposables. No logic lives here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AlertNotifier } from './vscode/alerts';
import { COMMANDS } from './vscode/commands';
import { ConfigService } from './vscode/config';
import { DataService } from './vscode/dataService';
import { loadPanel } from './vscode/lazyModules';
import { createLog } from './vscode/log';
import { StatusBarView } from './vscode/statusBar';
import { SnapshotStore } from './vscode/store';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const config = new ConfigService(log);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const userAgent = `mining-economics-vscode/${version} (+VS Code ${vscode.version})`;
  const data = new DataService({
    config,
    store: new SnapshotStore(context.globalState),
    log,
    userAgent,
    // Every window of the profile sees the same global storage: one of them fetches for all.
    sharedDir: path.join(context.globalStorageUri.fsPath, 'shared'),
    ownerId: `${vscode.env.sessionId}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  });
  activeData = data;
  const statusBar = new StatusBarView(config.settings, log, () => data.sourceHost);
  context.subscriptions.push(log, config, data, statusBar);

  const alerts = new AlertNotifier(context.globalState, () => config.settings, log);
  context.subscriptions.push(
    data.state.subscribe((state) => statusBar.update(state)),
    data.state.subscribe((state) => {
      alerts.onState(state).catch((error: unknown) => log.error(`Alert evaluation failed: ${String(error)}`));
    }),
    config.onDidChange(({ previous, current }) => {
      statusBar.applySettings(current);
      data.applySettings(previous, current);
      data.resetConnection();
    }),
    vscode.window.onDidChangeWindowState((state) => data.setFocused(state.focused)),
    vscode.commands.registerCommand(COMMANDS.show, () => loadPanel().showPanel(panelDeps())),
    vscode.commands.registerCommand(COMMANDS.refresh, async () => {
      const result = await data.refreshNow();
      if (result.kind === 'deferred') {
        const seconds = Math.ceil((result.untilMs - Date.now()) / 1000);
        vscode.window.setStatusBarMessage(`Mining Economics: the server asked us to wait; next try in ${seconds} s.`, 5000);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show(true)),
    vscode.window.registerWebviewPanelSerializer('miningEconomics.panel', {
      deserializeWebviewPanel: (panel, state) => loadPanel().revivePanel(panel, state, panelDeps()),
    }),
  );

  function panelDeps() {
    return { context, log, data, config };
  }

  statusBar.update(data.state.current);
  data.start();
  log.info(`Activated ${version}; source ${config.settings.mempoolUrl}.`);
}

let activeData: DataService | undefined;

/** Hand the fetching job to another window at once (disposal alone would look like a crash). */
export async function deactivate(): Promise<void> {
  await activeData?.release().catch(() => undefined);
  activeData = undefined;
}
