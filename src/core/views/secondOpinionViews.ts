// The second opinion's cheap figures from either source: two small GETs from a mempool instance (the same
// paths the glance reads, so its HTTP cache usually answers), or one JSON-RPC batch of two calls from a node.
import { parseHashrateHistory, parseTipHeight } from '../parse';
import { getParsed, type Transport } from '../transport';
import { SECOND_OPINION_HASHRATE_BLOCKS, type SourceView } from './secondOpinion';
import type { NodeBatcher } from '../history/node/fill';
import { rpc } from '../sources/bitcoind/calls';
import type { BlockchainInfo } from '../sources/bitcoind/results';
import { t } from '../l10n';

/** mempool: tip height, and its currentHashrate (getnetworkhashps(1008)) and currentDifficulty. */
export async function fetchMempoolView(transport: Transport, name: string): Promise<SourceView> {
  const [tipText, hashrate] = await Promise.all([
    transport.getText('/api/blocks/tip/height'),
    getParsed(transport, '/api/v1/mining/hashrate/1m', parseHashrateHistory),
  ]);
  return {
    name,
    tipHeight: parseTipHeight(tipText),
    difficulty: hashrate.currentDifficulty,
    hashrateHps: hashrate.currentHashrateHps,
    hashrateBlocks: SECOND_OPINION_HASHRATE_BLOCKS,
  };
}

/** A node: getblockchaininfo (tip, its difficulty) and getnetworkhashps(1008) in one batch. */
export async function fetchNodeView(node: NodeBatcher, name: string): Promise<SourceView> {
  const [infoOutcome, rateOutcome] = await node.batch<BlockchainInfo | number>([
    rpc.getBlockchainInfo(),
    rpc.getNetworkHashPs(SECOND_OPINION_HASHRATE_BLOCKS, -1),
  ]);
  if (!infoOutcome || !rateOutcome) throw new Error(t('{0} answered the batch incompletely', name));
  if (!infoOutcome.ok) throw infoOutcome.error;
  if (!rateOutcome.ok) throw rateOutcome.error;
  const info = infoOutcome.value as BlockchainInfo;
  const rate = rateOutcome.value as number;
  if (info.initialBlockDownload)
    throw new Error(t('{0} is syncing ({1} %)', name, Math.floor(info.verificationProgress * 100)));
  return {
    name,
    tipHeight: info.blocks,
    difficulty: info.difficulty,
    hashrateHps: rate,
    hashrateBlocks: SECOND_OPINION_HASHRATE_BLOCKS,
  };
}
