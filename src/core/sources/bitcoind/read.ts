// A small checked reader for untrusted RPC results: every rejection names the method and the field.
import { ParseError } from '../../parse';

/** 2100-01-01: a later "Unix second" is a millisecond value or garbage. */
const MAX_TIME_S = 4_102_444_800;
/** 2009-01-02: a day before genesis. */
const MIN_TIME_S = 1_230_920_105;
const MAX_HEIGHT = 10_000_000;

export class RpcReader {
  constructor(readonly method: string) {}

  fail(reason: string): never {
    throw new ParseError(this.method, reason);
  }

  object(value: unknown, path = 'result'): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(`${path} should be an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  number(value: unknown, path: string, min = -Infinity, max = Infinity): number {
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(`${path} should be a finite number, got ${describe(value)}`);
    if (value < min || value > max) this.fail(`${path} = ${value} is outside the plausible range [${min}, ${max}]`);
    return value;
  }

  integer(value: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const n = this.number(value, path, min, max);
    if (!Number.isInteger(n)) this.fail(`${path} should be a whole number, got ${n}`);
    return n;
  }

  height(value: unknown, path: string): number {
    return this.integer(value, path, 0, MAX_HEIGHT);
  }

  timeS(value: unknown, path: string): number {
    const n = this.integer(value, path, 0, Number.MAX_SAFE_INTEGER);
    if (n > MAX_TIME_S) this.fail(`${path} = ${n} is not a time in seconds (milliseconds?)`);
    if (n < MIN_TIME_S) this.fail(`${path} = ${n} is before the genesis block`);
    return n;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(`${path} should be true or false, got ${describe(value)}`);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(`${path} should be a string, got ${describe(value)}`);
    return value;
  }

  /** A block hash, txid or chainwork: exactly 64 hex digits (normalised to lower case). */
  hash(value: unknown, path: string): string {
    const s = this.string(value, path);
    if (!/^[0-9a-fA-F]{64}$/.test(s)) this.fail(`${path} should be 64 hex digits, got ${describe(value)}`);
    return s.toLowerCase();
  }

  /** Compact target (nBits) as Core prints it: 8 hex digits. */
  bits(value: unknown, path: string): number {
    const s = this.string(value, path);
    if (!/^[0-9a-fA-F]{8}$/.test(s)) this.fail(`${path} should be 8 hex digits, got ${describe(value)}`);
    return Number.parseInt(s, 16);
  }

  optional<T>(value: unknown, read: (v: unknown) => T): T | null {
    return value === undefined || value === null ? null : read(value);
  }

  /** `warnings`: a string up to v27 (and with -deprecatedrpc=warnings, as Umbrel runs it), an array from v28. */
  warnings(value: unknown, path = 'warnings'): string[] {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return value === '' ? [] : [value];
    if (!Array.isArray(value)) this.fail(`${path} should be a string or an array of strings, got ${describe(value)}`);
    return value.map((w, i) => this.string(w, `${path}[${i}]`)).filter((w) => w !== '');
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string "${value.slice(0, 40)}…"` : `"${value}"`;
  if (typeof value === 'number') return String(value);
  return typeof value;
}
