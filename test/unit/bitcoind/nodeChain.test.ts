// The test node's chain arithmetic against hand-worked values: Core's block proof and chainwork, and
// getnetworkhashps' window rules (min/max of the n + 1 timestamps, not the endpoints; −1 = since the retarget).
import { describe, expect, it } from 'vitest';
import { BLOCK1_TIME_S, BLOCKS_PER_EPOCH, GENESIS_TIME_S, generateChain } from '../../server/chain';
import { NodeChain, blockProof } from '../../server/bitcoind/nodeChain';
import { RpcError } from '../../server/bitcoind/rpcError';

/** floor(2²⁵⁶ / (0xffff·2²⁰⁸ + 1)): the work of a difficulty-1 block; mainnet's genesis chainwork is 0x100010001. */
const DIFF1_WORK = 4295032833;

/** Genesis and block 1 from the generator, then blocks 2..6 at times we choose (offsets from block 1). */
function tinyNode(): NodeChain {
  const chain = generateChain({ endTimeS: BLOCK1_TIME_S + 60 }).fork();
  expect(chain.tipHeight).toBe(1);
  for (const offset of [600, 1500, 1800, 2400, 3000]) chain.appendBlock(BLOCK1_TIME_S + offset);
  const node = new NodeChain(chain);
  // Miner-set times are not monotonic: block 4 earlier than block 3, block 5 later than block 6.
  node.setBlockTime(4, BLOCK1_TIME_S + 1200);
  node.setBlockTime(5, BLOCK1_TIME_S + 3600);
  return node;
}

function rpcError(fn: () => unknown): RpcError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RpcError) return e;
    throw e;
  }
  throw new Error('expected an RpcError');
}

describe('block proof and chainwork (Core GetBlockProof)', () => {
  it('a difficulty-1 block is worth 0x100010001 hashes; chainwork adds them up from genesis', () => {
    expect(blockProof(0x1d00ffff)).toBe(BigInt(DIFF1_WORK));
    const node = tinyNode();
    expect(node.chainworkAt(0)).toBe(0x100010001n);
    expect(node.chainworkAt(6)).toBe(7n * 0x100010001n); // 0x700070007
  });

  it('a harder target: bits 0x1b0404cb (exponent 27: target 0x0404cb·2¹⁹²) → floor(2²⁵⁶ / (target + 1))', () => {
    // 2²⁵⁶ / (0x0404cb · 2¹⁹²) = 2⁶⁴ / 263371 = 18446744073709551616 / 263371 ≈ 7.0040908e13
    expect(blockProof(0x1b0404cb)).toBe(70040908352512n);
    expect(Number(blockProof(0x1b0404cb)) / (18446744073709551616 / 263371)).toBeCloseTo(1, 12);
  });
});

describe('getnetworkhashps(nblocks, height) semantics', () => {
  const node = tinyNode();

  it('work of n blocks over max − min of the n + 1 timestamps (here a middle block holds the max)', () => {
    // window 3..6: times +1500, +1200, +3600, +3000 → span 3600 − 1200 = 2400 s (endpoints would give 1500 s)
    expect(node.networkHashPs(3, 6)).toBeCloseTo((3 * DIFF1_WORK) / 2400, 6);
    // window 2..4: +600, +1500, +1200 → span 900 s
    expect(node.networkHashPs(2, 4)).toBeCloseTo((2 * DIFF1_WORK) / 900, 6);
  });

  it('height −1 is the tip; n is clamped to the height (window from genesis)', () => {
    const fromGenesis = (6 * DIFF1_WORK) / (BLOCK1_TIME_S + 3600 - GENESIS_TIME_S);
    expect(node.networkHashPs(120, -1)).toBeCloseTo(fromGenesis, 9);
    expect(node.networkHashPs(6, 6)).toBeCloseTo(fromGenesis, 9);
    expect(node.networkHashPs(1, 1)).toBeCloseTo(DIFF1_WORK / (BLOCK1_TIME_S - GENESIS_TIME_S), 9);
  });

  it('nblocks −1 = blocks since the last retarget: (height mod 2016) + 1, clamped', () => {
    expect(node.networkHashPs(-1, 6)).toBe(node.networkHashPs(7, 6));
    expect(node.networkHashPs(-1, 3)).toBe(node.networkHashPs(3, 3));
  });

  it('genesis and a zero time span give 0', () => {
    expect(node.networkHashPs(120, 0)).toBe(0);
    const flat = tinyNode();
    flat.setBlockTime(5, BLOCK1_TIME_S + 1800);
    flat.setBlockTime(6, BLOCK1_TIME_S + 1800);
    // window 4..6 after the overrides: +1200, +1800, +1800 → still a span; window 5..6 has none
    expect(flat.networkHashPs(1, 6)).toBe(0);
  });

  it('rejects bad nblocks and heights with −8 and Core’s messages', () => {
    expect(rpcError(() => node.networkHashPs(0, -1))).toMatchObject({
      code: -8,
      message: 'Invalid nblocks. Must be a positive number or -1.',
    });
    expect(rpcError(() => node.networkHashPs(-2, -1))).toMatchObject({ code: -8 });
    expect(rpcError(() => node.networkHashPs(120, 7))).toMatchObject({
      code: -8,
      message: 'Block does not exist at specified height',
    });
    expect(rpcError(() => node.networkHashPs(120, -2))).toMatchObject({ code: -8 });
  });

  it('on the default chain it equals the generator’s Σ difficulty·2³² estimate × 65536/65535 (Core counts 2²⁵⁶/(T+1))', () => {
    const chain = generateChain();
    const big = new NodeChain(chain);
    for (const [n, h] of [
      [120, chain.tipHeight],
      [1008, chain.tipHeight],
      [2016, 800_000],
      [10, 100_000],
    ] as const) {
      const ratio = big.networkHashPs(n, h) / chain.networkHashPs(n, h);
      expect(ratio).toBeCloseTo(65536 / 65535, 9);
    }
    const epochStart = Math.floor(chain.tipHeight / BLOCKS_PER_EPOCH) * BLOCKS_PER_EPOCH;
    expect(big.networkHashPs(-1, epochStart)).toBe(big.networkHashPs(1, epochStart));
  });
});

describe('headers and stats', () => {
  it('median time past is the middle of the last 11 times', () => {
    const node = tinyNode();
    // times of 0..6 sorted: genesis, +0, +600, +1200, +1500, +3000, +3600 → the 4th of 7
    expect(node.medianTimeOf(6)).toBe(BLOCK1_TIME_S + 1200);
  });

  it('getblockstats identities hold (avgfee, avgfeerate, utxo_increase) on real-sized blocks', () => {
    const node = new NodeChain(generateChain());
    for (const h of [500_000, 900_000, node.tipHeight]) {
      const s = node.blockStats(h) as Record<string, number>;
      expect(s.avgfee).toBe(Math.floor(s.totalfee! / (s.txs! - 1)));
      expect(s.avgfeerate).toBe(Math.floor((s.totalfee! * 4) / s.total_weight!));
      expect(s.utxo_increase).toBe(s.outs! - s.ins!);
      expect(s.subsidy).toBe(Math.floor(5_000_000_000 / 2 ** Math.floor(h / 210_000)));
    }
  });
});
