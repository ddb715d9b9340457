// What the DataService asks of a glance source (a mempool instance or a Bitcoin Core node): one refresh at a
// time, failures thrown as errors whose message is written for people (the DataService keeps the last
// good snapshot and marks it stale).
import type { SnapshotResult } from '../../core/fetchSnapshot';
import type { NetworkSnapshot } from '../../core/model';

export interface GlanceSource {
  readonly kind: 'mempool' | 'bitcoind';
  /** How the hover, the cache and the shared snapshots name this source. */
  readonly sourceHost: string;
  /** `previous`: the last live snapshot of this session; `shown`: what is on screen (cached included). */
  refresh(previous: NetworkSnapshot | null, shown: NetworkSnapshot | null): Promise<SnapshotResult>;
  /** A person asked for a refresh: nothing cached may stand in for the source's answer. */
  clearCache(): void;
  /** The node's credentials changed (a password stored or cleared): the next refresh builds a new client. */
  reset?(): void;
  dispose(): void;
}
