// What the UI knows right now: the last good snapshot (kept through failures), where it came from, and
// the last failure since it. Views subscribe and render; nothing here touches the network or the UI.

import { describeError } from '../errors';
import type { NetworkSnapshot } from '../model';
import { sourceHealth } from './sourceHealth';

export interface GlanceState {
  readonly snapshot: NetworkSnapshot | null;
  /** 'cache' until the first successful fetch of this session replaces the persisted snapshot. */
  readonly origin: 'cache' | 'live' | 'none';
  /** Failure of the latest refresh (cleared by the next success), phrased for people. */
  readonly error: { readonly message: string; readonly atMs: number } | null;
  readonly refreshing: boolean;
}

export type Listener = (state: GlanceState) => void;

export class StateHolder {
  private state: GlanceState = { snapshot: null, origin: 'none', error: null, refreshing: false };
  private readonly listeners = new Set<Listener>();

  /** `onError` hears about a listener that threw (the others still get the state). */
  constructor(private readonly onError: (message: string) => void = () => undefined) {}

  get current(): GlanceState {
    return this.state;
  }

  subscribe(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Shows data from an earlier session (globalState, or another window's old file) as cached, never as live. */
  restoreFromCache(snapshot: NetworkSnapshot): void {
    const current = this.state.snapshot;
    if (this.state.origin === 'live' || (current && current.fetchedAtMs >= snapshot.fetchedAtMs)) return;
    this.set({ ...this.state, snapshot, origin: 'cache' });
  }

  refreshStarted(): void {
    this.set({ ...this.state, refreshing: true });
  }

  succeeded(snapshot: NetworkSnapshot): void {
    this.set({ snapshot, origin: 'live', error: null, refreshing: false });
  }

  /** Keeps the last good snapshot: a failure only adds the reason. */
  failed(message: string, atMs: number): void {
    this.set({ ...this.state, error: { message, atMs }, refreshing: false });
  }

  /** A different source was configured: its data must not be shown as the new source's. */
  reset(): void {
    this.set({ snapshot: null, origin: 'none', error: null, refreshing: false });
  }

  private set(next: GlanceState): void {
    this.state = next;
    for (const listener of this.listeners) {
      try {
        listener(next);
      } catch (error) {
        // A broken view must not stop the others from updating.
        this.onError(`A view failed to show the new state: ${describeError(error)}`);
      }
    }
  }
}

/**
 * Stale = the last refresh failed, or the data is older than it should be even without a failure
 * (the machine slept, the window was unfocused for hours): three intervals, at least 15 minutes — or
 * the source itself is behind (its tip was over a day old when fetched, see sourceHealth).
 */
export function staleness(
  state: GlanceState,
  nowMs: number,
  intervalMs: number,
): { stale: boolean; reason: string | null } {
  if (state.error) return { stale: true, reason: state.error.message };
  const snapshot = state.snapshot;
  if (!snapshot) return { stale: false, reason: null };
  const limitMs = Math.max(3 * intervalMs, 15 * 60_000);
  if (nowMs - snapshot.fetchedAtMs > limitMs)
    return { stale: true, reason: 'the data has not been refreshed recently' };
  const { staleReason } = sourceHealth(snapshot, nowMs);
  if (staleReason) return { stale: true, reason: staleReason };
  return { stale: false, reason: null };
}
