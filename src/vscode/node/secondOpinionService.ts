// Fetches the other source's cheap figures for the hover's second opinion, at most once per refresh
// interval, and only when both sources are configured: with `source: mempool`, a node the user set up
// (`bitcoind.url` set explicitly); with `source: bitcoind`, the mempool instance of `mempoolUrl`. Setting
// `secondOpinion` to `off` stops it. A failure is logged once per kind and clears the line (no guess).
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { Settings } from '../../core/settings';
import { shownSourceHost } from '../../core/settings';
import type { Transport } from '../../core/transport';
import type { SourceView } from '../../core/views/secondOpinion';
import type { JsonRpcClient } from '../../net/jsonRpc';
import type { Log } from '../log';
import { loadNode } from './nodeBundle';
import { createNodeClient, nodeConfigured, nodeSettingsKey, readNodeSettings, type NodeSettings } from './nodeSettings';

/** The node as named in the second opinion's sentences, in the display language. */
export const nodeViewName = (): string => vscode.l10n.t('your node');

export interface SecondOpinionDeps {
  readonly log: Log;
  readonly settings: () => Settings;
  /** The shared mempool HTTP client, and its host as shown to people ("mempool.space"). */
  readonly transport: () => Transport;
  readonly mempoolHost: () => string;
  readonly nodePassword: () => Promise<string | undefined>;
  readonly userAgent: string;
  readonly now: () => number;
  /** The primary source's name and the other view (null: no second opinion to show). */
  readonly onView: (opinion: { readonly primaryName: string; readonly other: SourceView } | null) => void;
  /** For tests: the node settings (default: the workspace configuration). */
  readonly nodeSettings?: () => NodeSettings;
  readonly createClient?: (settings: NodeSettings) => Promise<Pick<JsonRpcClient, 'batch' | 'close'>>;
}

export class SecondOpinionService implements vscode.Disposable {
  private lastFetchMs = -Infinity;
  private inflight = false;
  private client: { key: string; client: Promise<Pick<JsonRpcClient, 'batch' | 'close'>> } | null = null;
  private lastError: string | null = null;

  constructor(private readonly deps: SecondOpinionDeps) {}

  /** The configured source just refreshed: fetch the other one if due. */
  refreshed(): void {
    const node = this.deps.nodeSettings ? this.deps.nodeSettings() : readNodeSettings(this.deps.settings());
    const settings = this.deps.settings();
    if (node.secondOpinion === 'off' || !nodeConfigured(node)) {
      this.lastFetchMs = -Infinity;
      this.deps.onView(null);
      return;
    }
    if (this.inflight || this.deps.now() - this.lastFetchMs < settings.refreshIntervalMs) return;
    this.inflight = true;
    this.lastFetchMs = this.deps.now();
    const mempoolName = shownSourceHost(this.deps.mempoolHost());
    // Loading the node bundle can fail too (a broken install): inside the promise, so it lands in the catch.
    const fetching = Promise.resolve().then(async () => {
      const views = loadNode();
      if (node.source === 'bitcoind')
        return { primaryName: nodeViewName(), other: await views.fetchMempoolView(this.deps.transport(), mempoolName) };
      const client = await this.nodeClient(node);
      return { primaryName: mempoolName, other: await views.fetchNodeView(client, nodeViewName()) };
    });
    void fetching
      .then((opinion) => {
        this.lastError = null;
        this.deps.onView(opinion);
      })
      .catch((error: unknown) => {
        const message = describeError(error);
        if (message !== this.lastError) this.deps.log.warn(`Second opinion unavailable: ${message}`);
        this.lastError = message;
        this.deps.onView(null);
      })
      .finally(() => {
        this.inflight = false;
      });
  }

  private nodeClient(settings: NodeSettings): Promise<Pick<JsonRpcClient, 'batch' | 'close'>> {
    const key = nodeSettingsKey(settings);
    if (this.client?.key === key) return this.client.client;
    this.closeClient();
    const client = (
      this.deps.createClient ??
      ((s) =>
        createNodeClient(s, { log: this.deps.log, userAgent: this.deps.userAgent, password: this.deps.nodePassword }))
    )(settings);
    this.client = { key, client };
    // A client that could not be made is made again on the next refresh.
    client.catch(() => {
      if (this.client?.client === client) this.client = null;
    });
    return client;
  }

  private closeClient(): void {
    const client = this.client?.client;
    this.client = null;
    void client?.then((c) => c.close()).catch(() => undefined);
  }

  dispose(): void {
    this.closeClient();
  }
}
