// Which glance source the settings ask for, and what identifies it.
import type { Settings } from '../../core/settings';
import type { Transport } from '../../core/transport';
import type { HttpClient } from '../../net/index';
import type { Log } from '../log';
import type { GlanceSource } from './glanceSource';
import { MempoolSource } from './mempoolSource';
import { loadNode } from '../node/nodeBundle';

/** What names the source: a change of it starts over (state, cache, backoff). Prices are not part of it. */
export function sourceKey(s: Settings): string {
  return s.source === 'bitcoind'
    ? JSON.stringify(['bitcoind', s.bitcoind.url, s.bitcoind.cookieFile, s.bitcoind.user])
    : JSON.stringify(['mempool', s.mempoolUrl]);
}

export interface SourceDeps {
  readonly settings: () => Settings;
  /** The mempool HTTP client (the source itself, or the price source of a node). */
  readonly client: () => HttpClient & Transport;
  readonly log: Log;
  readonly userAgent: string;
  readonly nodePassword?: () => Promise<string | undefined>;
}

export function createGlanceSource(deps: SourceDeps): GlanceSource {
  const { settings, client, log, userAgent, nodePassword } = deps;
  return settings().source === 'bitcoind'
    ? loadNode().createNodeSource({
        settings,
        mempoolTransport: client,
        log,
        userAgent,
        password: nodePassword ?? (() => Promise.resolve(undefined)),
      })
    : new MempoolSource(settings, client);
}

/** The price settings changed in a way the shown figures depend on: worth a refresh now. */
export function pricesChanged(previous: Settings, current: Settings): boolean {
  if (current.priceSource !== previous.priceSource) return true;
  return (
    current.priceSource === 'manual' &&
    (current.manualBtcPrice !== previous.manualBtcPrice || current.currency !== previous.currency)
  );
}
