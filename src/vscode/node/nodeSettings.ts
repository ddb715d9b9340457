// The node settings the panel's node history and the second opinion read, in one place. Another part of the
// extension owns these settings (the node as a glance source); the integrator may replace this reader by
// that one without touching its callers. Settings are untrusted: unknown values fall back to the defaults.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { defaultCookiePaths } from '../../core/sources/bitcoind/cookiePath';
import { SETTINGS_SECTION } from '../../core/settings';
import type { JsonRpcClient } from '../../net/jsonRpc';
import { loadNet } from '../netBundle';

export const DEFAULT_NODE_URL = 'http://127.0.0.1:8332';

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

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 1000) : null;
}

export function readNodeSettings(): NodeSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const url = config.inspect<string>('bitcoind.url');
  const explicitUrl = text(url?.globalValue);
  return {
    source: config.get<unknown>('source') === 'bitcoind' ? 'bitcoind' : 'mempool',
    url: explicitUrl ?? DEFAULT_NODE_URL,
    urlSetExplicitly: explicitUrl !== null,
    cookieFile: text(config.get<unknown>('bitcoind.cookieFile')),
    user: text(config.get<unknown>('bitcoind.user')),
    secondOpinion: config.get<unknown>('secondOpinion') === 'off' ? 'off' : 'auto',
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

/** The settings' client; `password` reads SecretStorage (only asked when a user is set). */
export async function createNodeClient(
  settings: NodeSettings,
  password: () => Promise<string | undefined>,
  userAgent: string,
): Promise<JsonRpcClient> {
  const net = loadNet();
  const fs = await import('node:fs/promises');
  const auth = settings.user
    ? ({ kind: 'password', user: settings.user, password: (await password()) ?? '' } as const)
    : ({
        kind: 'cookie',
        cookiePath: settings.cookieFile ?? defaultCookiePaths(process.platform, os.homedir(), process.env)[0]!,
      } as const);
  return new net.JsonRpcClient({
    url: settings.url,
    auth,
    readFile: (path) => fs.readFile(path, 'utf8'),
    userAgent,
  });
}

/** The host:port a node's figures are labelled with (never credentials: the client refuses them in URLs). */
export function nodeDisplayHost(settings: NodeSettings): string {
  try {
    return new URL(settings.url).host || settings.url;
  } catch {
    return settings.url.slice(0, 80);
  }
}
