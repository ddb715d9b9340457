// The difficulty-adjustments table: the retargets inside the visible window, sortable by any column.

import { t } from '../../core/l10n';
import { formatDifficulty, formatInteger, formatSignedPercent, isoDay } from '../../core/format';
import type { HistoryDataset } from '../../shared/protocol';
import { h, replaceChildren } from '../common/dom';
import type { AdjustmentSortKey, ViewState } from '../common/viewState';

export interface AdjustmentRow {
  readonly timeS: number;
  readonly height: number;
  readonly difficulty: number;
  readonly changePercent: number;
}

/** Retargets with fromS ≤ time ≤ toS (the genesis record is not a retarget), sorted. */
export function adjustmentRows(
  adjustments: HistoryDataset['adjustments'],
  fromS: number,
  toS: number,
  sort: ViewState['sort'],
): AdjustmentRow[] {
  const rows: AdjustmentRow[] = [];
  for (let i = 0; i < adjustments.timeS.length; i++) {
    const t = adjustments.timeS[i]!;
    if (t < fromS || t > toS || adjustments.height[i] === 0) continue;
    rows.push({
      timeS: t,
      height: adjustments.height[i]!,
      difficulty: adjustments.difficulty[i]!,
      changePercent: (adjustments.ratio[i]! - 1) * 100,
    });
  }
  const key: Record<AdjustmentSortKey, (r: AdjustmentRow) => number> = {
    time: (r) => r.timeS,
    height: (r) => r.height,
    difficulty: (r) => r.difficulty,
    change: (r) => r.changePercent,
  };
  const k = key[sort.key];
  const dir = sort.dir === 'asc' ? 1 : -1;
  // Ties (equal change) fall back to newest first.
  return rows.sort((a, b) => (k(a) - k(b)) * dir || b.height - a.height);
}

const COLUMNS: readonly { key: AdjustmentSortKey; label: string }[] = [
  { key: 'time', label: t('Date (UTC)') },
  { key: 'height', label: t('Height') },
  { key: 'difficulty', label: t('Difficulty') },
  { key: 'change', label: t('Change') },
];

export class AdjustmentsTable {
  readonly card: HTMLElement;
  readonly #body: HTMLElement;
  readonly #caption: HTMLElement;
  #last: { adjustments: HistoryDataset['adjustments']; fromS: number; toS: number } | null = null;

  #sort: ViewState['sort'];
  readonly #onSort: (sort: ViewState['sort']) => void;

  constructor(sort: ViewState['sort'], onSort: (sort: ViewState['sort']) => void) {
    this.#sort = sort;
    this.#onSort = onSort;
    this.#caption = h('p', { class: 'card-subtitle', 'aria-live': 'polite' });
    this.#body = h('div', {
      class: 'table-scroll',
      tabindex: '0',
      role: 'region',
      'aria-label': t('Difficulty adjustments'),
    });
    this.card = h(
      'article',
      { class: 'card adjustments-card', 'aria-labelledby': 'adjustments-title' },
      h(
        'header',
        { class: 'card-header' },
        h(
          'div',
          { class: 'card-title' },
          h('h3', { id: 'adjustments-title' }, t('Difficulty adjustments')),
          this.#caption,
        ),
      ),
      this.#body,
    );
  }

  render(adjustments: HistoryDataset['adjustments'], fromS: number, toS: number): void {
    this.#last = { adjustments, fromS, toS };
    const rows = adjustmentRows(adjustments, fromS, toS, this.#sort);
    this.#caption.textContent =
      rows.length === 1 ? '1 retarget in view' : `${formatInteger(rows.length)} retargets in view`;
    const head = h(
      'tr',
      {},
      ...COLUMNS.map((c) => {
        const active = this.#sort.key === c.key;
        const next: ViewState['sort'] = { key: c.key, dir: active && this.#sort.dir === 'desc' ? 'asc' : 'desc' };
        return h(
          'th',
          { scope: 'col', 'aria-sort': active ? (this.#sort.dir === 'asc' ? 'ascending' : 'descending') : 'none' },
          h(
            'button',
            { class: 'sort-button', 'data-sort': c.key, onclick: () => this.#setSort(next) },
            c.label,
            h(
              'span',
              { class: 'sort-indicator', 'aria-hidden': 'true' },
              active ? (this.#sort.dir === 'asc' ? ' ▲' : ' ▼') : '',
            ),
          ),
        );
      }),
    );
    const tbody = document.createElement('tbody');
    for (const r of rows) {
      const change = h(
        'td',
        { class: r.changePercent > 0 ? 'up' : r.changePercent < 0 ? 'down' : 'flat' },
        formatSignedPercent(r.changePercent),
      );
      tbody.appendChild(
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, isoDay(r.timeS)),
          h('td', {}, formatInteger(r.height)),
          h('td', {}, formatDifficulty(r.difficulty)),
          change,
        ),
      );
    }
    replaceChildren(
      this.#body,
      rows.length === 0
        ? h('p', { class: 'empty' }, t('No retarget in the visible range.'))
        : h(
            'table',
            {},
            h('caption', { class: 'visually-hidden' }, t('Difficulty adjustments in the visible range')),
            h('thead', {}, head),
            tbody,
          ),
    );
  }

  #setSort(sort: ViewState['sort']): void {
    this.#sort = sort;
    this.#onSort(sort);
    if (this.#last) this.render(this.#last.adjustments, this.#last.fromS, this.#last.toS);
    (this.#body.querySelector(`[data-sort="${sort.key}"]`) as HTMLElement | null)?.focus();
  }
}
