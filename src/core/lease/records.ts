// The records the windows of a profile share (src/core/lease/): the storage they live in, and the checks
// every record passes before it is believed. Records come from other processes — other versions of this
// extension, a damaged disk, a clock that was corrected backwards — so each is parsed, never trusted.

import type { NetworkSnapshot } from '../model';
import { isSnapshotShape } from '../parse';

/** One record in storage every window of the profile shares. */
export interface SharedText {
  /** The whole text, or null when there is none yet. */
  read(): Promise<string | null>;
  /** Replaces the whole text atomically: a reader sees the old or the new text, never a mix. */
  write(text: string): Promise<void>;
}

/** Where the parts of src/core/lease/ report what they cannot act on (the host writes it to the log). */
export type ReportError = (message: string) => void;

/**
 * How far ahead of our clock a time written by another window may be: windows share one machine's clock,
 * so more than this means a damaged record or a clock corrected backwards since — not a real time.
 */
export const FUTURE_TOLERANCE_MS = 60_000;

export interface SharedGlance {
  /** Who wrote it, and under which lease epoch. */
  readonly writerId: string;
  readonly epoch: number;
  readonly writtenAtMs: number;
  readonly snapshot: NetworkSnapshot | null;
  /** The holder's latest failure, so followers can show the same "stale because…" reason. */
  readonly error: { readonly message: string; readonly atMs: number } | null;
}

export function encodeSharedGlance(glance: SharedGlance): string {
  return JSON.stringify({ v: 1, ...glance });
}

/** Null for anything that is not a version-1 envelope with a plausible snapshot (or none). */
export function decodeSharedGlance(text: string | null): SharedGlance | null {
  const o = parseObject(text);
  if (!o || o.v !== 1 || typeof o.writerId !== 'string' || !isCount(o.epoch) || !isCount(o.writtenAtMs)) return null;
  const snapshot = o.snapshot === null ? null : isSnapshotShape(o.snapshot) ? o.snapshot : undefined;
  if (snapshot === undefined) return null;
  const e = o.error as { message?: unknown; atMs?: unknown } | null | undefined;
  const error = e && typeof e.message === 'string' && isCount(e.atMs) ? { message: e.message, atMs: e.atMs } : null;
  return { writerId: o.writerId, epoch: o.epoch, writtenAtMs: o.writtenAtMs, snapshot, error };
}

export function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null || text.trim() === '') return null;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
