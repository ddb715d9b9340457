// Focus across windows: the holder pauses polling when IT is unfocused, so followers leave a note in a
// shared record whenever they are focused.

import { describeError } from '../errors';
import type { Clock } from '../scheduler';
import { FUTURE_TOLERANCE_MS, isCount, parseObject, type ReportError, type SharedText } from './records';

export interface FocusBeaconOptions {
  readonly store: SharedText;
  readonly clock: Clock;
  readonly ownerId: string;
  /** A "focused" note counts this long after it was written; refreshed at a third of it while focused. */
  readonly freshForMs: number;
  readonly onError?: ReportError;
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

  /** Failed writes are reported, not thrown: at worst the holder pauses until our next note. */
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
      if (o === null || !isCount(o.focusedAtMs)) return false;
      const ageMs = this.options.clock.now() - o.focusedAtMs;
      // A note from the future (a clock corrected backwards) is not "focused for ever".
      return ageMs < this.options.freshForMs && ageMs > -FUTURE_TOLERANCE_MS;
    } catch (error) {
      this.options.onError?.(`Could not read the other windows' focus: ${describeError(error)}`);
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
    store.write(JSON.stringify({ ownerId, focusedAtMs: clock.now() })).catch((error: unknown) => {
      this.options.onError?.(`Could not tell the other windows this one is focused: ${describeError(error)}`);
    });
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
