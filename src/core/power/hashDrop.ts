/**
 * whereHashWent with the user's reference setting, honest about what the data can show. The 'ath' setting
 * is an all-time high only when the daily series starts at the genesis block (mempool's "all" range);
 * otherwise its peak is the highest 7-day mean in the data loaded (the hover has a month), and the result
 * says so. A '30d' / '90d' reference the data does not reach back to falls back the same way.
 */
import { GENESIS_TIME_S, SECONDS_PER_DAY } from '../constants';
import type { HashReferenceSetting } from './assumptions';
import { whereHashWent, type WhereHashWent, type WhereHashWentInputs } from './whereHashWent';

/** What the drop is measured from, as the text must name it. */
export type HashDropReference = 'ath' | 'data-peak' | '30d' | '90d';

export interface HashDrop {
  readonly result: WhereHashWent;
  readonly reference: HashDropReference;
  /** Whole days from the first to the newest day of the data (names a 'data-peak'). */
  readonly spanDays: number;
  /** The setting asked for a reference the data cannot give; `reference` is what was used instead. */
  readonly fellBack: boolean;
}

export type HashDropResult = ({ ok: true } & HashDrop) | { ok: false; reason: string };

/** The series starts within a day of the genesis block: its peak is the all-time high. */
export function coversAllHistory(timeS: readonly number[]): boolean {
  return timeS.length > 0 && timeS[0]! <= GENESIS_TIME_S + SECONDS_PER_DAY;
}

export function hashDrop(
  inputs: Omit<WhereHashWentInputs, 'reference'>,
  setting: HashReferenceSetting,
): HashDropResult {
  const { timeS } = inputs;
  const spanDays = timeS.length > 0 ? Math.round((timeS[timeS.length - 1]! - timeS[0]!) / SECONDS_PER_DAY) : 0;
  if (setting !== 'ath') {
    const lagged = whereHashWent({ ...inputs, reference: setting });
    if (lagged.ok) return { ok: true, result: lagged, reference: setting, spanDays, fellBack: false };
  }
  const peak = whereHashWent({ ...inputs, reference: 'peak' });
  if (!peak.ok) return peak;
  const isAth = setting === 'ath' && coversAllHistory(timeS);
  return {
    ok: true,
    result: peak,
    reference: isAth ? 'ath' : 'data-peak',
    spanDays,
    fellBack: !isAth,
  };
}
