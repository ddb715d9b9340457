// The key-figures strip's cards, and the strip before any figures arrive: in the charts bundle so the page
// keeps its layout from the first paint; the figures themselves are filled in by ./keyFigures.ts, which is
// in the extras script.

import { h, replaceChildren } from '../common/dom';
import { t } from '../../core/l10n';

export const KEY_FIGURE_LABELS = [
  t('Hash rate · 7-day'),
  t('Difficulty'),
  t('Hashprice'),
  t('BTC price'),
  t('Blocks to retarget'),
  t('Blocks to halving'),
] as const;

export function keyFigureCard(
  id: string,
  label: string,
  value: HTMLElement,
  ...rows: (Node | string | null)[]
): HTMLElement {
  return h(
    'div',
    { class: 'kpi', role: 'listitem', 'data-kpi': id },
    h('div', { class: 'kpi-label' }, label),
    value,
    ...rows.filter((r): r is Node | string => r !== null).map((r) => h('div', { class: 'kpi-sub' }, r)),
  );
}

/** The six cards with "—" until the figures (and the script that renders them) are here. */
export function renderKeyFigurePlaceholders(container: HTMLElement): void {
  replaceChildren(
    container,
    ...KEY_FIGURE_LABELS.map((label, i) =>
      keyFigureCard(String(i), label, h('div', { class: 'kpi-value' }, '—'), '\u00a0'),
    ),
  );
}
