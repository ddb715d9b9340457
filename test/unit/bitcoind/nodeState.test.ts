// Node-state classification, default cookie paths per platform, and the 144-block fee mean (hand-worked).
import { describe, expect, it } from 'vitest';
import type { BlockStats } from '../../../src/core/sources/bitcoind/blockStats';
import {
  DEFAULT_RPC_PORTS,
  cookiePathIn,
  defaultCookiePaths,
  networkOfChain,
} from '../../../src/core/sources/bitcoind/cookiePath';
import { feeWindowHeights, nodeFeeMean } from '../../../src/core/sources/bitcoind/fees';
import { classifyNode, warmingUpNode } from '../../../src/core/sources/bitcoind/nodeState';
import { parseBlockStats } from '../../../src/core/sources/bitcoind/blockStats';
import type { BlockchainInfo } from '../../../src/core/sources/bitcoind/results';

const NOW_S = 1_764_547_200;
const info = (over: Partial<BlockchainInfo> = {}): BlockchainInfo => ({
  chain: 'main',
  blocks: 926_000,
  headers: 926_000,
  bestBlockHash: 'a'.repeat(64),
  difficulty: 1.3e14,
  timeS: NOW_S - 600,
  medianTimeS: NOW_S - 3600,
  verificationProgress: 0.9999991,
  initialBlockDownload: false,
  chainworkHex: '0'.repeat(64),
  sizeOnDiskBytes: null,
  pruned: false,
  pruneHeight: null,
  automaticPruning: null,
  pruneTargetSizeBytes: null,
  bits: null,
  warnings: [],
  ...over,
});

describe('classifyNode', () => {
  it('ready: synced, tip 10 min old', () => {
    expect(classifyNode(info(), NOW_S)).toMatchObject({
      status: 'ready',
      label: 'node at block 926,000',
      tipAgeS: 600,
      pruneHeight: null,
    });
  });

  it('syncing: from the IBD flag, with verificationprogress floored ("node syncing 42%"), never 100 before the end', () => {
    const s = classifyNode(
      info({ initialBlockDownload: true, blocks: 500_000, headers: 926_001, verificationProgress: 0.4278 }),
      NOW_S,
    );
    expect(s).toMatchObject({
      status: 'syncing',
      progressPercent: 42,
      label: 'node syncing 42% (block 500,000 of 926,001)',
    });
    expect(
      classifyNode(info({ initialBlockDownload: true, verificationProgress: 0.99996 }), NOW_S).progressPercent,
    ).toBe(99);
  });

  it('syncing also when blocks lag headers by more than 2 (IBD latches false once synced)', () => {
    expect(classifyNode(info({ headers: 926_002 }), NOW_S).status).toBe('ready');
    expect(classifyNode(info({ headers: 926_003 }), NOW_S).status).toBe('syncing');
  });

  it('stale tip: the last block more than 2 h ago (not on regtest)', () => {
    expect(classifyNode(info({ timeS: NOW_S - 7200 }), NOW_S).status).toBe('ready');
    const stale = classifyNode(info({ timeS: NOW_S - 3 * 3600 - 60 }), NOW_S);
    expect(stale).toMatchObject({ status: 'staleTip', tipAgeS: 10_860 });
    expect(stale.label).toBe("node's last block 3 h ago: is it connected to peers?");
    expect(classifyNode(info({ chain: 'regtest', timeS: NOW_S - 86_400 }), NOW_S).status).toBe('ready');
    expect(classifyNode(info({ timeS: NOW_S - 1900 }), NOW_S, { staleTipAfterS: 1800 }).status).toBe('staleTip');
  });

  it('pruned is a property, kept in every status; warming up carries Core’s init step', () => {
    expect(classifyNode(info({ pruned: true, pruneHeight: 880_000 }), NOW_S).pruneHeight).toBe(880_000);
    expect(classifyNode(info({ pruned: true, pruneHeight: 1, initialBlockDownload: true }), NOW_S)).toMatchObject({
      status: 'syncing',
      pruneHeight: 1,
    });
    expect(warmingUpNode('Loading block index…')).toMatchObject({
      status: 'warmingUp',
      label: 'node starting: Loading block index…',
      blocks: null,
    });
  });
});

describe('default cookie paths', () => {
  it('Linux ~/.bitcoin, network subfolders, "/" without a home', () => {
    expect(defaultCookiePaths('linux', '/home/satoshi', {})).toEqual(['/home/satoshi/.bitcoin/.cookie']);
    expect(defaultCookiePaths('linux', '/home/satoshi/', {}, 'testnet3')).toEqual([
      '/home/satoshi/.bitcoin/testnet3/.cookie',
    ]);
    expect(defaultCookiePaths('freebsd', '', {}, 'regtest')).toEqual(['/.bitcoin/regtest/.cookie']);
  });

  it('macOS ~/Library/Application Support/Bitcoin', () => {
    expect(defaultCookiePaths('darwin', '/Users/satoshi', {}, 'signet')).toEqual([
      '/Users/satoshi/Library/Application Support/Bitcoin/signet/.cookie',
    ]);
  });

  it('Windows: %APPDATA%\\Bitcoin first (any version uses it when present), then %LOCALAPPDATA%\\Bitcoin (v28+ default)', () => {
    const env = { APPDATA: 'C:\\Users\\satoshi\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\satoshi\\AppData\\Local' };
    expect(defaultCookiePaths('win32', 'C:\\Users\\satoshi', env)).toEqual([
      'C:\\Users\\satoshi\\AppData\\Roaming\\Bitcoin\\.cookie',
      'C:\\Users\\satoshi\\AppData\\Local\\Bitcoin\\.cookie',
    ]);
    expect(defaultCookiePaths('win32', 'C:\\Users\\satoshi', {}, 'testnet4')).toEqual([
      'C:\\Users\\satoshi\\AppData\\Roaming\\Bitcoin\\testnet4\\.cookie',
      'C:\\Users\\satoshi\\AppData\\Local\\Bitcoin\\testnet4\\.cookie',
    ]);
  });

  it('a custom data directory (Umbrel) and the chain → network mapping, RPC ports', () => {
    expect(cookiePathIn('linux', '/home/umbrel/umbrel/app-data/bitcoin/data/bitcoin', 'main')).toBe(
      '/home/umbrel/umbrel/app-data/bitcoin/data/bitcoin/.cookie',
    );
    expect(networkOfChain('test')).toBe('testnet3');
    expect(networkOfChain('testnet4')).toBe('testnet4');
    expect(DEFAULT_RPC_PORTS).toEqual({ main: 8332, testnet3: 18332, testnet4: 48332, signet: 38332, regtest: 18443 });
  });
});

describe('nodeFeeMean', () => {
  const stat = (height: number, totalfee: number, subsidy?: number): BlockStats =>
    parseBlockStats({ height, totalfee, ...(subsidy !== undefined ? { subsidy } : {}) });

  it('mean of totalfee over the newest window; subsidy of the next block from the schedule (across the 2024 halving)', () => {
    const m = nodeFeeMean(
      [stat(839_998, 1000), stat(839_999, 2000, 625_000_000), stat(840_000, 3000, 312_500_000), stat(840_001, 6000)],
      3,
    )!;
    // window 839,999…840,001: (2000 + 3000 + 6000) / 3 = 3666.67 sats; next block 840,002 → 3.125 BTC
    expect(m.meanFeesSats).toBeCloseTo(11_000 / 3, 9);
    expect(m).toMatchObject({
      fromHeight: 839_999,
      toHeight: 840_001,
      blocksUsed: 3,
      missingBlocks: 0,
      nextSubsidySats: 312_500_000,
    });
    expect(m.rewardPerBlockSats).toBeCloseTo(312_500_000 + 11_000 / 3, 6);
  });

  it('gaps (pruned or failed blocks) shrink the mean’s base and are counted; duplicates count once', () => {
    const m = nodeFeeMean([stat(100, 500), stat(103, 1500), stat(103, 1500)], 144)!;
    expect(m).toMatchObject({
      meanFeesSats: 1000,
      fromHeight: 0,
      toHeight: 103,
      blocksUsed: 2,
      missingBlocks: 102,
      nextSubsidySats: 5_000_000_000,
    });
  });

  it('refuses a subsidy off the schedule; no usable block → null', () => {
    expect(() => nodeFeeMean([stat(840_000, 1, 625_000_000)])).toThrow(/not the scheduled 312500000/);
    expect(nodeFeeMean([parseBlockStats({ height: 5 })])).toBeNull();
    expect(feeWindowHeights(2)).toEqual([2, 1, 0]);
    expect(feeWindowHeights(1000)).toHaveLength(144);
    expect(feeWindowHeights(1000).at(-1)).toBe(857);
  });
});
