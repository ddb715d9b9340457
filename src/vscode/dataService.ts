// The refresh pipeline: scheduler → HTTP client → fetchSnapshot → state + cache + log.
// Failures end up as a reason in the state (shown in the hover) and a log line — never a popup or a throw.
import * as vscode from 'vscode';
import { fetchSnapshot } from '../core/fetchSnapshot';
import { StateHolder } from '../core/glance/state';
import { RefreshScheduler, type RefreshResult, type RunOutcome } from '../core/scheduler';
import { sourceHostOf, type Settings } from '../core/settings';
import { describeFailure, isTransportError, type Transport } from '../core/transport';
import type { HttpClient } from '../net/httpClient';
import type { ConfigService } from './config';
import { loadNet } from './lazyModules';
import type { Log } from './log';
import type { SnapshotStore } from './store';
import { systemClock } from './systemClock';

export class DataService implements vscode.Disposable {
  readonly state = new StateHolder();
  private scheduler: RefreshScheduler;
  private client: HttpClient | undefined;
  private settings: Settings;

  constructor(
    private readonly config: ConfigService,
    private readonly store: SnapshotStore,
    private readonly log: Log,
    private readonly userAgent: string,
  ) {
    this.settings = config.settings;
    const cached = store.load(this.sourceHost);
    if (cached) {
      this.state.restoreFromCache(cached);
      log.info(`Showing the cached snapshot from ${new Date(cached.fetchedAtMs).toISOString()} until the first refresh.`);
    }
    this.scheduler = this.createScheduler();
  }

  get sourceHost(): string {
    return sourceHostOf(this.settings.mempoolUrl);
  }

  start(): void {
    this.scheduler.start();
  }

  setFocused(focused: boolean): void {
    this.scheduler.setFocused(focused);
  }

  /** A user's refresh wants the network's answer, not the HTTP cache's. */
  refreshNow(): Promise<RefreshResult> {
    this.client?.clearCache();
    return this.scheduler.refreshNow();
  }

  applySettings(previous: Settings, current: Settings): void {
    this.settings = current;
    if (previous.mempoolUrl !== current.mempoolUrl) {
      this.log.info(`Source changed to ${current.mempoolUrl}.`);
      void this.client?.close();
      this.client = undefined;
      this.state.reset();
      const cached = this.store.load(this.sourceHost);
      if (cached) this.state.restoreFromCache(cached);
      // Backoff and Retry-After belonged to the old host.
      this.scheduler.dispose();
      this.scheduler = this.createScheduler();
      this.scheduler.start();
    } else if (previous.refreshIntervalMs !== current.refreshIntervalMs) {
      this.scheduler.setIntervalMs(current.refreshIntervalMs);
    }
  }

  /** The shared HTTP client (one dispatcher, one User-Agent, one retry policy) for other views' requests. */
  transport(): Transport {
    return this.getClient();
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  /** Proxy settings changed: rebuild the dispatcher on next use. */
  resetConnection(): void {
    void this.client?.close();
    this.client = undefined;
  }

  private createScheduler(): RefreshScheduler {
    return new RefreshScheduler({
      clock: systemClock,
      intervalMs: this.settings.refreshIntervalMs,
      run: () => this.refresh(),
      focused: vscode.window.state.focused,
    });
  }

  private getClient(): HttpClient {
    if (!this.client) {
      const { HttpClient } = loadNet();
      this.client = new HttpClient({
        baseUrl: this.settings.mempoolUrl,
        userAgent: this.userAgent,
        proxy: this.config.proxy(),
        onExchange: (x) => {
          const line = x.cached
            ? `GET ${x.path} → fresh in the HTTP cache, no request`
            : `GET ${x.path} → ${x.status ?? 'no response'} (${x.bytes} B, ${x.ms} ms, attempt ${x.attempt})${x.error ? `: ${x.error}` : ''}`;
          if (x.error) this.log.warn(line);
          else this.log.debug(line);
        },
      });
    }
    return this.client;
  }

  private async refresh(): Promise<RunOutcome> {
    this.state.refreshStarted();
    const started = Date.now();
    try {
      const { snapshot, warnings } = await fetchSnapshot(this.getClient(), this.sourceHost, () => Date.now(), this.state.current.snapshot);
      for (const warning of warnings) this.log.warn(warning);
      this.state.succeeded(snapshot);
      this.log.info(`Refreshed from ${this.sourceHost}: tip ${snapshot.tipHeight}, ${Date.now() - started} ms.`);
      this.store.save(snapshot).then(undefined, (error: unknown) => this.log.warn(`Could not persist the snapshot: ${describeFailure(error)}`));
      return { ok: true };
    } catch (error) {
      const message = describeFailure(error);
      this.state.failed(message, Date.now());
      this.log.error(`Refresh from ${this.sourceHost} failed: ${message}${this.state.current.snapshot ? ' — keeping the last good data.' : ''}`);
      const retryAfterMs = isTransportError(error) ? error.details.retryAfterMs : undefined;
      return retryAfterMs === undefined ? { ok: false } : { ok: false, retryAfterMs };
    }
  }

  dispose(): void {
    this.scheduler.dispose();
    void this.client?.close();
  }
}
