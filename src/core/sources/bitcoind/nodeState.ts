// What the node's own state means for our figures: usable (ready), not yet (warming up, syncing), or usable
// with a caveat (stale tip). Pruning is orthogonal (a pruned node can be ready or syncing): it only limits
// which blocks getblockstats can read, so it is a field, not a status.

import { formatAge, formatInteger, formatPercent } from '../../format';
import type { BlockchainInfo, ChainName } from './results';
import { t } from '../../l10n';

export type NodeStatus = 'ready' | 'warmingUp' | 'syncing' | 'staleTip';

export interface NodeState {
  readonly status: NodeStatus;
  /** Short text for the status bar / hover: "node syncing 42%". */
  readonly label: string;
  readonly chain: ChainName | null;
  readonly blocks: number | null;
  readonly headers: number | null;
  readonly tipTimeS: number | null;
  /** now − tip time (never negative), seconds. */
  readonly tipAgeS: number | null;
  /** verificationprogress × 100, floored while syncing so it never shows 100 before the end. */
  readonly progressPercent: number | null;
  /** Lowest height whose block data the node still has; null when not pruned. */
  readonly pruneHeight: number | null;
}

/** No block for 2 h has a probability of e⁻¹² ≈ 6·10⁻⁶ at 10-minute blocks: the node has lost its peers. */
export const DEFAULT_STALE_TIP_AFTER_S = 2 * 3600;
/**
 * The header of a new block arrives a moment before the block: a gap this small is not "syncing".
 * Core's own initialblockdownload flag latches false once synced, so a node that falls far behind later
 * still reports false: the gap is what tells.
 */
const MAX_HEADER_GAP = 2;

export interface ClassifyOptions {
  readonly staleTipAfterS?: number;
}

export function classifyNode(info: BlockchainInfo, nowS: number, options: ClassifyOptions = {}): NodeState {
  const staleAfterS = options.staleTipAfterS ?? DEFAULT_STALE_TIP_AFTER_S;
  const tipAgeS = Math.max(0, nowS - info.timeS);
  const base = {
    chain: info.chain,
    blocks: info.blocks,
    headers: info.headers,
    tipTimeS: info.timeS,
    tipAgeS,
    pruneHeight: info.pruned ? info.pruneHeight : null,
  };
  if (info.initialBlockDownload || info.headers - info.blocks > MAX_HEADER_GAP) {
    const progressPercent = Math.min(99, Math.floor(info.verificationProgress * 100));
    return {
      ...base,
      status: 'syncing',
      progressPercent,
      label: t(
        'node syncing {0} (block {1} of {2})',
        formatPercent(progressPercent, 0),
        formatInteger(info.blocks),
        formatInteger(Math.max(info.blocks, info.headers)),
      ),
    };
  }
  const progressPercent = info.verificationProgress * 100;
  // Regtest blocks come only when someone mines them: an old tip is normal there.
  if (info.chain !== 'regtest' && tipAgeS > staleAfterS) {
    return {
      ...base,
      status: 'staleTip',
      progressPercent,
      label: t("node's last block {0}: is it connected to peers?", formatAge(tipAgeS * 1000)),
    };
  }
  return { ...base, status: 'ready', progressPercent, label: t('node at block {0}', formatInteger(info.blocks)) };
}

/** The node answered −28: nothing but the init step is known. */
export function warmingUpNode(serverMessage: string): NodeState {
  const step = serverMessage.trim() || t('warming up');
  return {
    status: 'warmingUp',
    label: t('node starting: {0}', step),
    chain: null,
    blocks: null,
    headers: null,
    tipTimeS: null,
    tipAgeS: null,
    progressPercent: null,
    pruneHeight: null,
  };
}
