// One panel per window: "Show" reveals it or creates it; a reload revives it with the range it had. The
// history loader and its disk cache belong to the window, not to a panel, so closing and reopening the
// panel costs no request.
import * as vscode from 'vscode';
import { fetchPrices } from '../../core/history/fetchHistory';
import { HistoryLoader } from '../../core/history/loader';
import { isRangeId, PANEL_VIEW_TYPE, type RangeId } from '../../shared/protocol';
import { Disposable } from '../dispose';
import { createNodeClient, nodeDisplayHost, nodeSettingsKey, readNodeSettings } from '../node/nodeSettings';
import type { JsonRpcClient } from '../../net/jsonRpc';
import { HistoryDiskCache } from './historyDiskCache';
import { MiningPanel } from './miningPanel';
import { NodeHistorySource } from './nodeHistorySource';
import type { PanelDeps } from './panelHost';
import { PANEL_TITLE, panelResourceRoots } from './panelWebview';

export const DEFAULT_RANGE: RangeId = '1Y';

/** Reads the range a revived webview had chosen (its state is the webview's own; only this field matters here). */
export function rangeFromState(state: unknown): RangeId | null {
  const range = typeof state === 'object' && state !== null ? (state as { range?: unknown }).range : undefined;
  return isRangeId(range) ? range : null;
}

export class PanelManager extends Disposable {
  private current: MiningPanel | undefined;
  private readonly shared: {
    readonly loader: HistoryLoader;
    readonly disk: HistoryDiskCache;
    readonly node: () => NodeHistorySource | null;
  };
  /** The node's history and client while the node is the source, for the settings they were made with. */
  private nodeHistory: { key: string; source: NodeHistorySource; client: Promise<JsonRpcClient> | null } | null = null;

  constructor(private readonly deps: PanelDeps) {
    super();
    const { host, log } = deps;
    this.shared = {
      loader: new HistoryLoader({
        transport: () => host.transport(),
        sourceHost: () => host.sourceHost,
        now: () => Date.now(),
        onWarning: (message) => log.warn(`History: ${message}`),
      }),
      disk: new HistoryDiskCache(deps.globalStorageUri, log),
      node: () => this.nodeSource(),
    };
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!['source', 'bitcoind'].some((k) => event.affectsConfiguration(`miningEconomics.${k}`))) return;
        this.closeNode();
        this.current?.sourceChanged();
      }),
    );
  }

  /** The node's history source when `miningEconomics.source` is bitcoind, made (again) for its settings. */
  private nodeSource(): NodeHistorySource | null {
    const settings = readNodeSettings(this.deps.host.settings);
    if (settings.source !== 'bitcoind') {
      this.closeNode();
      return null;
    }
    const key = nodeSettingsKey(settings);
    if (this.nodeHistory?.key === key) return this.nodeHistory.source;
    this.closeNode();
    const { host, log } = this.deps;
    const entry: { key: string; source: NodeHistorySource; client: Promise<JsonRpcClient> | null } = {
      key,
      client: null,
      source: new NodeHistorySource({
        storageDir: this.deps.globalStorageUri,
        log,
        sourceHost: nodeDisplayHost(settings),
        now: () => Date.now(),
        prices: (currency) => fetchPrices(host.transport(), currency),
        node: () => {
          entry.client ??= createNodeClient(settings, {
            log,
            userAgent: this.deps.userAgent ?? 'mining-economics',
            password: this.deps.nodePassword ?? (() => Promise.resolve(undefined)),
          });
          // A client that could not be made (bad URL) is made again next time, after the settings change.
          return entry.client.catch((error: unknown) => {
            entry.client = null;
            throw error;
          });
        },
      }),
    };
    this.nodeHistory = entry;
    return entry.source;
  }

  private closeNode(): void {
    const client = this.nodeHistory?.client;
    this.nodeHistory = null;
    void client?.then((c) => c.close()).catch(() => undefined);
  }

  /** "Bitcoin: Show Mining Economics": reveals the panel, creating it if needed. */
  show(): void {
    if (this.current) {
      this.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, PANEL_TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: panelResourceRoots(this.deps.extensionUri),
    });
    this.adopt(panel, DEFAULT_RANGE);
  }

  /** WebviewPanelSerializer: restores the panel after a window reload; the webview restores its own state. */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    this.current?.dispose();
    this.adopt(panel, rangeFromState(state) ?? DEFAULT_RANGE);
  }

  override dispose(): void {
    this.closeNode();
    this.current?.dispose();
    super.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, range: RangeId): void {
    const created = new MiningPanel(panel, this.deps, this.shared, range);
    this.current = created;
    created.onDidDispose(() => {
      if (this.current === created) this.current = undefined;
    });
  }
}
