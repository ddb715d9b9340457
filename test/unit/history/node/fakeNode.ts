// A node over a chain simple enough to work figures out by hand: block h is mined at T0 + 600·h (exactly
// 144 a day, T0 a UTC midnight), its difficulty is 1e14·(1 + epoch/100), getnetworkhashps(n, h) answers
// 5e20 + h, and its fees are 1000·h sats. Replies are raw JSON shaped like Core's, parsed by the calls'
// own parsers; errors go through Core's error mapping. Counts the batches and calls it served.
import type { NodeBatcher, RpcOutcome } from '../../../../src/core/history/node/fill';
import type { RpcCall } from '../../../../src/core/sources/bitcoind/calls';
import { BitcoindError, rpcErrorToBitcoindError } from '../../../../src/core/sources/bitcoind/errors';

export const T0 = 18_518 * 86_400; // 2020-09-13T00:00:00Z
export const timeOf = (h: number): number => T0 + 600 * h;
export const difficultyOf = (h: number): number => 1e14 * (1 + Math.floor(h / 2016) / 100);
export const hashrateOf = (h: number): number => 5e20 + h;
export const feesOf = (h: number): number => 1000 * h;
export const hashOf = (h: number): string => h.toString(16).padStart(64, '0');
const URL = 'http://127.0.0.1:8332';

export interface FakeNodeOptions {
  readonly tip: number;
  /** getblockstats below this height: −1 "Block not available (pruned data)". */
  readonly pruneHeight?: number;
  /** Reject the whole batch (as an unreachable node does) from this batch number on (1-based). */
  readonly failFromBatch?: number;
  /** getblockchaininfo: initial block download at this progress (0..1). */
  readonly syncing?: number;
  /** getblockchaininfo's chain (default regtest). */
  readonly chain?: string;
}

export class FakeNode implements NodeBatcher {
  batches = 0;
  calls = 0;
  readonly methods = new Map<string, number>();

  constructor(private readonly options: FakeNodeOptions) {}

  /** One call, as JsonRpcClient.call: the result or a thrown BitcoindError. */
  async call<T>(call: RpcCall<T>): Promise<T> {
    const [outcome] = await this.batch([call]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  }

  async batch<T>(calls: readonly RpcCall<T>[]): Promise<readonly RpcOutcome<T>[]> {
    this.batches++;
    await Promise.resolve();
    if (this.options.failFromBatch !== undefined && this.batches >= this.options.failFromBatch)
      throw new BitcoindError('unreachable', `Bitcoin Core at ${URL} is not reachable (connection refused).`);
    return calls.map((call) => {
      this.calls++;
      this.methods.set(call.method, (this.methods.get(call.method) ?? 0) + 1);
      const reply = this.answer(call.method, call.params);
      if ('error' in reply)
        return { ok: false, error: rpcErrorToBitcoindError(URL, call.method, reply.error.code, reply.error.message) };
      return { ok: true, value: call.parse(reply.result) };
    });
  }

  private answer(
    method: string,
    params: readonly unknown[],
  ): { result: unknown } | { error: { code: number; message: string } } {
    const tip = this.options.tip;
    const height = (v: unknown): number | null => (typeof v === 'number' && v >= 0 && v <= tip ? v : null);
    switch (method) {
      case 'getblockchaininfo':
        return {
          result: {
            chain: this.options.chain ?? 'regtest',
            blocks: tip,
            headers: tip,
            bestblockhash: hashOf(tip),
            difficulty: difficultyOf(tip),
            time: timeOf(tip),
            mediantime: timeOf(tip) - 3000,
            verificationprogress: this.options.syncing ?? 1,
            initialblockdownload: this.options.syncing !== undefined,
            chainwork: 'cd'.repeat(32),
            size_on_disk: 1_000_000,
            pruned: this.options.pruneHeight !== undefined,
            ...(this.options.pruneHeight !== undefined
              ? { pruneheight: this.options.pruneHeight, automatic_pruning: true }
              : {}),
            warnings: [],
          },
        };
      case 'getblockhash': {
        const h = height(params[0]);
        return h === null ? { error: { code: -8, message: 'Block height out of range' } } : { result: hashOf(h) };
      }
      case 'getblockheader': {
        const h = Number.parseInt(String(params[0]), 16);
        return {
          result: {
            hash: hashOf(h),
            confirmations: tip - h + 1,
            height: h,
            version: 0x20000000,
            versionHex: '20000000',
            merkleroot: 'ab'.repeat(32),
            time: timeOf(h),
            mediantime: timeOf(h) - 3000,
            nonce: 7,
            bits: '17034219',
            difficulty: difficultyOf(h),
            chainwork: 'cd'.repeat(32),
            nTx: 3000,
            ...(h > 0 ? { previousblockhash: hashOf(h - 1) } : {}),
            ...(h < tip ? { nextblockhash: hashOf(h + 1) } : {}),
          },
        };
      }
      case 'getnetworkhashps': {
        const h = params[1] === -1 ? tip : height(params[1]);
        return h === null
          ? { error: { code: -8, message: 'Block does not exist at specified height' } }
          : { result: hashrateOf(h) };
      }
      case 'getblockstats': {
        const h = height(params[0]);
        if (h === null) return { error: { code: -8, message: 'Target block height after current tip' } };
        if (this.options.pruneHeight !== undefined && h < this.options.pruneHeight)
          return { error: { code: -1, message: 'Block not available (pruned data)' } };
        return { result: { height: h, time: timeOf(h), totalfee: feesOf(h) } };
      }
      default:
        return { error: { code: -32601, message: 'Method not found' } };
    }
  }
}
