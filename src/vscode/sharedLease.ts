// The objects through which the windows of a profile share one fetcher: the lease (who fetches), the snapshot
// channel (what it fetched) and the focus beacon (whether any window is focused), all in one shared folder,
// re-read when a file in it changes. DataService decides what each event means.
import { FocusBeacon, Lease, SnapshotChannel, type LeaseState, type SharedGlance } from '../core/lease';
import type { LeaseFolder } from './leaseFile';
import { systemClock } from './systemClock';

export interface SharedLease {
  readonly folder: LeaseFolder;
  readonly lease: Lease;
  readonly channel: SnapshotChannel;
  readonly focusBeacon: FocusBeacon;
}

export interface SharedLeaseOptions {
  readonly ownerId: string;
  readonly ttlMs: number;
  readonly onError: (message: string) => void;
  readonly onLeaseChange: (lease: LeaseState) => void;
  readonly onShared: (glance: SharedGlance) => void;
  /** Another window's focus changed. */
  readonly onFocusChange: () => void;
}

/** Built but not started: the caller keeps the result before the lease's first change can arrive. */
export function createSharedLease(folder: LeaseFolder, options: SharedLeaseOptions): SharedLease {
  const { ownerId, ttlMs, onError } = options;
  const lease = new Lease({
    store: folder.text('lease'),
    clock: systemClock,
    ownerId,
    ttlMs,
    onChange: (l) => options.onLeaseChange(l),
    onError,
  });
  const channel = new SnapshotChannel({
    store: folder.text('snapshot'),
    clock: systemClock,
    ownerId,
    onReceive: (g) => options.onShared(g),
    onError,
  });
  const focusBeacon = new FocusBeacon({
    store: folder.text('focus'),
    clock: systemClock,
    ownerId,
    freshForMs: ttlMs,
    onError,
  });
  folder.onDidChange((name) => {
    if (name === 'lease') void lease.check();
    else if (name === 'snapshot') void channel.poll();
    else if (name === 'focus') options.onFocusChange();
  });
  return { folder, lease, channel, focusBeacon };
}
