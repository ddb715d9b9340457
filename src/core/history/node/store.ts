// What the panel has learnt from one node, per height, kept on disk so a range is fetched once. Everything
// stored is immutable once buried (a height at least CONFIRMATION_DEPTH below the tip): a reorg deeper than
// that is not worth a re-fetch. The file is untrusted when read back (another version of the extension,
// a damaged disk, another node): it is checked field by field and belongs to one chain and genesis block,
// so a testnet node or a different chain never reuses a mainnet cache.

import { ParseError } from '../../parse';

export const NODE_HISTORY_SCHEMA = 1;
/** Blocks below the tip before a fetched value is stored (a reorg above this depth changes it). */
export const CONFIRMATION_DEPTH = 6;
/** Largest store accepted from disk: every 144th block since genesis is ~6,500; fee samples ~1,100. */
const MAX_ENTRIES = 50_000;
const HASH = /^[0-9a-f]{64}$/;

/** One sampled height: the chain as of that block. */
export interface HeightSample {
  readonly height: number;
  /** The block's (miner-set) time. */
  readonly timeS: number;
  /** Difficulty of that block. */
  readonly difficulty: number;
  /** getnetworkhashps(SAMPLE_WINDOW_BLOCKS, height): work ÷ time over the window ending at the block. */
  readonly hashrateHps: number;
}

/** getblockstats of one block, what the reward needs. */
export interface FeeSample {
  readonly height: number;
  readonly timeS: number;
  readonly totalFeeSats: number;
}

export interface NodeIdentity {
  /** getblockchaininfo's `chain` (main, test, testnet4, signet, regtest). */
  readonly chain: string;
  /** Hash of block 0: two regtest nodes share a chain name, not a genesis... nor a history. */
  readonly genesisHash: string;
}

export interface NodeHistoryFile extends NodeIdentity {
  readonly schema: typeof NODE_HISTORY_SCHEMA;
  /** Sorted by height, one per height. */
  readonly samples: readonly HeightSample[];
  /** Retarget heights (multiples of 2016) with the difficulty that took effect there. */
  readonly retargets: readonly HeightSample[];
  readonly fees: readonly FeeSample[];
}

/** In memory: maps by height, so merging a batch is O(batch). */
export class NodeHistoryStore {
  readonly samples = new Map<number, HeightSample>();
  readonly retargets = new Map<number, HeightSample>();
  readonly fees = new Map<number, FeeSample>();

  constructor(readonly identity: NodeIdentity) {}

  static from(file: NodeHistoryFile): NodeHistoryStore {
    const store = new NodeHistoryStore({ chain: file.chain, genesisHash: file.genesisHash });
    for (const s of file.samples) store.samples.set(s.height, s);
    for (const s of file.retargets) store.retargets.set(s.height, s);
    for (const f of file.fees) store.fees.set(f.height, f);
    return store;
  }

  sameNode(identity: NodeIdentity): boolean {
    return this.identity.chain === identity.chain && this.identity.genesisHash === identity.genesisHash;
  }

  get size(): number {
    return this.samples.size + this.retargets.size + this.fees.size;
  }

  toFile(): NodeHistoryFile {
    const byHeight = <T extends { height: number }>(m: Map<number, T>): T[] =>
      [...m.values()].sort((a, b) => a.height - b.height);
    return {
      schema: NODE_HISTORY_SCHEMA,
      chain: this.identity.chain,
      genesisHash: this.identity.genesisHash,
      samples: byHeight(this.samples),
      retargets: byHeight(this.retargets),
      fees: byHeight(this.fees),
    };
  }
}

function fail(reason: string): never {
  throw new ParseError('node history cache', reason);
}

function finite(value: unknown, path: string, min: number, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value)))
    fail(`${path} should be a ${integer ? 'whole ' : ''}number ≥ ${min}`);
  return value;
}

function list<T>(value: unknown, path: string, check: (v: Record<string, unknown>, path: string) => T): T[] {
  if (!Array.isArray(value)) fail(`${path} should be an array`);
  if (value.length > MAX_ENTRIES) fail(`${path} has more than ${MAX_ENTRIES} entries`);
  let last = -1;
  return value.map((v, i) => {
    const p = `${path}[${i}]`;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${p} should be an object`);
    const entry = check(v as Record<string, unknown>, p) as T & { height: number };
    if (entry.height <= last) fail(`${path} is not sorted by height at ${i}`);
    last = entry.height;
    return entry;
  });
}

const sample = (o: Record<string, unknown>, p: string): HeightSample => ({
  height: finite(o.height, `${p}.height`, 0, true),
  timeS: finite(o.timeS, `${p}.timeS`, 0, true),
  difficulty: finite(o.difficulty, `${p}.difficulty`, 0),
  hashrateHps: finite(o.hashrateHps, `${p}.hashrateHps`, 0),
});

const fee = (o: Record<string, unknown>, p: string): FeeSample => ({
  height: finite(o.height, `${p}.height`, 0, true),
  timeS: finite(o.timeS, `${p}.timeS`, 0, true),
  totalFeeSats: finite(o.totalFeeSats, `${p}.totalFeeSats`, 0, true),
});

/**
 * A parsed cache file → the store, or a ParseError saying what is wrong (the caller logs it and starts
 * afresh). Only the fields we know are copied: nothing else from the file reaches the charts.
 */
export function checkNodeHistoryFile(value: unknown): NodeHistoryFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('the file should hold an object');
  const o = value as Record<string, unknown>;
  if (o.schema !== NODE_HISTORY_SCHEMA) fail(`schema ${String(o.schema).slice(0, 20)} is not ${NODE_HISTORY_SCHEMA}`);
  if (typeof o.chain !== 'string' || !/^[a-z0-9]{1,16}$/.test(o.chain)) fail('chain should be a short name');
  if (typeof o.genesisHash !== 'string' || !HASH.test(o.genesisHash)) fail('genesisHash should be 64 hex digits');
  return {
    schema: NODE_HISTORY_SCHEMA,
    chain: o.chain,
    genesisHash: o.genesisHash,
    samples: list(o.samples, 'samples', sample),
    retargets: list(o.retargets, 'retargets', sample),
    fees: list(o.fees, 'fees', fee),
  };
}

/** The file name of a node's cache: chain and genesis in it, so two nodes never share a file. */
export function nodeHistoryFileName(identity: NodeIdentity): string {
  const chain = identity.chain.replace(/[^a-z0-9]/g, '_').slice(0, 16);
  return `node-history-v${NODE_HISTORY_SCHEMA}-${chain}-${identity.genesisHash.slice(0, 16)}.json`;
}
