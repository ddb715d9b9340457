// The holder publishes each snapshot to a shared record; followers read it when it changes (the host's
// folder watcher says when) and show it as their own.

import { describeError } from '../errors';
import type { Clock } from '../scheduler';
import {
  decodeSharedGlance,
  encodeSharedGlance,
  FUTURE_TOLERANCE_MS,
  type ReportError,
  type SharedGlance,
  type SharedText,
} from './records';

export interface SnapshotChannelOptions {
  readonly store: SharedText;
  readonly clock: Pick<Clock, 'now'>;
  readonly ownerId: string;
  /** A newer glance from another window. Snapshots never go back in time for the same source. */
  readonly onReceive: (glance: SharedGlance) => void;
  readonly onError?: ReportError;
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
    } catch (error) {
      this.options.onError?.(`Could not read the snapshot shared by another window: ${describeError(error)}`);
      return null;
    }
    if (!glance || glance.writerId === this.options.ownerId) return null;
    // A time in the future is no time at all: believing it would make every later snapshot look older
    // (and a successor wait for it before fetching).
    const latestPlausibleMs = this.options.clock.now() + FUTURE_TOLERANCE_MS;
    if (
      glance.writtenAtMs > latestPlausibleMs ||
      (glance.snapshot && glance.snapshot.fetchedAtMs > latestPlausibleMs)
    ) {
      this.options.onError?.(
        `Ignored a shared snapshot dated in the future (written ${new Date(glance.writtenAtMs).toISOString()}).`,
      );
      return null;
    }
    const key = `${glance.writerId}/${glance.epoch}/${glance.writtenAtMs}`;
    if (key === this.lastKey) return null;
    // A deposed holder's late write must not replace newer data from its successor.
    const s = glance.snapshot;
    if (s && s.fetchedAtMs < (this.newest.get(s.sourceHost) ?? 0)) return null;
    this.lastKey = key;
    this.remember(glance);
    try {
      this.options.onReceive(glance);
    } catch (error) {
      // The host's handler failing must not stop later deliveries.
      this.options.onError?.(`Showing a snapshot shared by another window failed: ${describeError(error)}`);
    }
    return glance;
  }

  private remember(glance: SharedGlance): void {
    const s = glance.snapshot;
    if (s) this.newest.set(s.sourceHost, Math.max(s.fetchedAtMs, this.newest.get(s.sourceHost) ?? 0));
  }
}
