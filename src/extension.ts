// Composition root: build the parts, wire them, register commands in one place. The behaviour lives in the
// parts (src/vscode/, src/core/). activate() does no I/O: it paints the cached snapshot and returns; the
// shared lease folder, the network and everything else start on the next turn of the event loop.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from './core/errors';
import { AlertNotifier } from './vscode/alerts';
import { CommandManager } from './vscode/commandManager';
import { ConfigService } from './vscode/config';
import { DataService } from './vscode/dataService';
import { toDisposable } from './vscode/dispose';
import { RefreshCommand, ShowLogCommand } from './vscode/glanceCommands';
import { installLocalisation } from './vscode/l10n';
import { createLog } from './vscode/log';
import { PanelFeature, ShowPanelCommand } from './vscode/panel/registration';
import { StatusBarView } from './vscode/statusBar';
import { SnapshotStore } from './vscode/store';

let activeData: DataService | undefined;
let started: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  installLocalisation();
  const log = createLog();
  const config = new ConfigService(log);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const data = new DataService({
    config,
    store: new SnapshotStore(context.globalState),
    log,
    userAgent: `mining-economics-vscode/${version} (+VS Code ${vscode.version})`,
    // Every window of the profile sees the same global storage: one of them fetches for all.
    sharedDir: path.join(context.globalStorageUri.fsPath, 'shared'),
    ownerId: `${vscode.env.sessionId}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  });
  activeData = data;
  const statusBar = new StatusBarView(config.settings, log, () => data.sourceHost);
  const alerts = new AlertNotifier(context.globalState, () => config.settings, log);
  const panel = new PanelFeature({
    extensionUri: context.extensionUri,
    globalStorageUri: context.globalStorageUri,
    log,
    host: data,
    settingsInfo: config,
  });
  const commands = new CommandManager();
  commands.register(new ShowPanelCommand(panel));
  commands.register(new RefreshCommand(data));
  commands.register(new ShowLogCommand(log));
  context.subscriptions.push(
    log,
    config,
    data,
    statusBar,
    panel,
    commands,
    data.state.subscribe((state) => statusBar.update(state)),
    data.state.subscribe((state) => {
      alerts.onState(state).catch((error: unknown) => log.error(`Alert evaluation failed: ${describeError(error)}`));
    }),
    config.onDidChange((change) => {
      statusBar.applySettings(change.current);
      data.applySettings(change);
    }),
    vscode.window.onDidChangeWindowState((state) => data.setFocused(state.focused)),
  );

  statusBar.update(data.state.current);
  started = new Promise((resolve) => {
    const handle = setImmediate(() => {
      try {
        statusBar.startTicking();
        data.start();
      } catch (error) {
        log.error(`Starting the refresh failed: ${describeError(error)}`);
      }
      log.info(`Activated ${version}; source ${config.settings.mempoolUrl}; display language ${vscode.env.language}.`);
      resolve();
    });
    context.subscriptions.push(toDisposable(() => (clearImmediate(handle), resolve())));
  });
}

/** Resolves once the work activate() deferred has started (or its window was closed first). */
export function whenStarted(): Promise<void> {
  return started;
}

/** Hand the fetching job to another window at once (disposal alone would look like a crash). */
export async function deactivate(): Promise<void> {
  await activeData?.release().catch(() => undefined);
  activeData = undefined;
}
