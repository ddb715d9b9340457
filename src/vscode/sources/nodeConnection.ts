// The connection to the user's Bitcoin Core from the settings: URL, which credentials (the cookie file —
// the one set, or the default data directory's — or a user with the password from SecretStorage), every
// exchange in the log without a secret. The seam for every feature that reads the node (the glance here;
// the panel's history and the second opinion elsewhere): `createNodeRpc(settings, deps)`.
import { access } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { DEFAULT_RPC_PORTS, defaultCookiePaths, type BitcoinNetwork } from '../../core/sources/bitcoind';
import { BitcoindError } from '../../core/sources/bitcoind/errors';
import type { NodeRpc } from '../../core/sources/bitcoind/glance';
import type { BitcoindSettings } from '../../core/settings';
import type { BitcoindAuth, JsonRpcClient } from '../../net/index';
import type { Log } from '../log';
import { loadNet } from '../netBundle';

/** What the connection is made from (whether the URL was set by the user does not change it). */
type ConnectionSettings = Pick<BitcoindSettings, 'url' | 'cookieFile' | 'user'>;

export interface NodeConnectionDeps {
  readonly log: Log;
  readonly userAgent: string;
  /** The RPC password from SecretStorage (only asked when a user is set). */
  readonly password: () => Promise<string | undefined>;
}

/** The network a URL's port suggests (Core's default ports), for the default cookie's subfolder. */
export function networkOfUrl(url: string): BitcoinNetwork {
  const port = Number(/:(\d+)(?:\/|$)/.exec(url.replace(/^https?:\/\//, ''))?.[1] ?? NaN);
  const match = (Object.entries(DEFAULT_RPC_PORTS) as [BitcoinNetwork, number][]).find(([, p]) => p === port);
  return match ? match[0] : 'main';
}

/** The cookie file to use: the setting, else the first default that exists (else the most likely one). */
export async function resolveCookiePath(settings: ConnectionSettings): Promise<string> {
  if (settings.cookieFile !== '') return settings.cookieFile.replace(/^~(?=$|[\\/])/, homedir());
  const candidates = defaultCookiePaths(process.platform, homedir(), process.env, networkOfUrl(settings.url));
  for (const path of candidates) {
    try {
      await access(path);
      return path;
    } catch {
      // next candidate
    }
  }
  return candidates[candidates.length - 1] ?? '.cookie';
}

export async function nodeAuth(settings: ConnectionSettings, deps: NodeConnectionDeps): Promise<BitcoindAuth> {
  if (settings.user === '') return { kind: 'cookie', cookiePath: await resolveCookiePath(settings) };
  const password = await deps.password();
  if (!password)
    throw new BitcoindError(
      'config',
      `miningEconomics.bitcoind.user is "${settings.user}" but no password is stored: run "Bitcoin: Set Node RPC Password" (or clear the user to use the cookie file).`,
    );
  return { kind: 'password', user: settings.user, password };
}

/** A JSON-RPC client for the node of these settings (close() it when done). */
export async function createNodeRpc(settings: ConnectionSettings, deps: NodeConnectionDeps): Promise<JsonRpcClient> {
  const auth = await nodeAuth(settings, deps);
  const { JsonRpcClient } = loadNet();
  const client = new JsonRpcClient({
    url: settings.url,
    auth,
    readFile: (path) => readFile(path, 'utf8'),
    userAgent: deps.userAgent,
    // The first batch reads 144 whole blocks (getblockstats): seconds on a desktop, a minute or more on a
    // Raspberry Pi with a hard disk. Still inside the scheduler's 2-minute run deadline.
    callTimeoutMs: 100_000,
    onExchange: (x) => {
      const what =
        x.methods.length === 1 ? x.methods[0]! : `batch of ${x.methods.length} (${[...new Set(x.methods)].join(', ')})`;
      const line = `RPC ${what} → ${x.status ?? 'no response'} (${x.bytes} B, ${x.ms} ms)${x.error ? `: ${x.error}` : ''}`;
      if (x.error) deps.log.warn(line);
      else deps.log.debug(line);
    },
  });
  const credentials = client.credentials;
  deps.log.info(
    `Bitcoin Core at ${settings.url}: ${credentials.kind === 'cookie' ? `cookie file ${credentials.cookiePath}` : `user "${credentials.user}" with the stored password`}.`,
  );
  return client;
}

/** JsonRpcClient as the core's NodeRpc (its batch is typed per call; the reader checks each value). */
export function asNodeRpc(client: JsonRpcClient): NodeRpc {
  return {
    call: (c) => client.call(c),
    batch: (calls) => client.batch(calls),
  };
}
