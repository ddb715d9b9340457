// A chart in words: each shown series from the first to the last day in view. Shown under the chart (and
// its table) as a visible description, and the plot's accessible label.

import { formatDay } from '../../../core/format';
import { t } from '../../../core/l10n';
import { seriesLabel, seriesValueText, type ChartContext, type ChartDef } from './definition';

export function chartSummary(
  def: ChartDef,
  ctx: ChartContext | null,
  range: [number, number] | null,
  hidden: ReadonlySet<string>,
): string {
  if (!ctx || !range) return t('{0}: no data', def.title);
  const [first, last] = range;
  const parts = def.series
    .filter((s) => !hidden.has(s.id))
    .map((s) => {
      const values = s.values(ctx.series);
      let a = first;
      let b = last;
      while (a < last && values[a] == null) a++;
      while (b > first && values[b] == null) b--;
      const text = (i: number): string => seriesValueText(s, ctx, i) ?? t('no data');
      return t('{0} from {1} to {2}', seriesLabel(s, ctx), text(a), text(b));
    });
  const days = ctx.series.timeS;
  return t('{0}, {1} to {2}: {3}.', def.title, formatDay(days[first]!), formatDay(days[last]!), parts.join('; '));
}

/** The id of a chart's visible description, which the plot and its table point at with aria-describedby. */
export function chartDescriptionId(chartId: string): string {
  return `chart-${chartId}-description`;
}
