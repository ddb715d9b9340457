/**
 * The outer e2e runner: scenarios (one real VS Code each) made of named
 * steps. Every step is a test: it prints PASS/FAIL/SKIP with its time, saves a
 * screenshot of the page to artifacts/e2e/<scenario>--<step>.png (pass or
 * fail), and counts towards the closing `N passed, N failed` line.
 *
 * E2E_ONLY=<regex> runs only the scenarios whose name matches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2ePaths, screenshot } from './harness';

export interface StepResult {
  scenario: string;
  name: string;
  ok: boolean;
  skipped?: string;
  ms: number;
  error?: string;
  screenshot?: string;
}

export class SkipStep extends Error {}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

export class Scenario {
  /** Set once the workbench is open: every step then ends with a screenshot of it. */
  page: Page | undefined;
  readonly results: StepResult[] = [];
  private readonly cleanups: (() => Promise<unknown> | unknown)[] = [];
  /** Called on a failure to save logs next to the screenshots. */
  onFailure: (() => Promise<void> | void) | undefined;

  constructor(readonly name: string) {}

  /** Registers cleanup (run in reverse order, errors ignored). */
  defer(fn: () => Promise<unknown> | unknown): void {
    this.cleanups.push(fn);
  }

  /** Runs one test. Returns whether it passed (so later steps can depend on it). */
  async step(
    name: string,
    fn: () => Promise<void>,
    { timeoutMs = 240_000 }: { timeoutMs?: number } = {},
  ): Promise<boolean> {
    const t0 = Date.now();
    const result: StepResult = { scenario: this.name, name, ok: false, ms: 0 };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`step timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      result.ok = true;
    } catch (e) {
      if (e instanceof SkipStep) {
        result.ok = true;
        result.skipped = e.message;
      } else {
        result.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      }
    } finally {
      clearTimeout(timer);
    }
    result.ms = Date.now() - t0;
    if (this.page) {
      result.screenshot = await screenshot(this.page, `${slug(this.name)}--${slug(name)}`).catch(() => undefined);
    }
    this.results.push(result);
    const tag = result.skipped !== undefined ? 'SKIP' : result.ok ? 'PASS' : 'FAIL';
    console.log(
      `${tag} [${this.name}] ${name} (${(result.ms / 1000).toFixed(1)} s)${result.skipped ? ` — ${result.skipped}` : ''}`,
    );
    if (!result.ok) {
      console.log(`    ${String(result.error).split('\n').slice(0, 12).join('\n    ')}`);
      await Promise.resolve(this.onFailure?.()).catch(() => undefined);
    }
    return result.ok && result.skipped === undefined;
  }

  /** Fails the scenario as a whole (setup broke before its steps could run). */
  fail(name: string, error: unknown): void {
    const msg = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.results.push({ scenario: this.name, name, ok: false, ms: 0, error: msg });
    console.log(`FAIL [${this.name}] ${name}\n    ${msg.split('\n').slice(0, 20).join('\n    ')}`);
  }

  async cleanup(): Promise<void> {
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.log(`[${this.name}] cleanup error: ${(e as Error).message}`);
      }
    }
    this.cleanups.length = 0;
  }
}

export interface ScenarioDef {
  name: string;
  run: (s: Scenario) => Promise<void>;
}

/** Runs the scenarios in order; prints the summary and the closing line. Returns the process exit code. */
export async function runScenarios(defs: ScenarioDef[]): Promise<number> {
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : undefined;
  const all: StepResult[] = [];
  const t0 = Date.now();
  const selected = defs.filter((d) => !only || only.test(d.name));
  for (const def of selected) {
    const s = new Scenario(def.name);
    const ts = Date.now();
    console.log(`--- scenario: ${def.name}`);
    try {
      await def.run(s);
    } catch (e) {
      s.fail('scenario setup or flow', e);
      await Promise.resolve(s.onFailure?.()).catch(() => undefined);
    } finally {
      await s.cleanup();
    }
    console.log(`--- ${def.name}: ${((Date.now() - ts) / 1000).toFixed(1)} s`);
    all.push(...s.results);
  }
  const failed = all.filter((r) => !r.ok);
  const skipped = all.filter((r) => r.ok && r.skipped !== undefined);
  const passed = all.length - failed.length - skipped.length;
  const dir = e2ePaths().artifactsDir;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ totalMs: Date.now() - t0, results: all }, null, 2));
  console.log(
    `\n${all.length} tests in ${selected.length} scenarios, ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots and logs in ${path.relative(process.cwd(), dir) || dir}`,
  );
  for (const f of failed) console.log(`  failed: [${f.scenario}] ${f.name}`);
  for (const f of skipped) console.log(`  skipped: [${f.scenario}] ${f.name} — ${f.skipped}`);
  if (selected.length === 0 || all.length === 0) {
    console.log('no tests ran (E2E_ONLY matched nothing?)');
    console.log(`0 passed, 1 failed`);
    return 1;
  }
  // Skips count as neither: a skipped test is not a pass.
  console.log(`${passed} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}
