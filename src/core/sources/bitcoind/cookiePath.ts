// Where Bitcoin Core keeps its data directory and cookie by default, as a pure function of the platform,
// home directory and environment [Core common/args.cpp GetDefaultDataDir; doc/files.md]. The caller checks
// which candidate exists (core has no file system).

import type { ChainName } from './results';

export type BitcoinNetwork = 'main' | 'testnet3' | 'testnet4' | 'signet' | 'regtest';

export const BITCOIN_NETWORKS: readonly BitcoinNetwork[] = ['main', 'testnet3', 'testnet4', 'signet', 'regtest'];

/** Core's default RPC port per network [chainparamsbase.cpp]. */
export const DEFAULT_RPC_PORTS: Readonly<Record<BitcoinNetwork, number>> = {
  main: 8332,
  testnet3: 18332,
  testnet4: 48332,
  signet: 38332,
  regtest: 18443,
};

/** getblockchaininfo's `chain` → the network (its data subfolder). */
export function networkOfChain(chain: ChainName): BitcoinNetwork {
  return chain === 'test' ? 'testnet3' : chain;
}

export type Env = Readonly<Record<string, string | undefined>>;

function joinPath(platform: string, ...parts: string[]): string {
  const sep = platform === 'win32' ? '\\' : '/';
  const trimmed = parts
    .filter((p) => p !== '')
    .map((p, i) => (i === 0 ? p.replace(/[\\/]+$/, '') : p.replace(/^[\\/]+|[\\/]+$/g, '')));
  const joined = trimmed.join(sep);
  return joined === '' ? sep : joined;
}

/**
 * Default data directories, in the order Core itself prefers them:
 * - Windows: `%APPDATA%\Bitcoin` (used by every version when it exists), then `%LOCALAPPDATA%\Bitcoin`
 *   (the default of fresh v28+ installs). Without the variables: the usual folders under the home.
 * - macOS: `~/Library/Application Support/Bitcoin`.
 * - Linux and other Unixes: `~/.bitcoin` (`/.bitcoin` when there is no home, as Core does).
 */
export function defaultDataDirs(platform: string, homeDir: string, env: Env): string[] {
  if (platform === 'win32') {
    const appData = env.APPDATA || (homeDir ? joinPath(platform, homeDir, 'AppData', 'Roaming') : '');
    const localAppData = env.LOCALAPPDATA || (homeDir ? joinPath(platform, homeDir, 'AppData', 'Local') : '');
    return [appData, localAppData].filter((d) => d !== '').map((d) => joinPath(platform, d, 'Bitcoin'));
  }
  if (platform === 'darwin') return [joinPath(platform, homeDir || '/', 'Library', 'Application Support', 'Bitcoin')];
  return [joinPath(platform, homeDir || '/', '.bitcoin')];
}

/** `<datadir>/.cookie` on main, `<datadir>/<network>/.cookie` otherwise. */
export function cookiePathIn(platform: string, dataDir: string, network: BitcoinNetwork): string {
  return network === 'main' ? joinPath(platform, dataDir, '.cookie') : joinPath(platform, dataDir, network, '.cookie');
}

/** Candidate cookie files for a network, most likely first (see defaultDataDirs). */
export function defaultCookiePaths(
  platform: string,
  homeDir: string,
  env: Env,
  network: BitcoinNetwork = 'main',
): string[] {
  return defaultDataDirs(platform, homeDir, env).map((dir) => cookiePathIn(platform, dir, network));
}
