// The last good snapshot, persisted in globalState so the next window start shows numbers at once
// (labelled with their age) before the first fetch completes.
import type * as vscode from 'vscode';
import type { NetworkSnapshot } from '../core/model';
import { isSnapshotShape } from '../core/parse';

const KEY = 'miningEconomics.lastSnapshot';

export class SnapshotStore {
  constructor(private readonly memento: vscode.Memento) {}

  /** The cached snapshot if it is from the same source and of the current schema; anything else is ignored. */
  load(sourceHost: string): NetworkSnapshot | null {
    const value = this.memento.get<unknown>(KEY);
    if (!isSnapshotShape(value) || value.sourceHost !== sourceHost) return null;
    return value;
  }

  save(snapshot: NetworkSnapshot): Thenable<void> {
    return this.memento.update(KEY, snapshot);
  }
}
