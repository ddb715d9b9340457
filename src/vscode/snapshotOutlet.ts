// Where a refresh's result goes besides the screen: the disk (the next session's first paint) and, from the
// window that holds the lease, the other windows. Failures only warn: the snapshot is already on screen.
import type { NetworkSnapshot } from '../core/model';
import { describeFailure } from '../core/transport';
import type { Log } from './log';
import type { SharedLease } from './sharedLease';
import type { SnapshotStore } from './store';

export interface OutletDeps {
  readonly store: SnapshotStore;
  readonly log: Log;
  readonly shared: SharedLease | undefined;
  /** What is on screen, shared with an error when there is no new snapshot. */
  readonly shown: NetworkSnapshot | null;
}

export function persistAndShare(
  deps: OutletDeps,
  snapshot: NetworkSnapshot | null,
  error: { message: string; atMs: number } | null,
): void {
  const { store, log, shared } = deps;
  if (snapshot) {
    store
      .save(snapshot)
      .then(undefined, (e: unknown) => log.warn(`Could not persist the snapshot: ${describeFailure(e)}`));
  }
  if (shared?.lease.isHolder) {
    shared.channel
      .publish({ epoch: shared.lease.state.epoch, writtenAtMs: Date.now(), snapshot: snapshot ?? deps.shown, error })
      .catch((e: unknown) => log.warn(`Could not share the snapshot with other windows: ${describeFailure(e)}`));
  }
}
