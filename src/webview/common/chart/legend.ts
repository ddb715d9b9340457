// A chart's HTML legend: one toggle button per series (swatch, label, value), which is also the readout
// of the crosshair: every series' value on the hovered day.

import { t } from '../../../core/l10n';
import { h, setText } from '../dom';
import type { Palette } from '../theme';
import { seriesLabel, seriesValueText, type ChartContext, type ChartDef, type SeriesDef } from './definition';

interface LegendItem {
  readonly button: HTMLButtonElement;
  readonly label: HTMLElement;
  readonly value: HTMLElement;
  readonly swatch: HTMLElement;
  readonly def: SeriesDef;
}

export class ChartLegend {
  readonly element: HTMLElement;
  readonly #items = new Map<string, LegendItem>();

  constructor(def: ChartDef, hidden: ReadonlySet<string>, onToggle: (seriesId: string) => void) {
    this.element = h('div', { class: 'legend', role: 'group', 'aria-label': `${def.title}: series` });
    for (const s of def.series) {
      const value = h('span', { class: 'legend-value' });
      const swatch = h('span', { class: `swatch swatch-${s.kind}`, 'aria-hidden': 'true' });
      const label = h('span', { class: 'legend-label' }, seriesLabel(s, null));
      const button = h(
        'button',
        {
          class: `legend-item kind-${s.kind}`,
          type: 'button',
          'aria-pressed': String(!hidden.has(s.id)),
          'data-series': s.id,
          title: t('Show or hide {0}', seriesLabel(s, null)),
          onclick: () => onToggle(s.id),
        },
        swatch,
        label,
        value,
      );
      this.#items.set(s.id, { button, label, value, swatch, def: s });
      this.element.appendChild(button);
    }
  }

  /** Colours the swatches like the series (through the CSSOM: the CSP allows it, style attributes it would not). */
  paint(palette: Palette): void {
    for (const item of this.#items.values()) item.swatch.style.setProperty('--swatch', item.def.color(palette));
  }

  setShown(seriesId: string, shown: boolean): void {
    this.#items.get(seriesId)?.button.setAttribute('aria-pressed', String(shown));
  }

  /**
   * Every series' value on day `at`. `latest`: not hovering, so each series walks back to the last day that
   * has it (today may be incomplete).
   */
  showValues(ctx: ChartContext, at: number, latest: boolean): void {
    for (const item of this.#items.values()) {
      let i = at;
      const values = item.def.values(ctx.series);
      if (latest) while (i > 0 && values[i] == null) i--;
      const v = values[i];
      setText(item.value, (v == null ? null : seriesValueText(item.def, ctx, i)) ?? '—');
      // A label that depends on the data (the band's level) follows it.
      if (typeof item.def.label !== 'string') setText(item.label, seriesLabel(item.def, ctx));
    }
  }
}
