// The user's Bitcoin Core as the glance source. Polls getbestblockhash each refresh; a new tip brings a full
// read (core/sources/bitcoind/glance.ts), prices come from the price source. Node failures (unreachable,
// 401, warming up, syncing, busy, a missing method…) become the refresh's error with Core's own
// explanation; the DataService keeps the last good snapshot and marks it stale.
import type { SnapshotResult } from '../../core/fetchSnapshot';
import { glancePrices } from '../../core/glance/prices';
import type { NetworkSnapshot } from '../../core/model';
import { isBitcoindError, NodeGlance, NodeSyncingError } from '../../core/sources/bitcoind';
import { nodeSourceHostOf, sourceHostOf, type Settings } from '../../core/settings';
import { TransportError, type Transport, type TransportErrorKind } from '../../core/transport';
import type { JsonRpcClient } from '../../net/index';
import type { GlanceSource } from './glanceSource';
import { asNodeRpc, createNodeRpc, type NodeConnectionDeps } from './nodeConnection';

export interface NodeSourceOptions extends NodeConnectionDeps {
  readonly settings: () => Settings;
  /** The mempool instance's HTTP client, for priceSource "mempool". */
  readonly mempoolTransport: () => Transport;
}

export class NodeSource implements GlanceSource {
  readonly kind = 'bitcoind';
  readonly sourceHost: string;
  private client: Promise<JsonRpcClient> | undefined;
  private glance: NodeGlance | undefined;
  private disposed = false;

  constructor(private readonly options: NodeSourceOptions) {
    this.sourceHost = nodeSourceHostOf(options.settings().bitcoind.url);
  }

  async refresh(previous: NetworkSnapshot | null): Promise<SnapshotResult> {
    try {
      const glance = await this.getGlance();
      return { snapshot: await glance.snapshot(previous), warnings: [] };
    } catch (error) {
      // A failed client build (no password, bad URL) is retried from scratch next time.
      if (isBitcoindError(error) && error.kind === 'config') this.reset();
      throw asTransportError(error);
    }
  }

  clearCache(): void {
    // The node is asked every time; only prices go through an HTTP cache.
  }

  /** Credentials changed (a password was stored or cleared): the next refresh builds a new client. */
  reset(): void {
    const client = this.client;
    this.client = undefined;
    this.glance = undefined;
    void client?.then(
      (c) => c.close(),
      () => undefined,
    );
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }

  private async getGlance(): Promise<NodeGlance> {
    if (this.disposed) throw new Error('The node source is closed.');
    const settings = this.options.settings();
    this.client ??= createNodeRpc(settings.bitcoind, this.options);
    const client = await this.client.catch((e: unknown) => {
      this.client = undefined;
      throw e;
    });
    this.glance ??= new NodeGlance({
      rpc: asNodeRpc(client),
      sourceHost: this.sourceHost,
      nodeUrl: settings.bitcoind.url,
      now: () => Date.now(),
      prices: (prev) => {
        const s = this.options.settings();
        return glancePrices({
          kind: s.priceSource,
          currency: s.currency,
          manualBtcPrice: s.manualBtcPrice,
          mempoolHost: sourceHostOf(s.mempoolUrl),
          transport: this.options.mempoolTransport,
          nowMs: Date.now(),
          previous: prev?.sourceHost === this.sourceHost ? prev.prices : null,
        });
      },
    });
    return this.glance;
  }
}

/** Node failures as the pipeline's transport errors: their message alone, already written for people. */
export function asTransportError(error: unknown): unknown {
  if (error instanceof NodeSyncingError) return new TransportError('http', error.message, {});
  if (!isBitcoindError(error)) return error;
  const kind: TransportErrorKind =
    error.kind === 'unreachable'
      ? 'network'
      : error.kind === 'timeout'
        ? 'timeout'
        : error.kind === 'tooLarge'
          ? 'tooLarge'
          : error.kind === 'invalid'
            ? 'invalid'
            : 'http';
  const status = error.details.httpStatus;
  return new TransportError(kind, error.message, status === undefined ? {} : { status });
}
