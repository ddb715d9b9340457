// Composition root: build the parts, wire them, register commands in one place. The behaviour lives in the
// parts (src/vscode/, src/core/). activate() reads nothing and does no I/O: the settings, the status item
// with the cached snapshot (the first paint), the shared lease folder and the network all start on the next
// turn of the event loop, before VS Code's timer sends the item to the window.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from './core/errors';
import { sourceHostOf } from './core/settings';
import { AlertNotifier } from './vscode/alerts';
import { CommandManager } from './vscode/commandManager';
import { ConfigService } from './vscode/config';
import { DataService } from './vscode/dataService';
import { toDisposable } from './vscode/dispose';
import { RefreshCommand, ShowLogCommand } from './vscode/glanceCommands';
import { installLocalisation } from './vscode/l10n';
import { createLog } from './vscode/log';
import { NODE_PASSWORD_SECRET, SetNodePasswordCommand } from './vscode/nodePasswordCommand';
import { PanelFeature, ShowPanelCommand } from './vscode/panel/registration';
import { CopySnapshotCommand, InsertSnapshotCommand, type SnapshotSource } from './vscode/snapshotCommands';
import { StatusBarView } from './vscode/statusBar';
import { SecondOpinionService } from './vscode/node/secondOpinionService';
import { offerWalkthroughOnce } from './vscode/walkthrough';
import { SnapshotStore } from './vscode/store';

let activeData: DataService | undefined;
let started: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  installLocalisation();
  const log = createLog();
  const config = new ConfigService(log);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const userAgent = `mining-economics-vscode/${version} (+VS Code ${vscode.version})`;
  const nodePassword = (): Promise<string | undefined> => Promise.resolve(context.secrets.get(NODE_PASSWORD_SECRET));
  const data = new DataService({
    config,
    store: new SnapshotStore(context.globalState),
    log,
    userAgent,
    // Every window of the profile sees the same global storage: one of them fetches for all.
    sharedDir: path.join(context.globalStorageUri.fsPath, 'shared'),
    ownerId: `${vscode.env.sessionId}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    nodePassword,
  });
  activeData = data;
  const statusBar = new StatusBarView(
    () => config.settings,
    log,
    () => data.sourceHost,
  );
  const alerts = new AlertNotifier(context.globalState, () => config.settings, log);
  const panel = new PanelFeature({
    extensionUri: context.extensionUri,
    globalStorageUri: context.globalStorageUri,
    log,
    host: data,
    settingsInfo: config,
    nodePassword,
    userAgent,
  });
  const secondOpinion = new SecondOpinionService({
    log,
    settings: () => config.settings,
    transport: () => data.transport(),
    // With the node as the source, the other opinion is the mempool instance of the settings.
    mempoolHost: () => sourceHostOf(config.settings.mempoolUrl),
    nodePassword,
    userAgent,
    now: () => Date.now(),
    onView: (opinion) => statusBar.setSecondOpinion(opinion),
  });
  const commands = new CommandManager();
  commands.register(new ShowPanelCommand(panel));
  commands.register(new RefreshCommand(data));
  commands.register(new ShowLogCommand(log));
  commands.register(new SetNodePasswordCommand(context.secrets, () => config.settings.bitcoind.user, log));
  const snapshotSource: SnapshotSource = {
    state: data.state,
    get sourceHost() {
      return data.sourceHost;
    },
    settings: () => config.settings,
  };
  commands.register(new InsertSnapshotCommand(snapshotSource));
  commands.register(new CopySnapshotCommand(snapshotSource));
  context.subscriptions.push(
    log,
    config,
    data,
    statusBar,
    panel,
    commands,
    data.state.subscribe((state) => statusBar.update(state)),
    secondOpinion,
    data.state.subscribe((state) => {
      if (state.origin === 'live' && !state.refreshing) secondOpinion.refreshed();
    }),
    data.state.subscribe((state) => {
      alerts.onState(state).catch((error: unknown) => log.error(`Alert evaluation failed: ${describeError(error)}`));
    }),
    config.onDidChange((change) => {
      statusBar.applySettings(change.current);
      data.applySettings(change);
    }),
    vscode.window.onDidChangeWindowState((state) => data.setFocused(state.focused)),
    context.secrets.onDidChange((e) => {
      if (e.key === NODE_PASSWORD_SECRET) data.nodeCredentialsChanged();
    }),
  );

  started = new Promise((resolve) => {
    // The first paint (the cached snapshot, if any) is rendered here, not in activate(): VS Code sends a status
    // item's changes to the window on a timer, which fires after this turn, so the window's first frame is the same.
    const handle = setImmediate(() => {
      try {
        // The cached snapshot reaches the item through the state's listener; without one, the item shows loading.
        if (!data.showCached()) statusBar.update(data.state.current);
        statusBar.startTicking();
        data.start();
      } catch (error) {
        log.error(`Starting the refresh failed: ${describeError(error)}`);
      }
      log.info(`Activated ${version}; source ${data.sourceHost}; display language ${vscode.env.language}.`);
      void offerWalkthroughOnce({
        globalState: context.globalState,
        extensionId: context.extension.id,
        testMode: context.extensionMode === vscode.ExtensionMode.Test,
        openOnInstall:
          vscode.workspace.getConfiguration('workbench').get<boolean>('welcomePage.walkthroughs.openOnInstall') ?? true,
        executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
        log,
      });
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
