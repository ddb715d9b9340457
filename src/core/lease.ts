// One fetcher for all windows of a profile. The windows share a folder (the extension's global storage)
// but no lock: a lease record says who fetches until when; the holder renews it every third of its TTL;
// anyone may take an absent, released or expired lease. Without an atomic compare-and-swap, two windows
// can both see the lease free and both write; writes are atomic replacements (temp + rename), so the last
// rename wins, and each writer waits `settleMs` and reads back: only the one whose record survived holds.
// A writer slower than settleMs can still win a brief second tenure; the loser sees a foreign record at
// its next renewal and steps down — two windows fetching for a few seconds is harmless, so this is enough.
//
// The holder publishes each snapshot to a second record; followers read it when it changes. A third
// record lets followers say "a window is focused", because the holder pauses polling when IT is unfocused.
// Everything here is pure: storage and clock are injected (src/vscode/leaseFile.ts provides files).

import type { NetworkSnapshot } from './model';
import type { Clock } from './scheduler';

/** One record in storage every window of the profile shares. */
export interface SharedText {
  /** The whole text, or null when there is none yet. */
  read(): Promise<string | null>;
  /** Replaces the whole text atomically: a reader sees the old or the new text, never a mix. */
  write(text: string): Promise<void>;
}

export interface LeaseRecord {
  readonly ownerId: string;
  /** +1 at every change of holder: tells a renewal from a takeover in logs. */
  readonly epoch: number;
  /** Wall clock; 0 = released on purpose (take over at once). */
  readonly expiresAtMs: number;
}

/**
 * The holder renews on its own timer, not when it fetches, so the TTL only has to outlast a stalled
 * extension host, not an interval: half the interval, within [20 s, 2 min]. A dead holder is then replaced
 * within one refresh interval (a closed window hands over at once: it releases).
 */
export function leaseTtlMs(refreshIntervalMs: number): number {
  return Math.min(120_000, Math.max(20_000, refreshIntervalMs / 2));
}

export function parseLeaseRecord(text: string | null): LeaseRecord | null {
  const o = parseObject(text);
  if (!o || typeof o.ownerId !== 'string' || o.ownerId === '' || !isCount(o.epoch) || !isCount(o.expiresAtMs)) return null;
  return { ownerId: o.ownerId, epoch: o.epoch, expiresAtMs: o.expiresAtMs };
}

export type LeaseRole = 'holder' | 'follower';

export interface LeaseState {
  readonly role: LeaseRole;
  /** Who holds the lease as far as we know (null: nobody, or unknown). */
  readonly holderId: string | null;
  readonly epoch: number;
  /** Set when the shared folder cannot be used: we then fetch on our own, like before leases existed. */
  readonly problem: string | null;
}

export interface LeaseOptions {
  readonly store: SharedText;
  readonly clock: Clock;
  /** Unique per window and per activation. */
  readonly ownerId: string;
  readonly ttlMs: number;
  /** How long a writer waits before reading back (longer than a write takes; default 300 ms). */
  readonly settleMs?: number;
  /** A lease is considered expired only this long after its time (clock differences; default 2 s). */
  readonly skewGraceMs?: number;
  readonly onChange?: (state: LeaseState) => void;
}

/** Rounds in a row the store may fail before we fetch on our own. */
const FAILURES_BEFORE_SOLO = 2;

export class Lease {
  private ttlMs: number;
  private readonly settleMs: number;
  private readonly graceMs: number;
  private current: LeaseState = { role: 'follower', holderId: null, epoch: 0, problem: null };
  /** The record the last round saw, to time the next look at the holder's expiry. */
  private lastSeen: LeaseRecord | null = null;
  private timer: unknown = undefined;
  private running: Promise<void> | null = null;
  private rerun = false;
  private failures = 0;
  private disposed = false;

  constructor(private readonly options: LeaseOptions) {
    this.ttlMs = options.ttlMs;
    this.settleMs = options.settleMs ?? 300;
    this.graceMs = options.skewGraceMs ?? 2_000;
  }

  get state(): LeaseState {
    return this.current;
  }

  get isHolder(): boolean {
    return this.current.role === 'holder';
  }

  /** Runs the first round now; later rounds run on their own timer. */
  start(): void {
    void this.check();
  }

  setTtlMs(ttlMs: number): void {
    this.ttlMs = ttlMs;
  }

  /**
   * One round now (e.g. the lease file changed). Rounds never overlap: a call during a round makes one
   * more round run after it. Never rejects.
   */
  check(): Promise<LeaseState> {
    if (this.disposed) return Promise.resolve(this.current);
    if (this.running) {
      this.rerun = true;
      return this.running.then(() => this.current);
    }
    this.clearTimer();
    this.running = (async () => {
      do {
        this.rerun = false;
        await this.round();
      } while (this.rerun && !this.disposed);
    })().finally(() => {
      this.running = null;
      this.arm();
    });
    return this.running.then(() => this.current);
  }

  /** Leaving on purpose (window closing): the next window takes over without waiting for expiry. */
  async release(): Promise<void> {
    this.dispose();
    // A round in flight may just have taken the lease: wait for it, then give back whatever is ours.
    await this.running?.catch(() => undefined);
    try {
      const record = parseLeaseRecord(await this.options.store.read());
      if (record?.ownerId === this.options.ownerId) await this.write({ ...record, expiresAtMs: 0 });
    } catch {
      // The lease will simply expire.
    }
  }

  /** Stops without releasing — to the other windows this looks exactly like a crash. No onChange. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.current = { ...this.current, role: 'follower' };
  }

  private async round(): Promise<void> {
    try {
      const { clock, ownerId } = this.options;
      const record = parseLeaseRecord(await this.options.store.read());
      if (this.disposed) return;
      const now = clock.now();
      const live = record !== null && record.expiresAtMs > 0 && now < record.expiresAtMs + this.graceMs;
      if (live && record.ownerId !== ownerId) {
        this.succeeded({ role: 'follower', holderId: record.ownerId, epoch: record.epoch, problem: null }, record);
        return;
      }
      // Renewed within the last third: nothing to write. Keeps a check prompted by our own write (the
      // folder watcher reports those too) from writing again, and again.
      if (live && record.expiresAtMs - now > (this.ttlMs * 2) / 3) {
        this.succeeded({ role: 'holder', holderId: ownerId, epoch: record.epoch, problem: null }, record);
        return;
      }
      // Ours and live: renew in place. Free (absent, released, expired — ours or not): take it, epoch + 1.
      const epoch = live ? record.epoch : (record?.epoch ?? 0) + 1;
      await this.write({ ownerId, epoch, expiresAtMs: now + this.ttlMs });
      if (!live) await this.sleep(this.settleMs);
      if (this.disposed) return;
      const back = parseLeaseRecord(await this.options.store.read());
      const won = back?.ownerId === ownerId && back.epoch === epoch;
      this.succeeded({ role: won ? 'holder' : 'follower', holderId: back?.ownerId ?? null, epoch: back?.epoch ?? epoch, problem: null }, back);
    } catch (error) {
      if (this.disposed) return;
      this.failures++;
      if (this.failures >= FAILURES_BEFORE_SOLO) {
        const problem = `shared lease unavailable (${error instanceof Error ? error.message : String(error)}): fetching on our own`;
        this.set({ role: 'holder', holderId: this.options.ownerId, epoch: this.current.epoch, problem });
      }
    }
  }

  private succeeded(state: LeaseState, record: LeaseRecord | null): void {
    this.failures = 0;
    this.lastSeen = record;
    this.set(state);
  }

  private set(next: LeaseState): void {
    const prev = this.current;
    this.current = next;
    if (prev.role === next.role && prev.holderId === next.holderId && prev.epoch === next.epoch && prev.problem === next.problem) return;
    try {
      this.options.onChange?.(next);
    } catch {
      // A listener's bug must not stop the lease cycle.
    }
  }

  /** Holder: renew at a third of the TTL. Follower: look again at the holder's expiry, or a third of the TTL. */
  private arm(): void {
    if (this.disposed) return;
    const third = this.ttlMs / 3;
    let delayMs = third;
    if (this.current.role === 'follower' && this.lastSeen && this.lastSeen.expiresAtMs > 0) {
      delayMs = Math.min(third, Math.max(0, this.lastSeen.expiresAtMs + this.graceMs - this.options.clock.now()) + 1);
    }
    this.clearTimer();
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, delayMs);
  }

  private write(record: LeaseRecord): Promise<void> {
    return this.options.store.write(JSON.stringify(record));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.options.clock.setTimeout(resolve, ms));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.options.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The shared snapshot

export interface SharedGlance {
  /** Who wrote it, and under which lease epoch. */
  readonly writerId: string;
  readonly epoch: number;
  readonly writtenAtMs: number;
  readonly snapshot: NetworkSnapshot | null;
  /** The holder's latest failure, so followers can show the same "stale because…" reason. */
  readonly error: { readonly message: string; readonly atMs: number } | null;
}

export function encodeSharedGlance(glance: SharedGlance): string {
  return JSON.stringify({ v: 1, ...glance });
}

/** Null for anything that is not a version-1 envelope with a plausible snapshot (or none). */
export function decodeSharedGlance(text: string | null): SharedGlance | null {
  const o = parseObject(text);
  if (!o || o.v !== 1 || typeof o.writerId !== 'string' || !isCount(o.epoch) || !isCount(o.writtenAtMs)) return null;
  const snapshot = o.snapshot === null ? null : isSnapshotLike(o.snapshot) ? o.snapshot : undefined;
  if (snapshot === undefined) return null;
  const e = o.error as { message?: unknown; atMs?: unknown } | null | undefined;
  const error = e && typeof e.message === 'string' && isCount(e.atMs) ? { message: e.message, atMs: e.atMs } : null;
  return { writerId: o.writerId, epoch: o.epoch, writtenAtMs: o.writtenAtMs, snapshot, error };
}

/** Shallow, like the globalState cache's check: the writer is our own code, possibly another version. */
function isSnapshotLike(value: unknown): value is NetworkSnapshot {
  const v = value as Partial<NetworkSnapshot> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.schema === 1 &&
    typeof v.fetchedAtMs === 'number' &&
    typeof v.sourceHost === 'string' &&
    typeof v.tipHeight === 'number' &&
    typeof v.hashrate?.currentHashrateHps === 'number' &&
    Array.isArray(v.hashrate.daily) &&
    typeof v.adjustment?.estimatedRetargetMs === 'number' &&
    typeof v.rewardStats?.totalFeeSats === 'number' &&
    typeof v.prices?.perBtc === 'object' &&
    Array.isArray(v.latestBlocks)
  );
}

export interface SnapshotChannelOptions {
  readonly store: SharedText;
  readonly ownerId: string;
  /** A newer glance from another window. Snapshots never go back in time for the same source. */
  readonly onReceive: (glance: SharedGlance) => void;
}

export class SnapshotChannel {
  private lastKey = '';
  private newest = new Map<string, number>();

  constructor(private readonly options: SnapshotChannelOptions) {}

  /** Holder: replace the shared glance. Rejects when the store cannot be written (the caller logs). */
  async publish(glance: Omit<SharedGlance, 'writerId'>): Promise<void> {
    const full: SharedGlance = { ...glance, writerId: this.options.ownerId };
    this.remember(full);
    await this.options.store.write(encodeSharedGlance(full));
  }

  /** Follower: read the shared glance and pass it on if it is new. Never rejects; returns what was passed on. */
  async poll(): Promise<SharedGlance | null> {
    let glance: SharedGlance | null;
    try {
      glance = decodeSharedGlance(await this.options.store.read());
    } catch {
      return null;
    }
    if (!glance || glance.writerId === this.options.ownerId) return null;
    const key = `${glance.writerId}/${glance.epoch}/${glance.writtenAtMs}`;
    if (key === this.lastKey) return null;
    // A deposed holder's late write must not replace newer data from its successor.
    const s = glance.snapshot;
    if (s && s.fetchedAtMs < (this.newest.get(s.sourceHost) ?? 0)) return null;
    this.lastKey = key;
    this.remember(glance);
    try {
      this.options.onReceive(glance);
    } catch {
      // The host's handler failing must not stop later deliveries.
    }
    return glance;
  }

  private remember(glance: SharedGlance): void {
    const s = glance.snapshot;
    if (s) this.newest.set(s.sourceHost, Math.max(s.fetchedAtMs, this.newest.get(s.sourceHost) ?? 0));
  }
}

// ---------------------------------------------------------------------------------------------------
// Focus across windows

export interface FocusBeaconOptions {
  readonly store: SharedText;
  readonly clock: Clock;
  readonly ownerId: string;
  /** A "focused" note counts this long after it was written; refreshed at a third of it while focused. */
  readonly freshForMs: number;
}

/**
 * "Some window is focused", for the holder's scheduler (which pauses when nobody looks). Notes are never
 * withdrawn, only left to age: two windows trading focus cannot then overwrite each other into "nobody".
 */
export class FocusBeacon {
  private focused = false;
  private timer: unknown = undefined;
  private disposed = false;

  constructor(private readonly options: FocusBeaconOptions) {}

  /** Rejections from writes are swallowed: at worst the holder pauses until our next note. */
  setFocused(focused: boolean): void {
    if (this.disposed || focused === this.focused) return;
    this.focused = focused;
    this.clearTimer();
    if (focused) this.note();
  }

  /** Whether any window (this one included) was focused within freshForMs. Never rejects. */
  async anyFocused(): Promise<boolean> {
    if (this.focused) return true;
    try {
      const o = parseObject(await this.options.store.read());
      return o !== null && isCount(o.focusedAtMs) && this.options.clock.now() - o.focusedAtMs < this.options.freshForMs;
    } catch {
      return false;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private note(): void {
    if (this.disposed || !this.focused) return;
    const { store, clock, ownerId, freshForMs } = this.options;
    store.write(JSON.stringify({ ownerId, focusedAtMs: clock.now() })).catch(() => undefined);
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      this.note();
    }, freshForMs / 3);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.options.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------------

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null || text.trim() === '') return null;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
