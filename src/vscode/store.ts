// The last good snapshot, persisted in globalState so the next window start shows numbers at once
// (labelled with their age) before the first fetch completes.
import type * as vscode from 'vscode';
import type { NetworkSnapshot } from '../core/model';

const KEY = 'miningEconomics.lastSnapshot';

export class SnapshotStore {
  constructor(private readonly memento: vscode.Memento) {}

  /** The cached snapshot if it is from the same source and of the current schema; anything else is ignored. */
  load(sourceHost: string): NetworkSnapshot | null {
    const value = this.memento.get<unknown>(KEY);
    if (!isSnapshot(value) || value.sourceHost !== sourceHost) return null;
    return value;
  }

  save(snapshot: NetworkSnapshot): Thenable<void> {
    return this.memento.update(KEY, snapshot);
  }
}

/** Shallow structural check: globalState survives extension updates, so an old or damaged value is possible. */
function isSnapshot(value: unknown): value is NetworkSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<NetworkSnapshot>;
  return (
    v.schema === 1 &&
    typeof v.fetchedAtMs === 'number' &&
    typeof v.sourceHost === 'string' &&
    typeof v.tipHeight === 'number' &&
    typeof v.hashrate?.currentHashrateHps === 'number' &&
    Array.isArray(v.hashrate?.daily) &&
    typeof v.adjustment?.estimatedRetargetMs === 'number' &&
    typeof v.rewardStats?.totalFeeSats === 'number' &&
    typeof v.prices?.perBtc === 'object' &&
    Array.isArray(v.latestBlocks)
  );
}
