// Applies websocket messages to the glance: what a message carries shows at once, what it makes out of
// date is refetched — one refetch at a time. A burst (a reconnect after a while, a reorg, 32 blocks at
// once) would otherwise start a refetch and a persisted write per block; blocks that arrive while a
// refetch runs are merged into ONE follow-up refetch of everything they invalidated.

import { describeError } from '../errors';
import type { NetworkSnapshot } from '../model';
import {
  fetchParts,
  mergeParts,
  planPush,
  type GlancePart,
  type PushMessage,
  type RevalidatingTransport,
} from '../push';

export interface PushApplierOptions {
  /** The snapshot to patch, or null when there is no complete live one yet (the full fetch comes first). */
  readonly current: () => NetworkSnapshot | null;
  /**
   * Shows a new snapshot. `settled` = no refetch is pending for it: worth persisting and sharing; an
   * unsettled one is only painted (the refetch's result follows within seconds).
   */
  readonly accept: (snapshot: NetworkSnapshot, settled: boolean) => void;
  /** Read when a refetch starts: the connection may have been rebuilt since. */
  readonly transport: () => RevalidatingTransport;
  readonly now: () => number;
  readonly warn: (message: string) => void;
}

export class PushApplier {
  private readonly pending = new Set<GlancePart>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: PushApplierOptions) {}

  /**
   * Never rejects (a thrown view or transport becomes a warning). Resolves when the refetches this
   * message needed have landed — or at once when another message's refetch loop will carry them.
   */
  handle(message: PushMessage): Promise<void> {
    try {
      for (const reason of message.rejected) this.options.warn(`Ignored part of a websocket message: ${reason}`);
      const current = this.options.current();
      if (!current || this.stopped) return Promise.resolve();
      const plan = planPush(current, message, this.options.now());
      for (const part of plan.refetch) this.pending.add(part);
      const refetching = this.running !== null || this.pending.size > 0;
      if (plan.snapshot) this.options.accept(plan.snapshot, !refetching);
    } catch (error) {
      this.options.warn(`Could not apply a websocket message: ${describeError(error)}`);
      return Promise.resolve();
    }
    if (this.pending.size === 0) return this.running ?? Promise.resolve();
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no refetch is running (for tests and shutdown). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Later messages are ignored and a running refetch's result is dropped (source changed, disposed). */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0 && !this.stopped) {
      const parts = [...this.pending];
      this.pending.clear();
      try {
        const { parts: fetched, errors } = await fetchParts(this.options.transport(), parts);
        for (const error of errors) this.options.warn(`After a new block: ${error}`);
        const latest = this.options.current();
        if (!latest || this.stopped) return;
        const merged = mergeParts(latest, fetched, this.options.now());
        for (const warning of merged.warnings) this.options.warn(warning);
        this.options.accept(merged.snapshot, this.pending.size === 0);
      } catch (error) {
        this.options.warn(`Refetch after a new block failed: ${describeError(error)}`);
      }
    }
  }
}
