/**
 * The machine table (rows in machinesTo2022.ts and machinesFrom2023.ts, row type and sources in machine.ts) and
 * helpers over it: release dates and which machines existed at a given time.
 */

import type { Machine } from './machine';
import { MACHINES_FROM_2023 } from './machinesFrom2023';
import { MACHINES_TO_2022 } from './machinesTo2022';

export type { Machine } from './machine';

/** Oldest release first (then by model name). */
export const MACHINES: readonly Machine[] = Object.freeze([...MACHINES_TO_2022, ...MACHINES_FROM_2023]);

/** Start of the release month, Unix ms (UTC): a machine counts as available from then on. */
export function releaseTimeMs(machine: Pick<Machine, 'releaseMonth'>): number {
  const match = /^(\d{4})-(\d{2})$/.exec(machine.releaseMonth);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
}

/** Machines released at or before `dateMs` (the release month has begun). */
export function machinesAvailableAt(dateMs: number, machines: readonly Machine[] = MACHINES): Machine[] {
  return machines.filter((machine) => releaseTimeMs(machine) <= dateMs);
}
