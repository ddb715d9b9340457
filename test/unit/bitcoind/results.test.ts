// Parsing of Core's replies (fixtures written here, shaped like v27–v30) and the rejection reasons.
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/parse';
import { parseBlockStats } from '../../../src/core/sources/bitcoind/blockStats';
import {
  parseBlockHeader,
  parseBlockchainInfo,
  parseMiningInfo,
  parseNetworkHashPs,
} from '../../../src/core/sources/bitcoind/results';

const HASH = `00000000000000000001${'a'.repeat(44)}`;
const CHAINWORK = `0000000000000000000000000000000000000000b4f${'0'.repeat(21)}`;

const chainInfoV30 = {
  chain: 'main',
  blocks: 926000,
  headers: 926001,
  bestblockhash: HASH,
  bits: '17021a42',
  target: '000000000000000000021a420000000000000000000000000000000000000000',
  difficulty: 133869853540305.4,
  time: 1764547200,
  mediantime: 1764545000,
  verificationprogress: 0.9999991,
  initialblockdownload: false,
  chainwork: CHAINWORK,
  size_on_disk: 812345678901,
  pruned: false,
  warnings: [],
};

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return (e as ParseError).reason;
  }
  throw new Error('expected a ParseError');
}

describe('getblockchaininfo', () => {
  it('v30 shape → units in names, bits as a number, warnings as a list', () => {
    const info = parseBlockchainInfo(chainInfoV30);
    expect(info).toMatchObject({
      chain: 'main',
      blocks: 926000,
      headers: 926001,
      timeS: 1764547200,
      medianTimeS: 1764545000,
      bits: 0x17021a42,
      pruned: false,
      pruneHeight: null,
      warnings: [],
    });
    expect(info.verificationProgress).toBe(0.9999991);
  });

  it('v27 (string warnings, no bits) and a pruned node', () => {
    const { bits: _b, target: _t, ...v27 } = chainInfoV30;
    const info = parseBlockchainInfo({
      ...v27,
      warnings: 'This is a pre-release test build',
      pruned: true,
      pruneheight: 880123,
      automatic_pruning: true,
      prune_target_size: 576716800,
    });
    expect(info).toMatchObject({
      bits: null,
      warnings: ['This is a pre-release test build'],
      pruneHeight: 880123,
      automaticPruning: true,
      pruneTargetSizeBytes: 576716800,
    });
    expect(parseBlockchainInfo({ ...v27, warnings: '' }).warnings).toEqual([]);
  });

  it('rejects wrong shapes with the field and the reason', () => {
    expect(reason(() => parseBlockchainInfo([]))).toBe('result should be an object, got an array');
    expect(reason(() => parseBlockchainInfo({ ...chainInfoV30, blocks: '926000' }))).toMatch(
      /^blocks should be a finite number/,
    );
    expect(reason(() => parseBlockchainInfo({ ...chainInfoV30, time: 1764547200000 }))).toMatch(/milliseconds/);
    expect(reason(() => parseBlockchainInfo({ ...chainInfoV30, verificationprogress: 1.5 }))).toMatch(
      /verificationprogress/,
    );
    expect(reason(() => parseBlockchainInfo({ ...chainInfoV30, chain: 'litecoin' }))).toMatch(
      /^chain should be one of/,
    );
    expect(reason(() => parseBlockchainInfo({ ...chainInfoV30, bestblockhash: 'xyz' }))).toMatch(
      /^bestblockhash should be 64 hex digits/,
    );
    expect(reason(() => parseBlockchainInfo({ ...chainInfoV30, bits: '1702' }))).toMatch(
      /^bits should be 8 hex digits/,
    );
  });
});

describe('getmininginfo', () => {
  it('the v29 mainnet shape (bits, target, next, warnings array)', () => {
    const info = parseMiningInfo({
      blocks: 956472,
      currentblockweight: 2150476,
      currentblocktx: 1904,
      bits: '17021a42',
      difficulty: 133869853540305.4,
      target: '000000000000000000021a420000000000000000000000000000000000000000',
      networkhashps: 9.224574509210502e20,
      pooledtx: 1917,
      chain: 'main',
      next: { height: 956473, bits: '17021a42', difficulty: 133869853540305.4, target: '00' },
      warnings: [],
    });
    expect(info).toMatchObject({
      blocks: 956472,
      networkHashrateHps: 9.224574509210502e20,
      currentBlockWeightWu: 2150476,
      bits: 0x17021a42,
      next: { height: 956473, bits: 0x17021a42 },
      blockMinTxFeeBtcPerKvB: null,
    });
  });

  it('v27 without the optional fields; rejects a hash rate that is not H/s', () => {
    const v27 = {
      blocks: 830000,
      difficulty: 8.6e13,
      networkhashps: 6.1e20,
      pooledtx: 3000,
      chain: 'main',
      warnings: '',
    };
    expect(parseMiningInfo(v27)).toMatchObject({ currentBlockWeightWu: null, next: null, bits: null, warnings: [] });
    expect(reason(() => parseMiningInfo({ ...v27, networkhashps: 6.1e30 }))).toMatch(
      /^networkhashps = 6.1e\+30 is outside/,
    );
    expect(reason(() => parseNetworkHashPs('6e20'))).toMatch(/finite number/);
    expect(parseNetworkHashPs(0)).toBe(0);
  });
});

describe('getblockheader', () => {
  const header = {
    hash: HASH,
    confirmations: 3,
    height: 900000,
    version: 0x20000000,
    versionHex: '20000000',
    merkleroot: 'b'.repeat(64),
    time: 1749341102,
    mediantime: 1749339220,
    nonce: 4294967295,
    bits: '17023a04',
    difficulty: 126411437451912.2,
    chainwork: CHAINWORK,
    nTx: 3658,
    previousblockhash: 'c'.repeat(64),
    nextblockhash: 'd'.repeat(64),
  };
  it('parses; the tip has no nextblockhash; genesis no previousblockhash', () => {
    expect(parseBlockHeader(header)).toMatchObject({
      height: 900000,
      timeS: 1749341102,
      bits: 0x17023a04,
      txCount: 3658,
      nextBlockHash: 'd'.repeat(64),
    });
    const { nextblockhash: _n, ...tip } = header;
    expect(parseBlockHeader(tip).nextBlockHash).toBeNull();
    expect(reason(() => parseBlockHeader({ ...tip, previousblockhash: undefined }))).toMatch(
      /previousblockhash is missing/,
    );
    expect(reason(() => parseBlockHeader({ ...header, nonce: 2 ** 32 }))).toMatch(/^nonce/);
  });
});

describe('getblockstats', () => {
  it('a full reply (Core regtest block 103 values) → every field under its unit name', () => {
    const s = parseBlockStats({
      avgfee: 18953,
      avgfeerate: 109,
      avgtxsize: 227,
      blockhash: 'e'.repeat(64),
      feerate_percentiles: [20, 20, 20, 301, 301],
      height: 103,
      ins: 3,
      maxfee: 49800,
      maxfeerate: 301,
      maxtxsize: 247,
      medianfee: 3740,
      mediantime: 1536411754,
      mediantxsize: 247,
      minfee: 3320,
      minfeerate: 20,
      mintxsize: 187,
      outs: 8,
      subsidy: 5000000000,
      swtotal_size: 494,
      swtotal_weight: 1322,
      swtxs: 2,
      time: 1536411754,
      total_out: 9999939400,
      total_size: 681,
      total_weight: 2070,
      totalfee: 56860,
      txs: 4,
      utxo_increase: 5,
      utxo_size_inc: 380,
    });
    expect(s).toMatchObject({
      height: 103,
      totalFeeSats: 56860,
      subsidySats: 5_000_000_000,
      txs: 4,
      avgFeeRateSatPerVb: 109,
      feeRatePercentilesSatPerVb: [20, 20, 20, 301, 301],
      totalWeightWu: 2070,
      utxoIncrease: 5,
      utxoIncreaseActual: null,
    });
  });

  it('a filtered reply keeps absent fields null; negative UTXO deltas are fine, negative fees are not', () => {
    expect(parseBlockStats({ height: 5, totalfee: 0, utxo_increase: -40 })).toMatchObject({
      height: 5,
      totalFeeSats: 0,
      subsidySats: null,
      utxoIncrease: -40,
    });
    expect(reason(() => parseBlockStats({ totalfee: -1 }))).toMatch(/^totalfee = -1 is outside/);
    expect(reason(() => parseBlockStats({ totalfee: 1.5 }))).toMatch(/^totalfee should be a whole number/);
    expect(reason(() => parseBlockStats({ feerate_percentiles: [1, 2] }))).toMatch(
      /feerate_percentiles should be an array of 5/,
    );
  });
});
