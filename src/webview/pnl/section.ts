// The miner's P&L section: the inputs form, today's profitability and breakevens, mining vs AI hosting per
// MW, "why did hashprice move?" and the what-if rows (whatIf.ts; cells and tables in cells.ts). Every number
// comes from the host (`pnl/state`); this file only lays them out, with units on every figure and negative
// margins in the error colour.

import { t } from '../../core/l10n';
import {
  formatDay,
  formatInteger,
  formatNumber,
  formatPercent,
  formatPowerPrice,
  formatSatsPerPhDay,
  isoDay,
  moneyText,
  plainNumber,
} from '../../core/format';
import type { PnlEditField, PnlEditValue } from '../../core/pnl/panelFieldNames';
import type { PnlAmounts, PnlFieldMessage, PnlMove, PnlState } from '../../core/views/pnlState';
import { fleetText, hasSubsidyPart, headroom, moveSentence, verdict } from '../../core/views/pnlText';
import type { PnlHostMessage } from '../../shared/protocol';
import { h, replaceChildren } from '../common/dom';
import { card, type Cell, hashprice, money, note, signedPercent, table } from './cells';
import { PnlForm } from './form';
import { whatIfCard } from './whatIf';

export class PnlSection {
  readonly #root: HTMLElement;
  readonly #form: PnlForm;
  readonly #summary: HTMLElement;
  readonly #results: HTMLElement;
  readonly #whatIfEl: HTMLElement;
  readonly #compare: HTMLElement;
  #state: PnlState | null = null;

  constructor(root: HTMLElement, post: (field: PnlEditField, value: PnlEditValue) => void) {
    this.#root = root;
    this.#form = new PnlForm({ post });
    // Not a live region: it is rewritten with every refresh; the form's status line announces saves.
    this.#summary = h('p', { class: 'pnl-summary' }, t('Waiting for today’s hashprice…'));
    this.#results = h('div', { class: 'pnl-results' });
    this.#whatIfEl = h('div', { class: 'pnl-whatif-slot' });
    this.#compare = h('div', { class: 'pnl-compare' });
    root.removeAttribute('aria-label');
    root.setAttribute('aria-labelledby', 'pnl-title');
    root.classList.add('pnl');
    replaceChildren(
      root,
      h('header', { class: 'pnl-head' }, h('h2', { id: 'pnl-title' }, t('Your mining P&L')), this.#summary),
      h(
        'div',
        { class: 'pnl-top' },
        this.#form.element,
        h('div', { class: 'pnl-right' }, this.#results, this.#whatIfEl),
      ),
      this.#compare,
    );
    root.hidden = false;
  }

  handle(message: PnlHostMessage): void {
    if (message.type === 'pnl/updateResult') {
      this.#form.result(message.field, message.ok, message.message);
      return;
    }
    this.#state = message.state;
    this.render(Date.now());
  }

  render(nowMs: number): void {
    const s = this.#state;
    if (!s) return;
    this.#form.update(
      s.inputs,
      s.currency,
      new Map(s.settingProblems.map((p: PnlFieldMessage) => [p.field, p.message])),
    );
    this.#root.dataset.currency = s.currency;
    replaceChildren(this.#summary, ...this.#summaryParts(s));
    replaceChildren(this.#results, this.#profit(s));
    replaceChildren(this.#whatIfEl, whatIfCard(s, nowMs));
    replaceChildren(this.#compare, this.#hosting(s), this.#moves(s));
    // Tests and screenshots wait for this count.
    document.body.dataset.pnl = String(Number(document.body.dataset.pnl ?? '0') + 1);
  }

  /** Every 30 s: only the what-if rows say "in 3 d 4 h". */
  tick(nowMs: number): void {
    if (this.#state) replaceChildren(this.#whatIfEl, whatIfCard(this.#state, nowMs));
  }

  #summaryParts(s: PnlState): Cell[] {
    const m = s.market;
    if (!m) return ['Waiting for today’s hashprice in ', s.currency, '…'];
    const parts: Cell[] = [
      'At today’s hashprice ',
      h('strong', {}, hashprice(m.hashpricePerPhDay, s.currency)),
      ` (${formatSatsPerPhDay(m.hashvalueSatsPerPhDay)}) and BTC at `,
      h('strong', {}, moneyText(m.btcPrice, s.currency)),
      `; all amounts in ${s.currency}.`,
    ];
    const w = s.water;
    if (w) {
      parts.push(
        ` Over the ${w.range} range hashprice was below your breakeven on `,
        h(
          'strong',
          { 'data-pnl': 'below-breakeven' },
          `${formatInteger(w.belowBreakeven)} of ${formatInteger(w.days)} days`,
        ),
        w.lastBelowS === null ? '' : ` (last ${formatDay(w.lastBelowS)})`,
        `, below your power cost alone on ${formatInteger(w.belowPowerCost)}: see the band on the hashprice chart.`,
      );
    }
    return parts;
  }

  #profit(s: PnlState): HTMLElement {
    const p = s.profit;
    const cur = s.currency;
    const i = s.inputs;
    if (!p || !s.market)
      return card(
        'profit',
        t('Profitability'),
        h('p', { class: 'empty' }, t('The P&L appears with the first hashprice in your currency.')),
      );
    const margin = p.perPhDay.margin;
    const headline = h(
      'div',
      { class: 'pnl-headline' },
      h(
        'div',
        { class: 'pnl-big', 'data-pnl': 'margin' },
        money(margin, cur),
        h('span', { class: 'pnl-big-unit' }, '/PH/day'),
      ),
      h(
        'div',
        { class: 'pnl-big-sub' },
        margin < 0 ? 'Losing money at today’s hashprice: ' : 'Margin at today’s hashprice: ',
        money(p.perMwYear.margin, cur, ' per MW-year'),
        p.fleet ? ' · your fleet ' : '',
        p.fleet ? money(p.fleet.perDay.margin, cur, ' per day') : '',
      ),
    );
    const fleet = p.fleet;
    const cols: Cell[] = [
      `${cur}`,
      'per PH/s per day',
      'per MW per year',
      ...(fleet ? ['your fleet per day', 'your fleet per year'] : []),
    ];
    const row = (label: string, pick: (a: PnlAmounts) => number): Cell[] => [
      label,
      money(pick(p.perPhDay), cur),
      money(pick(p.perMwYear), cur),
      ...(fleet ? [money(pick(fleet.perDay), cur), money(pick(fleet.perYear), cur)] : []),
    ];
    const fees = `Revenue: hashprice after the ${plainNumber(i.poolFeePercent)} % pool fee, at ${plainNumber(i.uptimePercent)} % uptime. Power: ${plainNumber(i.efficiencyJPerTh)} J/TH at ${formatPowerPrice(i.powerPricePerKwh, cur)}; 1 MW of grid power runs ${plainNumber(Number(p.phsPerMw.toPrecision(4)))} PH/s.`;
    const amounts = table(
      fleet ? `Profit and loss · fleet ${fleetText(fleet.hashratePhs, fleet.gridPowerMw)}` : t('Profit and loss'),
      cols,
      [
        row(t('Revenue'), (a) => a.revenue),
        row(t('Power cost'), (a) => a.powerCost),
        row(t('Margin'), (a) => a.margin),
      ],
      'pnl-amounts',
    );
    const breakevens = table(
      t('Breakevens: where the margin reaches zero, other things equal'),
      [t('Breakeven'), t('Value'), t('Yours / today'), t('Headroom')],
      [
        [
          t('Power price'),
          formatPowerPrice(p.breakevenPowerPricePerKwh, cur),
          formatPowerPrice(i.powerPricePerKwh, cur),
          headroom(i.powerPricePerKwh, p.breakevenPowerPricePerKwh, 'cost'),
        ],
        [
          t('Miner efficiency'),
          p.breakevenEfficiencyJPerTh === null ? '—' : `${formatNumber(p.breakevenEfficiencyJPerTh, 1)} J/TH`,
          `${plainNumber(i.efficiencyJPerTh)} J/TH`,
          headroom(i.efficiencyJPerTh, p.breakevenEfficiencyJPerTh, 'cost'),
        ],
        [
          t('Hashprice'),
          hashprice(p.breakevenHashpricePerPhDay, cur),
          hashprice(s.market.hashpricePerPhDay, cur),
          headroom(s.market.hashpricePerPhDay, p.breakevenHashpricePerPhDay, 'price'),
        ],
        [
          'BTC price',
          moneyText(p.breakevenBtcPrice, cur),
          moneyText(s.market.btcPrice, cur),
          headroom(s.market.btcPrice, p.breakevenBtcPrice, 'price'),
        ],
      ],
      'pnl-breakevens',
    );
    return card(
      'profit',
      t('Profitability at today’s hashprice'),
      headline,
      amounts,
      note(fees),
      breakevens,
      note(
        `Breakevens do not depend on uptime. On the hashprice chart, the red band runs from ${hashprice(p.powerCostBreakevenPerPhDay, cur)} (power only) to ${hashprice(p.breakevenHashpricePerPhDay, cur)} (with the pool fee).`,
      ),
    );
  }

  #hosting(s: PnlState): HTMLElement {
    const x = s.hosting;
    const cur = s.currency;
    if (!x || !s.market)
      return card(
        'hosting',
        t('Mining vs AI hosting, per MW'),
        h('p', { class: 'empty' }, t('Waiting for today’s hashprice…')),
      );
    const i = s.inputs;
    const diff = x.hostingMinusMiningPerMwYear;
    const equal = x.equalNetHashpricePerPhDay;
    return card(
      'hosting',
      t('Mining vs AI hosting, per MW of grid power per year'),
      table(
        `Both net of power, in ${cur} per MW-year`,
        [cur, t('Bitcoin mining'), t('AI/HPC hosting')],
        [
          [
            t('Revenue'),
            money(x.miningRevenuePerMwYear, cur),
            h(
              'span',
              {},
              money(x.hostingRevenuePerMwYear, cur),
              h('span', { class: 'pnl-aside' }, ` rent on ${formatNumber(x.itLoadKwPerMw, 0)} kW of IT load`),
            ),
          ],
          [
            t('Power you pay'),
            money(x.miningPowerCostPerMwYear, cur),
            x.hostingPowerCostPerMwYear === 0
              ? h('span', {}, moneyText(0, cur), h('span', { class: 'pnl-aside' }, ' passed through to the tenant'))
              : money(x.hostingPowerCostPerMwYear, cur),
          ],
          [t('Net'), money(x.miningNetPerMwYear, cur), money(x.hostingNetPerMwYear, cur)],
        ],
        'pnl-hosting-table',
      ),
      h(
        'p',
        { class: `pnl-verdict ${diff > 0 ? 'pnl-verdict-hosting' : 'pnl-verdict-mining'}`, 'data-pnl': 'verdict' },
        `${verdict(diff, cur)} at today’s hashprice.`,
      ),
      h(
        'p',
        { class: 'pnl-equal', 'data-pnl': 'equal-hashprice' },
        ...(equal === null
          ? [
              'Mining revenue does not grow with hashprice here (100 % pool fee or no uptime): no hashprice makes them equal.',
            ]
          : [
              'Equal at a hashprice of ',
              h('strong', {}, hashprice(equal, cur)),
              `, ${formatPercent(Math.abs((equal / s.market.hashpricePerPhDay - 1) * 100), 0)} ${equal >= s.market.hashpricePerPhDay ? 'above' : 'below'} today’s ${hashprice(s.market.hashpricePerPhDay, cur)}.`,
            ]),
      ),
      h('h4', {}, t('Assumed')),
      h(
        'ul',
        { class: 'pnl-assumptions' },
        h(
          'li',
          {},
          `Amounts in ${cur}: colocation rent ${moneyText(i.colocationPerKwMonth, cur)} per kW-month of IT load, power ${formatPowerPrice(i.powerPricePerKwh, cur)}.`,
        ),
        ...x.assumptions.map((a) => h('li', {}, a)),
      ),
    );
  }

  #moves(s: PnlState): HTMLElement {
    const moves = s.moves;
    if (moves.length === 0) {
      return card(
        'moves',
        t('Why did hashprice move?'),
        h(
          'p',
          { class: 'empty' },
          s.movesRange ? t('The daily history is too short to compare.') : t('Waiting for the daily history…'),
        ),
      );
    }
    const subsidy = hasSubsidyPart(moves);
    const cur = s.currency;
    const head: Cell[] = [
      t('Over'),
      t('Hashprice'),
      t('Change'),
      t('Price'),
      t('Difficulty'),
      t('Fees'),
      ...(subsidy ? [t('Subsidy')] : []),
    ];
    const rows = moves.map((m: PnlMove): Cell[] => [
      m.days === 1 ? '1 day' : `${m.days} days`,
      h(
        'span',
        { title: `${isoDay(m.fromS)} → ${isoDay(m.toS)} (UTC)` },
        `${moneyText(m.fromHashpricePerPhDay, cur)} → ${moneyText(m.toHashpricePerPhDay, cur)}`,
      ),
      signedPercent(m.totalPercent),
      signedPercent(m.pricePercent),
      signedPercent(m.difficultyPercent),
      signedPercent(m.feesPercent),
      ...(subsidy ? [signedPercent(m.subsidyPercent)] : []),
    ]);
    const last = moves[0]!;
    return card(
      'moves',
      t('Why did hashprice move?'),
      table(
        `Hashprice in ${cur}/PH/day to ${formatDay(last.toS)}, split into what moved it`,
        head,
        rows,
        'pnl-moves-table',
      ),
      h(
        'ul',
        { class: 'pnl-sentences' },
        ...moves.map((m) =>
          h(
            'li',
            { 'data-days': String(m.days) },
            h('strong', {}, m.days === 1 ? '1 d' : `${m.days} d`),
            ` ${moveSentence(m)}`,
          ),
        ),
      ),
      note(
        `From the daily history (${s.movesRange} range, ${cur}): the day’s difficulty, BTC price and mean reward per block. Parts are percentage points of the starting hashprice and add up to the change (log-mean split, no residual). Rising difficulty lowers hashprice.`,
      ),
    );
  }
}
