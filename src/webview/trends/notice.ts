// The line above the trend charts: the chosen range loading, updating, failed (with the age of what is still
// shown), a fill from the user's node in progress (with its Cancel), and the dataset's own notes.
import { t } from '../../core/l10n';
import { isoDay } from '../../core/format';
import type { HistoryDataset, RangeId } from '../../shared/protocol';
import { h } from '../common/dom';

export interface RangeLoad {
  readonly state: 'loading' | 'loaded' | 'error';
  readonly message: string | null;
  readonly progress?: { readonly done: number; readonly total: number };
}

/** "the 1Y history", "the whole history". */
const rangeName = (range: RangeId): string => (range === 'ALL' ? t('the whole history') : t('the {0} history', range));

/** What the notice says (as text and nodes, never HTML) and its kind; no parts: the notice is hidden. */
export function noticeContent(
  range: RangeId,
  load: RangeLoad | undefined,
  dataset: HistoryDataset | undefined,
  /** The one Cancel button of a node fill (redrawn at every chunk, it must stay the same element). */
  cancelButton: () => HTMLElement,
): { kind: 'info' | 'error' | 'note'; parts: (string | Node)[] } {
  const parts: (string | Node)[] = [];
  let kind: 'info' | 'error' | 'note' = 'info';
  if (load?.state === 'error') {
    kind = 'error';
    parts.push(t('Could not load {0}: {1}.', rangeName(range), load.message ?? t('unknown error')));
    if (dataset) parts.push(` ${t('Showing data from {0}.', isoDay(Math.floor(dataset.fetchedAtMs / 1000)))}`);
  } else if (load?.progress) {
    // A fill from the user's node: how far, and a way out (what was fetched stays).
    const { done, total } = load.progress;
    parts.push(
      h('progress', { max: total, value: done }),
      ` ${t('{0} of {1} heights from your node', String(done), String(total))} `,
      cancelButton(),
    );
  } else if (load?.state === 'loading' && !dataset) {
    parts.push(h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('Loading {0}…', rangeName(range)));
  } else if (load?.state === 'loading') {
    parts.push(h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('Updating…'));
  }
  if (dataset && dataset.notes.length > 0 && load?.state !== 'error' && !load?.progress) {
    kind = kind === 'info' && parts.length === 0 ? 'note' : kind;
    parts.push(` ${dataset.notes.join(' ')}`);
  }
  return { kind, parts };
}
