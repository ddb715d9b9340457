/**
 * A tiny mocha-like test runner that runs *inside the VS Code extension host*
 * of a companion test extension (see `buildCompanionVsix` in ../harness.ts).
 *
 * Suites register tests with `describe`/`it` (plus `before`/`after` hooks);
 * the companion's `activate` calls `runAndReport`, which runs them in order
 * and POSTs a JSON `SuiteReport` to the harness (the `e2eCompanion.reportUrl`
 * user setting, or the E2E_REPORT_URL environment variable).
 *
 * Dependency-free on purpose: node built-ins and the `vscode` API only
 * (assertions: `node:assert/strict`).
 */
import * as http from 'node:http';
import * as vscode from 'vscode';

export type TestFn = () => unknown | Promise<unknown>;

export interface TestResult {
  name: string;
  ok: boolean;
  skipped?: boolean;
  durationMs: number;
  error?: string;
}

export interface SuiteReport {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  tests: TestResult[];
  /** Set when the runner itself failed (e.g. a `before` hook threw). */
  fatal?: string;
}

interface TestEntry {
  name: string;
  fn: TestFn;
  timeoutMs: number;
  skip: boolean;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const tests: TestEntry[] = [];
const beforeHooks: TestFn[] = [];
const afterHooks: TestFn[] = [];
const prefix: string[] = [];

export function describe(name: string, body: () => void): void {
  prefix.push(name);
  try {
    body();
  } finally {
    prefix.pop();
  }
}

export function it(name: string, fn: TestFn, timeoutMs = DEFAULT_TIMEOUT_MS): void {
  tests.push({ name: [...prefix, name].join(' › '), fn, timeoutMs, skip: false });
}
it.skip = (name: string, fn: TestFn): void => {
  tests.push({ name: [...prefix, name].join(' › '), fn, timeoutMs: 0, skip: true });
};

/** Runs once before all tests (registration order). */
export function before(fn: TestFn): void {
  beforeHooks.push(fn);
}
/** Runs once after all tests, even when tests failed. */
export function after(fn: TestFn): void {
  afterHooks.push(fn);
}

/** Thrown by `skip()`: the test is reported as skipped, with the reason (never silently). */
export class SkipError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipError';
  }
}

/** Ends the running test as skipped; the reason appears in the report. */
export function skip(reason: string): never {
  throw new SkipError(reason);
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}

async function withTimeout(fn: TestFn, timeoutMs: number, label: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(fn),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label}: timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Polls `condition` until it returns a truthy value (returned) or the timeout expires. */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 50, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await condition();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`waitFor(${what}) timed out after ${timeoutMs} ms${last ? `: ${describeError(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function run(): Promise<SuiteReport> {
  const started = Date.now();
  const results: TestResult[] = [];
  let fatal: string | undefined;
  try {
    if (tests.length === 0) throw new Error('no tests registered: an empty suite is not a pass');
    for (const h of beforeHooks) await withTimeout(h, DEFAULT_TIMEOUT_MS, 'before hook');
    for (const t of tests) {
      if (t.skip) {
        results.push({ name: t.name, ok: true, skipped: true, durationMs: 0 });
        continue;
      }
      const t0 = Date.now();
      try {
        await withTimeout(t.fn, t.timeoutMs, t.name);
        results.push({ name: t.name, ok: true, durationMs: Date.now() - t0 });
      } catch (e) {
        if (e instanceof SkipError)
          results.push({
            name: t.name,
            ok: true,
            skipped: true,
            durationMs: Date.now() - t0,
            error: `skipped: ${e.message}`,
          });
        else results.push({ name: t.name, ok: false, durationMs: Date.now() - t0, error: describeError(e) });
      }
    }
  } catch (e) {
    fatal = describeError(e);
  } finally {
    for (const h of afterHooks) {
      try {
        await withTimeout(h, DEFAULT_TIMEOUT_MS, 'after hook');
      } catch (e) {
        fatal = (fatal ? fatal + '\n' : '') + describeError(e);
      }
    }
  }
  const skipped = results.filter((r) => r.skipped).length;
  const failed = results.filter((r) => !r.ok).length;
  return {
    passed: results.length - failed - skipped,
    failed: failed + (fatal ? 1 : 0),
    skipped,
    durationMs: Date.now() - started,
    tests: results,
    ...(fatal ? { fatal } : {}),
  };
}

function request(url: string, body: unknown, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': data.length },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`POST ${url} timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * Asks the harness driving the browser about what the user sees (e.g.
 * `{ kind: 'statusItem' }`), since the extension API cannot read another
 * extension's UI. Skips the test when no harness can answer (the
 * test-electron route has no browser to look at).
 */
export async function askHarness<T = unknown>(
  question: { kind: string } & Record<string, unknown>,
  timeoutMs = 30_000,
): Promise<T> {
  const url = reportUrl();
  if (!url) skip('no harness to look at the UI (no report URL: e.g. the test-electron route)');
  const r = await request(url.replace(/\/report$/, '/ask'), question, timeoutMs);
  if (r.status === 501) skip('the harness answers no UI questions on this route');
  if (r.status !== 200)
    throw new Error(`harness could not answer ${JSON.stringify(question)}: HTTP ${r.status} ${r.text}`);
  return JSON.parse(r.text) as T;
}

function post(url: string, body: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': data.length },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`report POST: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('report POST timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

export function reportUrl(): string | undefined {
  const fromSettings = vscode.workspace.getConfiguration('e2eCompanion').get<string>('reportUrl');
  return fromSettings || process.env.E2E_REPORT_URL || undefined;
}

/** Entry point used by the generated companion extension's `activate`. */
export async function runAndReport(): Promise<SuiteReport> {
  const url = reportUrl();
  const report = await run();
  for (const t of report.tests) {
    console.log(
      `[e2e-companion] ${t.skipped ? 'SKIP' : t.ok ? 'PASS' : 'FAIL'} ${t.name}${t.error ? `\n${t.error}` : ''}`,
    );
  }
  console.log(`[e2e-companion] ${report.passed} passed, ${report.failed} failed`);
  if (url) {
    await post(url, report).catch((e) =>
      console.error(`[e2e-companion] could not report to ${url}: ${describeError(e)}`),
    );
  } else {
    console.error('[e2e-companion] no report URL (e2eCompanion.reportUrl / E2E_REPORT_URL)');
  }
  return report;
}
