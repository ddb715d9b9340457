// The refresh pipeline: who fetches (one window per profile holds a lease), how (websocket push for new
// blocks, tip-first polling as the fallback and safety net), and where results go (state, cache, the other
// windows, the log). Failures end up as a reason in the state and a log line — never a popup or a throw.
// Nothing touches the disk or the network before start(); the constructor reads nothing (activate() builds this).
import * as vscode from 'vscode';
import { StateHolder } from '../core/glance/state';
import { leaseTtlMs, type Lease, type LeaseState, type SharedGlance } from '../core/lease';
import type { NetworkSnapshot } from '../core/model';
import { RefreshScheduler, type RefreshResult, type RunOutcome } from '../core/scheduler';
import { glanceSourceHostOf, type Settings } from '../core/settings';
import { FollowerRefresh } from '../core/followerRefresh';
import { describeFailure, isTransportError, type Transport } from '../core/transport';
import type { HttpClient } from '../net/index';
import type { ConfigService, SettingsChange } from './config';
import { createGlanceSource } from './createSource';
import { Disposable } from './dispose';
import { SourceConnection } from './loggedHttpClient';
import { LeaseFolder } from './leaseFile';
import type { Log } from './log';
import { createSharedLease, type SharedLease } from './sharedLease';
import type { SnapshotStore } from './store';
import { persistAndShare } from './snapshotOutlet';
import { systemClock } from './systemClock';
import type { GlanceSource } from './sources/glanceSource';
import type { LivePush } from './sources/livePush';
import { pricesChanged, sourceKey } from './sources/sourceSettings';
import { loadSources } from './sources/sourcesBundle';

/** While push delivers blocks, polling only has to catch what push cannot (prices drift, a missed block). */
const PUSH_SAFETY_INTERVAL_MS = 30 * 60_000;

export interface DataServiceOptions {
  readonly config: ConfigService;
  readonly store: SnapshotStore;
  readonly log: Log;
  readonly userAgent: string;
  /** Folder shared by every window of the profile (global storage); null = fetch on our own. */
  readonly sharedDir: string | null;
  /** Unique per activation. */
  readonly ownerId: string;
  /** Deadline of one refresh (the scheduler's default when absent); tests shorten it. */
  readonly runTimeoutMs?: number;
  /** The node's RPC password from SecretStorage (source "bitcoind" with a user). */
  readonly nodePassword?: () => Promise<string | undefined>;
}

export class DataService extends Disposable {
  readonly state: StateHolder;
  /** The settings this service acts on: read at first use (activate() builds this service, reads nothing). */
  private settingsNow: Settings | undefined;
  private scheduler: RefreshScheduler | undefined;
  private readonly connection: SourceConnection;
  private source: GlanceSource | undefined;
  private push: LivePush | undefined;
  private cacheShown = false;
  private focused = vscode.window.state.focused;
  private shared: SharedLease | undefined;
  private started = false;
  private releasing: Promise<void> | undefined;
  /** A follower's manual refreshes (one at a time, after any Retry-After). */
  private readonly followerRefresh = new FollowerRefresh(
    () => this.refresh(),
    () => Date.now(),
  );
  /** The last snapshot another window shared: judged again once we know who holds the lease. */
  private lastShared: SharedGlance | undefined;
  private readonly settingsEmitter = this._register(new vscode.EventEmitter<SettingsChange>());
  /** Fires after the new settings are applied here, so listeners read them from this service. */
  readonly onDidChangeSettings = this.settingsEmitter.event;

  constructor(private readonly options: DataServiceOptions) {
    super();
    this.state = new StateHolder((message) => options.log.error(message));
    this.connection = new SourceConnection({
      url: () => this.current.mempoolUrl,
      proxy: () => options.config.proxy(),
      userAgent: options.userAgent,
      log: options.log,
    });
  }

  /**
   * The snapshot an earlier session cached, shown as cached until the first refresh. Called on the turn
   * after activate() (the first paint), and by start(); only the first call does anything. Returns whether
   * it changed the state (its listeners have then been told).
   */
  showCached(): boolean {
    if (this.cacheShown || this.isDisposed) return false;
    this.cacheShown = true;
    const { store, log } = this.options;
    const cached = store.load(this.sourceHost);
    if (cached) {
      this.state.restoreFromCache(cached);
      // After the first paint: a process's first date formatting loads the time zone data (milliseconds).
      // A stored time beyond a Date's range must not throw out here, where nothing would catch it.
      queueMicrotask(() => {
        const at = new Date(cached.fetchedAtMs);
        const when = Number.isNaN(at.getTime()) ? `an invalid time (${cached.fetchedAtMs})` : at.toISOString();
        log.info(`Showing the cached snapshot from ${when} until the first refresh.`);
      });
    }
    return cached !== null;
  }

  private get current(): Settings {
    this.settingsNow ??= this.options.config.settings;
    return this.settingsNow;
  }

  get sourceHost(): string {
    return glanceSourceHostOf(this.current);
  }

  get settings(): Settings {
    return this.current;
  }

  private get lease(): Lease | undefined {
    return this.shared?.lease;
  }

  /** Everything that reads files or the network starts here, after activation has returned. */
  start(): void {
    if (this.started || this.isDisposed) return;
    this.started = true;
    this.showCached();
    const { sharedDir, log } = this.options;
    if (!sharedDir) {
      this.becomeFetcher();
      return;
    }
    const onError = (message: string): void => log.warn(message);
    const folder = new LeaseFolder(sharedDir, { onError });
    // A folder no retry will cure would hold the first fetch back until the lease gave up on it.
    void folder.probe().then((problem) => {
      if (this.isDisposed || this.releasing) folder.dispose();
      else if (problem) {
        log.warn(`Shared folder ${sharedDir} unusable (${problem}): this window fetches on its own.`);
        folder.dispose();
        this.becomeFetcher();
      } else this.startLease(folder);
    });
  }

  private startLease(folder: LeaseFolder): void {
    const { ownerId, log } = this.options;
    const shared = createSharedLease(folder, {
      ownerId,
      ttlMs: leaseTtlMs(this.current.refreshIntervalMs),
      onError: (message) => log.warn(message),
      onLeaseChange: (l) => this.onLeaseChange(l),
      onShared: (g) => this.onShared(g),
      onFocusChange: () => void this.updateSchedulerFocus(),
    });
    this.shared = shared;
    shared.focusBeacon.setFocused(this.focused);
    shared.lease.start();
    void shared.channel.poll();
  }

  setFocused(focused: boolean): void {
    this.focused = focused;
    this.shared?.focusBeacon.setFocused(focused);
    void this.updateSchedulerFocus();
  }

  /** A user's refresh wants the network's answer, not the HTTP cache's — from whichever window asks. */
  refreshNow(): Promise<RefreshResult> {
    if (this.isDisposed) return Promise.resolve({ kind: 'disposed' });
    this.source?.clearCache();
    return this.scheduler ? this.scheduler.refreshNow() : this.followerRefresh.run();
  }

  /**
   * Only the source, the proxy (http.*) and live push touch the connection: a P&L edit or a status-bar
   * tweak must not drop the websocket, the HTTP cache or a refresh in flight. Then listeners hear of it.
   */
  applySettings(change: SettingsChange): void {
    const { previous, current } = change;
    this.settingsNow = current;
    const proxyChanged = this.connection.proxyChanged();
    if (sourceKey(previous) !== sourceKey(current)) {
      this.changeSource();
    } else {
      // With a node, mempoolUrl is only where prices come from: a new client, nothing else.
      if (proxyChanged || previous.mempoolUrl !== current.mempoolUrl) this.resetConnection();
      else if (previous.livePush !== current.livePush) this.resetPush();
      if (previous.refreshIntervalMs !== current.refreshIntervalMs) {
        this.lease?.setTtlMs(leaseTtlMs(current.refreshIntervalMs));
        this.scheduler?.setIntervalMs(this.pollIntervalMs());
      }
      if (pricesChanged(previous, current)) void this.scheduler?.refreshNow();
    }
    this.settingsEmitter.fire(change);
  }

  /** The shared HTTP client (one dispatcher, one User-Agent, one retry policy) for other views' requests. */
  transport(): Transport {
    return this.getClient();
  }

  /** The node's password was stored or cleared: the next refresh connects with it. */
  nodeCredentialsChanged(): void {
    this.source?.reset?.();
    void this.scheduler?.refreshNow();
  }

  /** Hands the job to another window at once instead of leaving it to the lease's expiry. */
  release(): Promise<void> {
    this.releasing ??= this.lease ? this.lease.release() : Promise.resolve();
    return this.releasing;
  }

  /** Proxy settings changed: rebuild the dispatcher (and the websocket) on next use. */
  private resetConnection(): void {
    this.connection.reset();
    this.resetPush();
  }

  /** Live push switched (or its connection must be rebuilt): the HTTP client stays. */
  private resetPush(): void {
    this.stopPush();
    if (this.scheduler && this.current.livePush) this.startPush();
  }

  private changeSource(): void {
    this.options.log.info(`Source changed to ${this.sourceHost}.`);
    this.source?.dispose();
    this.source = undefined;
    const fetching = this.scheduler !== undefined;
    // Backoff and Retry-After belonged to the old host.
    this.stopFetching();
    this.connection.reset();
    this.state.reset();
    const cached = this.options.store.load(this.sourceHost);
    if (cached) this.state.restoreFromCache(cached);
    if (fetching) this.becomeFetcher();
  }

  private onLeaseChange(lease: LeaseState): void {
    if (this.isDisposed) return;
    if (lease.problem) this.options.log.warn(`Shared storage unusable, fetching in this window: ${lease.problem}`);
    if (lease.role === 'holder' && !this.scheduler) {
      this.options.log.info(`This window now fetches for all windows (lease epoch ${lease.epoch}).`);
      this.becomeFetcher();
    } else if (lease.role === 'follower' && this.scheduler) {
      this.options.log.info('Another window fetches now; this one follows its snapshots.');
      this.stopFetching();
    }
    if (lease.role === 'follower' && this.lastShared) this.onShared(this.lastShared);
  }

  private onShared(glance: SharedGlance): void {
    this.lastShared = glance;
    if (this.scheduler || this.isDisposed) return;
    // Live only when the window that holds the lease right now wrote it. Anything else — a file left by
    // an earlier session, a window that has since closed or died — is shown as cached with its age.
    const lease = this.lease?.state;
    const fromCurrentHolder =
      lease?.role === 'follower' && lease.holderId === glance.writerId && lease.epoch === glance.epoch;
    if (glance.snapshot && glance.snapshot.sourceHost === this.sourceHost) {
      const current = this.state.current.snapshot;
      if (!fromCurrentHolder) this.state.restoreFromCache(glance.snapshot);
      else if (!current || glance.snapshot.fetchedAtMs >= current.fetchedAtMs) this.state.succeeded(glance.snapshot);
    }
    if (glance.error && fromCurrentHolder) this.state.failed(glance.error.message, glance.error.atMs);
  }

  private becomeFetcher(): void {
    const shared = this.state.current;
    this.scheduler = new RefreshScheduler({
      clock: systemClock,
      intervalMs: this.pollIntervalMs(),
      run: () => this.refresh(),
      focused: this.focused,
      ...(this.options.runTimeoutMs === undefined ? {} : { runTimeoutMs: this.options.runTimeoutMs }),
      // An abandoned run (a hostile server trickling bytes) must still end as a failure people can see.
      onRunTimeout: (reason) => {
        const atMs = Date.now();
        this.state.failed(reason, atMs);
        this.persistAndShare(null, { message: reason, atMs });
        this.options.log.error(
          `Refresh from ${this.sourceHost} abandoned: ${reason}${this.state.current.snapshot ? ' — keeping the last good data.' : ''}`,
        );
      },
    });
    // Taking over from another window: its snapshot is fresh, no need to fetch the moment we start.
    const fresh = shared.origin === 'live' && shared.snapshot && !shared.error;
    // (Never later than one interval from now, whatever time the snapshot claims.)
    if (fresh && shared.snapshot)
      this.scheduler.deferFirstRunUntil(Math.min(shared.snapshot.fetchedAtMs, Date.now()) + this.pollIntervalMs());
    this.scheduler.start();
    void this.updateSchedulerFocus();
    if (this.settings.livePush) this.startPush();
  }

  private stopFetching(): void {
    this.scheduler?.dispose();
    this.scheduler = undefined;
    this.stopPush();
  }

  private pollIntervalMs(): number {
    return this.push?.isOpen
      ? Math.max(PUSH_SAFETY_INTERVAL_MS, this.settings.refreshIntervalMs)
      : this.settings.refreshIntervalMs;
  }

  /** The fetching window keeps polling while ANY window is focused: it may be the unfocused one. */
  private async updateSchedulerFocus(): Promise<void> {
    if (!this.scheduler) return;
    const anyFocused = this.focused || ((await this.shared?.focusBeacon.anyFocused()) ?? false);
    this.scheduler?.setFocused(anyFocused);
  }

  private startPush(): void {
    // A node has no push (new blocks are noticed by polling getbestblockhash).
    if (this.push || this.isDisposed || this.current.source !== 'mempool') return;
    const { LivePush } = loadSources();
    this.push = new LivePush({
      baseUrl: this.settings.mempoolUrl,
      userAgent: this.options.userAgent,
      proxy: this.options.config.proxy(),
      log: this.options.log,
      current: () => (this.state.current.origin === 'live' ? this.state.current.snapshot : null),
      accept: (snapshot, settled) => {
        this.state.succeeded(snapshot);
        // Blocks of a burst are painted as they come; the disk and the other windows get the settled result.
        if (settled) this.persistAndShare(snapshot, null);
      },
      client: () => this.getClient(),
      onOpenChange: () => this.scheduler?.setIntervalMs(this.pollIntervalMs()),
      refreshIntervalMs: () => this.settings.refreshIntervalMs,
    });
  }

  private stopPush(): void {
    const push = this.push;
    // Cleared first: stop() reports the close, and the interval must then be computed without push.
    this.push = undefined;
    push?.stop();
  }

  private accept(snapshot: NetworkSnapshot): void {
    this.state.succeeded(snapshot);
    this.persistAndShare(snapshot, null);
  }

  private persistAndShare(snapshot: NetworkSnapshot | null, error: { message: string; atMs: number } | null): void {
    const { store, log } = this.options;
    persistAndShare({ store, log, shared: this.shared, shown: this.state.current.snapshot }, snapshot, error);
  }

  private getClient(): HttpClient {
    return this.connection.get();
  }

  private async refresh(): Promise<RunOutcome> {
    this.state.refreshStarted();
    const started = Date.now();
    const { log } = this.options;
    try {
      const previous = this.state.current.origin === 'live' ? this.state.current.snapshot : null;
      const { snapshot, warnings } = await (this.source ??= createGlanceSource({
        ...this.options,
        settings: () => this.current,
        client: () => this.getClient(),
      })).refresh(previous, this.state.current.snapshot);
      for (const warning of warnings) log.warn(warning);
      this.accept(snapshot);
      log.info(`Refreshed from ${this.sourceHost}: tip ${snapshot.tipHeight}, ${Date.now() - started} ms.`);
      return { ok: true };
    } catch (error) {
      const message = describeFailure(error);
      const atMs = Date.now();
      this.state.failed(message, atMs);
      this.persistAndShare(null, { message, atMs });
      log.error(
        `Refresh from ${this.sourceHost} failed: ${message}${this.state.current.snapshot ? ' — keeping the last good data.' : ''}`,
      );
      const retryAfterMs = isTransportError(error) ? error.details.retryAfterMs : undefined;
      return retryAfterMs === undefined ? { ok: false } : { ok: false, retryAfterMs };
    }
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.stopFetching();
    this.source?.dispose();
    this.connection.reset();
    // A closing window gives the lease back so another one takes over at once (deactivate() awaits it).
    void this.release();
    this.shared?.focusBeacon.dispose();
    this.shared?.folder.dispose();
  }
}
