// Live updates for the fetching window: mempool's websocket (net/pushClient) feeding the core's PushApplier, which
// patches the snapshot block by block. The data service decides when push runs; this owns how.
import { PushApplier } from '../../core/glance/pushApplier';
import type { NetworkSnapshot } from '../../core/model';
import type { ProxyConfig } from '../config';
import { describeFailure } from '../../core/transport';
import type { HttpClient, PushClient, PushStatus } from '../../net/index';
import type { Log } from '../log';
import { loadNet } from '../netBundle';

export interface LivePushOptions {
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly proxy: ProxyConfig;
  readonly log: Log;
  /** The live snapshot to patch; null while there is none (the scheduler's full fetch comes first). */
  readonly current: () => NetworkSnapshot | null;
  /** A patched snapshot; `settled` once a burst of blocks is done (then it is saved and shared). */
  readonly accept: (snapshot: NetworkSnapshot, settled: boolean) => void;
  readonly client: () => HttpClient;
  /** The websocket opened or closed: polling slows down or speeds up accordingly. */
  readonly onOpenChange: (open: boolean) => void;
  /** For the log line: how often polling runs while push is down. */
  readonly refreshIntervalMs: () => number;
}

export class LivePush {
  private readonly applier: PushApplier;
  private readonly client: PushClient;
  private open = false;

  constructor(private readonly options: LivePushOptions) {
    const { PushClient, createDispatcher } = loadNet();
    const { log } = options;
    this.applier = new PushApplier({
      current: options.current,
      accept: options.accept,
      transport: () => {
        const client = options.client();
        return { getText: (p) => client.getText(p), markStale: (p) => client.markStale(p) };
      },
      now: () => Date.now(),
      warn: (message) => log.warn(message),
    });
    this.client = new PushClient({
      baseUrl: options.baseUrl,
      userAgent: options.userAgent,
      dispatcher: createDispatcher({ proxy: options.proxy }),
      onMessage: (message) => {
        // handle() never rejects; the catch is the last guard against an unhandled rejection.
        this.applier
          .handle(message)
          .catch((error: unknown) => log.error(`Applying a websocket message failed: ${describeFailure(error)}`));
      },
      onStatus: (status, detail) => this.onStatus(status, detail),
    });
    this.client.start();
  }

  get isOpen(): boolean {
    return this.open;
  }

  stop(): void {
    this.client.stop();
    this.applier.stop();
    if (this.open) {
      this.open = false;
      this.options.onOpenChange(false);
    }
  }

  private onStatus(status: PushStatus, detail: string): void {
    const open = status === 'open';
    const { log } = this.options;
    if (status === 'unavailable' || (status === 'closed' && this.open))
      log.warn(
        `Live updates (websocket) ${status}: ${detail}; polling every ${Math.round(this.options.refreshIntervalMs() / 60_000)} min.`,
      );
    else if (open && !this.open) log.info('Live updates (websocket) connected.');
    if (open !== this.open) {
      this.open = open;
      this.options.onOpenChange(open);
    }
  }
}
