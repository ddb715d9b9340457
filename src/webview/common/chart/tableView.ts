// A chart's table alternative: the days in view, newest first, one column per series with the legend's
// full-precision text.

import { t } from '../../../core/l10n';
import { isoDay } from '../../../core/format';
import { h, replaceChildren } from '../dom';
import type { ChartContext, ChartDef } from './definition';
import { chartDescriptionId } from './summary';

/** Fills `container` with the table of days [first, last] (`range` null: nothing in view). */
export function renderChartTable(
  container: HTMLElement,
  def: ChartDef,
  ctx: ChartContext | null,
  range: [number, number] | null,
): void {
  if (!ctx || !range) {
    replaceChildren(container, h('p', { class: 'empty' }, t('No data in view.')));
    return;
  }
  const [first, last] = range;
  // A band is two columns, its lower edge first.
  const columns = def.series.flatMap((s) => [
    ...(s.lower ? [{ def: s, title: s.lower.column(ctx), values: s.lower.values(ctx.series) }] : []),
    { def: s, title: s.column(ctx), values: s.values(ctx.series) },
  ]);
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, t('Date (UTC)')),
    ...columns.map((c) => h('th', { scope: 'col' }, c.title)),
  );
  const body = document.createElement('tbody');
  for (let i = last; i >= first; i--) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = isoDay(ctx.series.timeS[i]!);
    tr.appendChild(th);
    for (const column of columns) {
      const td = document.createElement('td');
      const v = column.values[i] ?? null;
      td.textContent = v === null ? '—' : column.def.format(v, ctx);
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  const table = h(
    'table',
    { 'aria-describedby': chartDescriptionId(def.id) },
    h('caption', {}, `${def.title}: ${last - first + 1} days, newest first`),
    h('thead', {}, head),
    body,
  );
  replaceChildren(container, table);
}
