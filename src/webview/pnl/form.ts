// The P&L inputs form: one field per setting, each with its label, unit, accepted range and an error
// message tied to it (aria-describedby). A value is checked here with the settings' own rules
// (validatePnlEdit) when the user commits it (Enter, leaving the field, a toggle); an invalid value shows its
// message and is not posted, a valid one is posted as `pnl/update` and the host saves it to the user
// settings. Escape puts the saved value back. Values arriving from the host (settings changed anywhere)
// replace a field's text unless the user has an unsaved edit in it.

import { formatLocale } from '../../core/format/locale';
import { t } from '../../core/l10n';
import { inputText } from '../../core/format';
import type { Currency } from '../../core/model';
import type { FleetUnit, PnlEditField, PnlEditValue } from '../../core/pnl/panelFieldNames';
import { fieldRange, fieldUnit, validatePnlEdit, type PnlFormValues } from '../../core/views/pnlFields';
import { h, setText } from '../common/dom';

interface FieldDef {
  readonly field: PnlEditField;
  readonly label: string;
  readonly hint?: string;
}

/** A field's label inside a sentence: lower case in English ("Saved power price…"); as written elsewhere
 * (German nouns keep their capital). */
function labelInText(label: string): string {
  return formatLocale() === 'en' ? label.toLowerCase() : label;
}

const MINING: readonly FieldDef[] = [
  { field: 'efficiencyJPerTh', label: t('Miner efficiency'), hint: 'S21 ≈ 17.5, S19 XP ≈ 21.5, S19 ≈ 30' },
  { field: 'powerPricePerKwh', label: t('Power price'), hint: t('all-in, at the meter') },
  { field: 'poolFeePercent', label: t('Pool fee') },
  { field: 'uptimePercent', label: t('Uptime'), hint: t('scales revenue and power alike') },
];
const HOSTING: readonly FieldDef[] = [
  { field: 'colocationPerKwMonth', label: t('Colocation rate'), hint: t('public deals ≈ 120–160 USD') },
  { field: 'pue', label: 'PUE', hint: t('power usage effectiveness of the AI hall') },
  { field: 'utilisationPercent', label: t('Utilisation'), hint: t('share of IT capacity leased') },
];

export interface FormHost {
  post(field: PnlEditField, value: PnlEditValue): void;
}

interface Control {
  readonly field: PnlEditField;
  readonly label: string;
  readonly input: HTMLInputElement | HTMLSelectElement;
  readonly unit: HTMLElement | null;
  readonly hint: HTMLElement | null;
  /** The hint after the accepted range: "S21 ≈ 17.5 …". */
  readonly baseHint: string;
  readonly error: HTMLElement;
  /** The value as the host last sent it (what is saved). */
  saved: PnlEditValue | null;
  /** Text put into the field from `saved`: anything else is the user's unsaved edit. */
  shown: string;
}

const id = (field: string, part: string): string => `pnl-${field}-${part}`;

/** What a field shows for a saved value (no fleet: empty). */
function valueText(field: PnlEditField, value: PnlEditValue): string {
  if (typeof value !== 'number') return String(value);
  return field === 'fleetSize' && value === 0 ? '' : inputText(value);
}

/** "5 – 200 J/TH", "0 – 2 USD/kWh", "0 – 10 %", "1 – 3". */
function rangeText(field: PnlEditField, currency: Currency): string {
  const range = fieldRange(field);
  if (!range) return '';
  const unit =
    field === 'pue'
      ? ''
      : field === 'colocationPerKwMonth'
        ? currency
        : fieldUnit(field, currency).replace(' leased', '');
  return `${range.min} – ${range.max}${unit ? ` ${unit}` : ''}`;
}

export class PnlForm {
  readonly element: HTMLFormElement;
  readonly #controls = new Map<PnlEditField, Control>();
  readonly #status: HTMLElement;
  readonly #host: FormHost;
  #currency: Currency | null = null;
  /** Problems of the saved settings, by field (shown until the setting is fixed). */
  #settingProblems = new Map<PnlEditField, string>();

  constructor(host: FormHost) {
    this.#host = host;
    this.#status = h('p', { class: 'pnl-status', role: 'status', 'aria-live': 'polite' });
    const fleetInput = this.#numberInput('fleetSize');
    const fleetUnit = h(
      'select',
      // The unit shares the size's error line.
      {
        id: id('fleetUnit', 'input'),
        'aria-label': t('Fleet size unit'),
        'aria-describedby': id('fleetSize', 'error'),
      },
      h('option', { value: 'PH/s' }, 'PH/s'),
      h('option', { value: 'MW' }, 'MW of grid power'),
    );
    const passThrough = h('input', {
      type: 'checkbox',
      id: id('powerPassThrough', 'input'),
      'aria-describedby': `${id('powerPassThrough', 'hint')} ${id('powerPassThrough', 'error')}`,
    });
    this.element = h(
      'form',
      {
        class: 'card pnl-form',
        'aria-labelledby': 'pnl-form-title',
        novalidate: true,
        onsubmit: (e: Event) => e.preventDefault(),
      },
      h('h3', { id: 'pnl-form-title' }, t('Your inputs')),
      h(
        'fieldset',
        {},
        h('legend', {}, t('Mining')),
        ...MINING.map((d) => this.#numberField(d)),
        this.#field(
          {
            field: 'fleetSize',
            label: t('Fleet size'),
            hint: 'optional: hash rate, or grid power · empty = no fleet totals',
          },
          h('div', { class: 'pnl-input' }, fleetInput, fleetUnit),
        ),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'AI/HPC hosting alternative'),
        this.#numberField(HOSTING[0]!),
        this.#field(
          {
            field: 'powerPassThrough',
            label: t('Power passed through'),
            hint: 'the tenant pays the power bill (usual for colocation)',
          },
          h(
            'div',
            { class: 'pnl-input pnl-check' },
            passThrough,
            h('label', { for: id('powerPassThrough', 'input') }, t('Tenant pays for power')),
          ),
          false,
        ),
        ...HOSTING.slice(1).map((d) => this.#numberField(d)),
      ),
      this.#status,
    );
    this.#register('fleetUnit', t('Fleet unit'), fleetUnit);
    this.#register('powerPassThrough', t('Power passed through'), passThrough);
    fleetUnit.addEventListener('change', () => this.#commit('fleetUnit'));
    passThrough.addEventListener('change', () => this.#commit('powerPassThrough'));
  }

  // ---------------------------------------------------------------------------------------------------
  // Building

  #numberInput(field: PnlEditField): HTMLInputElement {
    const input = h('input', {
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      id: id(field, 'input'),
      'data-field': field,
      'aria-describedby': `${id(field, 'unit')} ${id(field, 'hint')} ${id(field, 'error')}`,
    });
    input.addEventListener('change', () => this.#commit(field));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.#commit(field);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.#revert(field);
      }
    });
    // While a message shows, it follows the typing: it goes away as soon as the value is valid.
    input.addEventListener('input', () => {
      const c = this.#controls.get(field);
      if (c && !c.error.hidden) {
        const checked = this.#check(field);
        if (checked.ok) this.#showError(c, null);
      }
    });
    return input;
  }

  #numberField(d: FieldDef): HTMLElement {
    const input = this.#numberInput(d.field);
    return this.#field(d, h('div', { class: 'pnl-input' }, input));
  }

  /** Label, control, unit, hint and error of one field. */
  #field(d: FieldDef, control: HTMLElement, labelled = true): HTMLElement {
    const unit = h('span', { class: 'pnl-unit', id: id(d.field, 'unit') });
    const hint = h('span', { class: 'pnl-hint', id: id(d.field, 'hint') }, d.hint ?? '');
    const error = h('p', { class: 'pnl-error', id: id(d.field, 'error'), hidden: true });
    if (d.field !== 'powerPassThrough') control.appendChild(unit);
    const input = control.querySelector('input')!;
    this.#register(d.field, d.label, input, d.field === 'powerPassThrough' ? null : unit, hint, error, d.hint ?? '');
    return h(
      'div',
      { class: 'pnl-field', 'data-field': d.field },
      labelled
        ? h('label', { for: input.id }, d.label)
        : h('span', { class: 'pnl-label', id: id(d.field, 'label') }, d.label),
      control,
      hint,
      error,
    );
  }

  #register(
    field: PnlEditField,
    label: string,
    input: HTMLInputElement | HTMLSelectElement,
    unit: HTMLElement | null = null,
    hint: HTMLElement | null = null,
    error?: HTMLElement,
    baseHint = '',
  ): void {
    // The fleet unit shares the fleet size's error line.
    const err = error ?? this.#controls.get('fleetSize')?.error ?? h('p', { class: 'pnl-error', hidden: true });
    this.#controls.set(field, {
      field,
      label,
      input,
      unit,
      hint,
      baseHint,
      error: err,
      saved: null,
      shown: input.value,
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // State from the host

  /** The saved values (and any problems of the settings themselves), in `currency`. */
  update(values: PnlFormValues, currency: Currency, settingProblems: ReadonlyMap<PnlEditField, string>): void {
    if (currency !== this.#currency) {
      this.#currency = currency;
      for (const c of this.#controls.values()) {
        const unit = fieldUnit(c.field, currency);
        if (c.unit) setText(c.unit, unit);
        if (c.hint) setText(c.hint, [rangeText(c.field, currency), c.baseHint].filter(Boolean).join(' · '));
      }
    }
    this.#settingProblems = new Map(settingProblems);
    for (const c of this.#controls.values()) {
      const value = values[c.field];
      c.saved = value;
      const text = valueText(c.field, value);
      if (c.input instanceof HTMLInputElement && c.input.type === 'checkbox') {
        c.input.checked = value === true;
        c.shown = text;
        continue;
      }
      // An unsaved edit stays, unless the host now has that very value (it was just saved).
      const edited = c.input.value !== c.shown;
      const savedNow = edited && this.#check(c.field).ok && this.#same(c, value);
      if (!edited || savedNow) {
        c.input.value = text;
        c.shown = text;
        // The fleet unit shares the fleet size's error line: the size sets it.
        if (c.field !== 'fleetUnit') this.#showError(c, this.#settingProblems.get(c.field) ?? null);
      }
    }
  }

  /** The host refused or could not save a value, or saved it with a caveat. */
  result(field: PnlEditField, ok: boolean, message: string | null): void {
    const c = this.#controls.get(field);
    if (!c) return;
    if (!ok) this.#showError(c, message ? `${message} ${t('Not saved.')}` : t('Not saved.'));
    setText(
      this.#status,
      ok
        ? (message ?? t('Saved {0} to your user settings.', labelInText(c.label)))
        : t('Could not save {0}.', labelInText(c.label)),
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Editing

  #fleetUnit(): FleetUnit {
    return (this.#controls.get('fleetUnit')?.input.value as FleetUnit | undefined) ?? 'PH/s';
  }

  #raw(c: Control): unknown {
    return c.input instanceof HTMLInputElement && c.input.type === 'checkbox' ? c.input.checked : c.input.value;
  }

  #check(field: PnlEditField): ReturnType<typeof validatePnlEdit> {
    const c = this.#controls.get(field)!;
    return validatePnlEdit(field, this.#raw(c), this.#fleetUnit());
  }

  #same(c: Control, value: PnlEditValue | null): boolean {
    const checked = this.#check(c.field);
    return checked.ok && checked.value === value;
  }

  #commit(field: PnlEditField): void {
    const c = this.#controls.get(field);
    if (!c) return;
    const checked = this.#check(field);
    if (!checked.ok) {
      this.#showError(c, `${checked.message} Not saved: correct it, or press Escape for the saved value.`);
      setText(this.#status, '');
      return;
    }
    this.#showError(c, null);
    if (checked.value === c.saved) {
      // "20.0" for 20: nothing to save; show it as saved.
      this.#revert(field);
      return;
    }
    setText(this.#status, t('Saving {0}…', labelInText(c.label)));
    this.#host.post(field, checked.value);
  }

  #revert(field: PnlEditField): void {
    const c = this.#controls.get(field);
    if (!c || c.saved === null) return;
    c.input.value = valueText(field, c.saved);
    c.shown = c.input.value;
    this.#showError(c, this.#settingProblems.get(field) ?? null);
  }

  #showError(c: Control, message: string | null): void {
    const input = c.field === 'fleetUnit' ? (this.#controls.get('fleetSize')?.input ?? c.input) : c.input;
    c.error.hidden = message === null;
    setText(c.error, message ?? '');
    if (message === null) {
      input.removeAttribute('aria-invalid');
      c.error.removeAttribute('role');
    } else {
      input.setAttribute('aria-invalid', 'true');
      c.error.setAttribute('role', 'alert');
    }
  }
}
