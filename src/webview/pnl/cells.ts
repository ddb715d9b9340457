// Building blocks of the P&L cards: money and percentage cells with their colours, tables with row headers, cards.

import { formatSignedPercent, moneyText } from '../../core/format';
import type { Currency } from '../../core/model';
import { h } from '../common/dom';

export type Cell = Node | string;

/** "$24.49/PH/day". */
export function hashprice(value: number | null, currency: Currency): string {
  return `${moneyText(value, currency)}/PH/day`;
}

/** A money cell: the error colour when negative. */
export function money(value: number, currency: Currency, suffix = ''): HTMLElement {
  const text = moneyText(value, currency) + suffix;
  return h('span', { class: text.startsWith('−') ? 'neg' : value > 0 ? 'pos' : '' }, text);
}

export function signedPercent(value: number): HTMLElement {
  const rounded = Number(value.toFixed(1));
  return h('span', { class: rounded < 0 ? 'down' : rounded > 0 ? 'up' : 'flat' }, formatSignedPercent(value, 1));
}

/** A table with a caption, column headers and row headers (the first cell of each row). */
export function table(
  caption: string,
  head: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  cls = '',
): HTMLTableElement {
  return h(
    'table',
    { class: `pnl-table ${cls}`.trim() },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...rows.map((cells) =>
        h('tr', {}, h('th', { scope: 'row' }, cells[0]!), ...cells.slice(1).map((c) => h('td', {}, c))),
      ),
    ),
  );
}

export function card(id: string, title: string, ...children: (Node | null)[]): HTMLElement {
  return h(
    'article',
    { class: `card pnl-card pnl-${id}`, 'aria-labelledby': `pnl-${id}-title` },
    h('h3', { id: `pnl-${id}-title` }, title),
    ...children,
  );
}

export function note(text: string): HTMLElement {
  return h('p', { class: 'note' }, text);
}
