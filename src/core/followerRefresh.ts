// A window that follows another's snapshots cannot wait for the holder's schedule when a person asks for a
// refresh: it fetches once itself, with the scheduler's manners — one fetch at a time (clicks join it), none
// before a server's Retry-After is over.
import type { RefreshResult, RunOutcome } from './scheduler';
import { MAX_RETRY_AFTER_MS } from './transport';

export class FollowerRefresh {
  private running: Promise<RefreshResult> | undefined;
  /** Retry-After floor of the last fetch: no request before this instant. */
  private notBeforeMs = 0;

  constructor(
    private readonly fetch: () => Promise<RunOutcome>,
    private readonly now: () => number,
  ) {}

  run(): Promise<RefreshResult> {
    if (this.running) return this.running;
    if (this.now() < this.notBeforeMs) return Promise.resolve({ kind: 'deferred', untilMs: this.notBeforeMs });
    const running = this.fetch().then((outcome): RefreshResult => {
      if (!outcome.ok && outcome.retryAfterMs !== undefined)
        this.notBeforeMs = this.now() + Math.min(outcome.retryAfterMs, MAX_RETRY_AFTER_MS);
      return { kind: 'ran', outcome };
    });
    this.running = running;
    const done = (): void => {
      if (this.running === running) this.running = undefined;
    };
    running.then(done, done);
    return running;
  }
}
