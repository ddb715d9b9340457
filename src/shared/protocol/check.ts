// The validation toolkit every message family uses: checks that throw `Invalid` with the path of the bad
// field, composable checks for nested records, and `validate`, which turns a table of per-type validators
// into a Validated result (never a throw) for one incoming message.

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

class Invalid extends Error {}

export function fail(message: string): never {
  throw new Invalid(message);
}

export function obj(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${path} should be an object`);
  return value as Record<string, unknown>;
}

export function str(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string') fail(`${path} should be a string`);
  if (value.length > maxLength) fail(`${path} is longer than ${maxLength} characters`);
  return value;
}

export function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path} should be a finite number`);
  return value;
}

export function numOrNull(value: unknown, path: string): number | null {
  return value === null ? null : num(value, path);
}

export function strOrNull(value: unknown, path: string, maxLength: number): string | null {
  return value === null ? null : str(value, path, maxLength);
}

export function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(`${path} should be a boolean`);
  return value;
}

export function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value))
    fail(`${path} should be one of ${options.join(', ')}`);
  return value as T;
}

/** A column of finite numbers (or nulls where `nullable`), of exactly `length` entries unless null. */
export function numberColumn(value: unknown, path: string, length: number | null, nullable: boolean): void {
  if (!Array.isArray(value)) fail(`${path} should be an array`);
  if (length !== null && value.length !== length) fail(`${path} has ${value.length} entries, expected ${length}`);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (v === null && nullable) continue;
    if (typeof v !== 'number' || !Number.isFinite(v))
      fail(`${path}[${i}] should be a finite number${nullable ? ' or null' : ''}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Composable checks (for nested records such as the P&L state)

export type Check = (value: unknown, path: string) => void;
export const isNum: Check = (v, p) => void num(v, p);
export const isNumOrNull: Check = (v, p) => void numOrNull(v, p);
export const isBool: Check = (v, p) => void bool(v, p);
export const isStr =
  (max: number): Check =>
  (v, p) =>
    void str(v, p, max);
export const nullable =
  (check: Check): Check =>
  (v, p) => {
    if (v !== null) check(v, p);
  };
export const listOf =
  (check: Check, max: number): Check =>
  (v, p) => {
    if (!Array.isArray(v) || v.length > max) fail(`${p} should be an array of at most ${max} entries`);
    v.forEach((x, i) => check(x, `${p}[${i}]`));
  };
/** Every key of T must be given a check: the compiler asks for a field added to the type. */
export const record =
  <T>(fields: { readonly [K in keyof T]-?: Check }): Check =>
  (v, p) => {
    const o = obj(v, p);
    for (const [key, check] of Object.entries(fields) as [string, Check][]) check(o[key], `${p}.${key}`);
  };

// ---------------------------------------------------------------------------------------------------
// Messages

/** One validator per message type of a family: the compiler asks for one when a variant is added. */
export type Validators<M extends { type: string }> = {
  readonly [K in M['type']]: (o: Record<string, unknown>) => void;
};

/** Checks `value` against the validator of its `type`; `side` names the sender in the error ("host", "webview"). */
export function validate<M extends { type: string }>(
  value: unknown,
  validators: Validators<M>,
  side: string,
): Validated<M> {
  let type: unknown;
  try {
    const o = obj(value, 'message');
    type = o.type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(validators, type)) {
      return {
        ok: false,
        error: `unknown ${side} message type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}`,
      };
    }
    validators[type as M['type']](o);
    return { ok: true, value: o as unknown as M };
  } catch (error) {
    if (error instanceof Invalid)
      return { ok: false, error: `${side} message${typeof type === 'string' ? ` '${type}'` : ''}: ${error.message}` };
    throw error;
  }
}
