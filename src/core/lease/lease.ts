// One fetcher for all windows of a profile. The windows share a folder (the extension's global storage)
// but no lock: a lease record says who fetches until when; the holder renews it every third of its TTL;
// anyone may take an absent, released or expired lease. Without an atomic compare-and-swap, two windows
// can both see the lease free and both write; writes are atomic replacements (temp + rename), so the last
// rename wins, and each writer waits `settleMs` and reads back: only the one whose record survived holds.
// A writer slower than settleMs can still win a brief second tenure; the loser sees a foreign record at
// its next renewal and steps down — two windows fetching for a few seconds is harmless, so this is enough.
//
// A lease whose expiry lies further ahead than any lease is ever written for (a clock corrected backwards,
// a damaged file) is not believed: it would otherwise stop every window from fetching until that time.

import { describeError } from '../errors';
import type { Clock } from '../scheduler';
import { FUTURE_TOLERANCE_MS, isCount, parseObject, type ReportError, type SharedText } from './records';

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
  return Math.min(MAX_LEASE_TTL_MS, Math.max(20_000, refreshIntervalMs / 2));
}

/** The longest lease any window writes (other windows may run with other settings, so not our own TTL). */
export const MAX_LEASE_TTL_MS = 120_000;

export function parseLeaseRecord(text: string | null): LeaseRecord | null {
  const o = parseObject(text);
  if (!o || typeof o.ownerId !== 'string' || o.ownerId === '' || !isCount(o.epoch) || !isCount(o.expiresAtMs))
    return null;
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
  /** Failures the lease works around (a store error, a listener's bug): for the log. */
  readonly onError?: ReportError;
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
    } catch (error) {
      this.options.onError?.(`Could not release the lease (it will expire instead): ${describeError(error)}`);
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
      const plausible = record !== null && record.expiresAtMs <= now + MAX_LEASE_TTL_MS + FUTURE_TOLERANCE_MS;
      if (record && !plausible)
        this.options.onError?.(
          `Ignored a lease held by ${record.ownerId} until ${new Date(record.expiresAtMs).toISOString()}: later than any lease is written for.`,
        );
      const live = record !== null && plausible && record.expiresAtMs > 0 && now < record.expiresAtMs + this.graceMs;
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
      this.succeeded(
        {
          role: won ? 'holder' : 'follower',
          holderId: back?.ownerId ?? null,
          epoch: back?.epoch ?? epoch,
          problem: null,
        },
        back,
      );
    } catch (error) {
      if (this.disposed) return;
      this.failures++;
      this.options.onError?.(`Lease round failed (${this.failures} in a row): ${describeError(error)}`);
      if (this.failures >= FAILURES_BEFORE_SOLO) {
        const problem = `shared lease unavailable (${describeError(error)}): fetching on our own`;
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
    if (
      prev.role === next.role &&
      prev.holderId === next.holderId &&
      prev.epoch === next.epoch &&
      prev.problem === next.problem
    )
      return;
    try {
      this.options.onChange?.(next);
    } catch (error) {
      // A listener's bug must not stop the lease cycle.
      this.options.onError?.(`A lease listener failed: ${describeError(error)}`);
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
