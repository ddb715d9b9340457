// The trends toolbar: the time-range radio group (arrow keys, Home and End move between ranges), the log-scale
// toggle and the CSV export. It holds only the buttons; the section decides what each action does.

import { t } from '../../core/l10n';
import { RANGES, type RangeId } from '../../shared/protocol';
import { h } from '../common/dom';
import { isLogScale, type ViewState } from '../common/viewState';

export interface ToolbarActions {
  /** The range the user has chosen (the view state's). */
  range(): RangeId;
  selectRange(range: RangeId): void;
  toggleLog(): void;
  exportCsv(): void;
}

export interface Toolbar {
  readonly element: HTMLElement;
  readonly rangeButtons: ReadonlyMap<RangeId, HTMLButtonElement>;
  readonly logButton: HTMLButtonElement;
}

export function createToolbar(state: ViewState, actions: ToolbarActions): Toolbar {
  const rangeButtons = new Map<RangeId, HTMLButtonElement>();
  const rangeGroup = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': t('Time range') });
  for (const range of RANGES) {
    const button = h(
      'button',
      {
        type: 'button',
        role: 'radio',
        class: 'segment',
        'data-range': range,
        'aria-checked': String(range === state.range),
        tabindex: range === state.range ? '0' : '-1',
        onclick: () => actions.selectRange(range),
      },
      range,
    );
    rangeButtons.set(range, button);
    rangeGroup.appendChild(button);
  }
  rangeGroup.addEventListener('keydown', (e) => {
    const current = RANGES.indexOf(actions.range());
    let next: number;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (current + 1) % RANGES.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (current - 1 + RANGES.length) % RANGES.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = RANGES.length - 1;
    else return;
    e.preventDefault();
    const range = RANGES[next]!;
    actions.selectRange(range);
    rangeButtons.get(range)?.focus();
  });
  const logButton = h(
    'button',
    {
      'aria-pressed': String(isLogScale(state)),
      title: t('Logarithmic value axes (useful for the whole history)'),
      onclick: () => actions.toggleLog(),
    },
    t('Log scale'),
  );
  const csvButton = h(
    'button',
    { title: t('Save every series of the visible range as CSV'), onclick: () => actions.exportCsv() },
    t('Export CSV'),
  );
  const element = h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': t('Chart controls') },
    rangeGroup,
    h(
      'span',
      { class: 'hint' },
      t('Drag across a chart to zoom · double-click to reset · arrow keys move the crosshair'),
    ),
    h('span', { class: 'toolbar-spacer' }),
    logButton,
    csvButton,
  );
  return { element, rangeButtons, logButton };
}
