// A chart's table alternative: the days in view, newest first, one column per series with the legend's
// full-precision text.

import { isoDay } from '../../../core/format';
import { h, replaceChildren } from '../dom';
import type { ChartContext, ChartDef } from './definition';

/** Fills `container` with the table of days [first, last] (`range` null: nothing in view). */
export function renderChartTable(container: HTMLElement, def: ChartDef, ctx: ChartContext | null, range: [number, number] | null): void {
  if (!ctx || !range) {
    replaceChildren(container, h('p', { class: 'empty' }, 'No data in view.'));
    return;
  }
  const [first, last] = range;
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Date (UTC)'), ...def.series.map((s) => h('th', { scope: 'col' }, s.column(ctx))));
  const body = document.createElement('tbody');
  const columns = def.series.map((s) => ({ def: s, values: s.values(ctx.series) }));
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
  const table = h('table', {}, h('caption', {}, `${def.title}: ${last - first + 1} days, newest first`), h('thead', {}, head), body);
  replaceChildren(container, table);
}
