// What the panel's node history and the second opinion need to know about the node, from the one settings
// reader (ConfigService), whether the user set `bitcoind.url` at all included.
import type { Settings } from '../../core/settings';
import type { JsonRpcClient } from '../../net/jsonRpc';
import type { NodeConnectionDeps } from '../sources/nodeConnection';
import { loadNode } from './nodeBundle';

export interface NodeSettings {
  readonly source: 'mempool' | 'bitcoind';
  readonly url: string;
  /** The user set `bitcoind.url` (in user settings: it is application-scoped). */
  readonly urlSetExplicitly: boolean;
  /** Explicit cookie file, or null for the platform's default. */
  readonly cookieFile: string | null;
  /** When set, user + the password from SecretStorage instead of the cookie. */
  readonly user: string | null;
  /** `auto`: compare with the other source when both are configured; `off`: never. */
  readonly secondOpinion: 'auto' | 'off';
}

export function readNodeSettings(settings: Settings): NodeSettings {
  return {
    source: settings.source,
    url: settings.bitcoind.url,
    urlSetExplicitly: settings.bitcoind.urlSet,
    cookieFile: settings.bitcoind.cookieFile === '' ? null : settings.bitcoind.cookieFile,
    user: settings.bitcoind.user === '' ? null : settings.bitcoind.user,
    secondOpinion: settings.secondOpinion,
  };
}

/**
 * Whether a node is there to ask: it is the source, or the user pointed `bitcoind.url` at one. Never poll a
 * node nobody set up (a default URL alone is not a setup).
 */
export function nodeConfigured(settings: NodeSettings): boolean {
  return settings.source === 'bitcoind' || settings.urlSetExplicitly;
}

/** Which settings decide the node client (a change of any of them means a new client). */
export function nodeSettingsKey(settings: NodeSettings): string {
  return JSON.stringify([settings.url, settings.cookieFile, settings.user]);
}

/** The settings' client, made the one way every node feature makes it (sources/nodeConnection.ts). */
export function createNodeClient(settings: NodeSettings, deps: NodeConnectionDeps): Promise<JsonRpcClient> {
  return loadNode().createNodeRpc(
    { url: settings.url, cookieFile: settings.cookieFile ?? '', user: settings.user ?? '' },
    deps,
  );
}

/** The host:port a node's figures are labelled with (never credentials: the client refuses them in URLs). */
export function nodeDisplayHost(settings: NodeSettings): string {
  try {
    return new URL(settings.url).host || settings.url;
  } catch {
    return settings.url.slice(0, 80);
  }
}
