// The P&L's what-if card: the margin after the next retarget and the next halving, with when each is due.

import { t } from '../../core/l10n';
import { SATS_PER_BTC } from '../../core/constants';
import { formatBtc, formatDay, formatInteger, formatRelative, formatSignedPercent, moneyText } from '../../core/format';
import type { PnlScenario, PnlState } from '../../core/views/pnlState';
import { h } from '../common/dom';
import { card, type Cell, hashprice, money, note, table } from './cells';

export function whatIfCard(s: PnlState, nowMs: number): HTMLElement {
  const w = s.whatIf;
  const cur = s.currency;
  if (!w) return card('whatif', t('What if'), h('p', { class: 'empty' }, t('Waiting for today’s hashprice…')));
  const label: Record<PnlScenario['id'], Cell> = {
    now: 'Today',
    retarget: h(
      'span',
      {},
      'Next retarget',
      h(
        'span',
        { class: 'pnl-aside' },
        ` difficulty ${formatSignedPercent(w.difficultyChangePercent)} (estimate) at block ${formatInteger(w.retargetHeight)}, ${formatRelative(w.retargetEtaMs, nowMs)}`,
      ),
    ),
    halving: h(
      'span',
      {},
      'Next halving',
      h(
        'span',
        { class: 'pnl-aside' },
        ` subsidy ${formatBtc(w.subsidyBtc * SATS_PER_BTC)} → ${formatBtc((w.subsidyBtc / 2) * SATS_PER_BTC)} at block ${formatInteger(w.halvingHeight)}, ≈ ${formatDay(w.halvingEtaMs / 1000)}`,
      ),
    ),
    both: 'Both',
  };
  return card(
    'whatif',
    t('What if'),
    table(
      'Your margin after the next retarget and the next halving',
      ['Scenario', 'Hashprice', 'Margin per PH/s per day', 'Margin per MW per year', 'BTC price for zero margin'],
      w.scenarios.map((x) => [
        label[x.id],
        hashprice(x.hashpricePerPhDay, cur),
        money(x.marginPerPhDay, cur),
        money(x.marginPerMwYear, cur),
        moneyText(x.breakevenBtcPrice, cur),
      ]),
      'pnl-whatif-table',
    ),
    note('BTC price, fees per block and your inputs held at today’s values.'),
  );
}
