// The glance source the settings ask for: mempool's from the sources bundle (dist/sources.js), the node's from
// the node bundle (dist/node.js); each loaded the first time it is asked for.
import type { Settings } from '../core/settings';
import type { Transport } from '../core/transport';
import type { HttpClient } from '../net/index';
import type { Log } from './log';
import { loadNode } from './node/nodeBundle';
import type { GlanceSource } from './sources/glanceSource';
import { loadSources } from './sources/sourcesBundle';

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
    : new (loadSources().MempoolSource)(settings, client);
}
