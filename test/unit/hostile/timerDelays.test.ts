// Every timer in src/vscode goes through clampDelayMs: Node fires a delay above 2³¹−1 ms, NaN or a negative
// one after 1 ms, so a hostile Retry-After or a lease expiry far ahead would otherwise loop at full speed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS } from '../../../src/core/timers';
import { LeaseFolder } from '../../../src/vscode/leaseFile';
import { systemClock } from '../../../src/vscode/systemClock';

afterEach(() => vi.restoreAllMocks());

describe('timer delays in the VS Code adapters', () => {
  it('systemClock clamps what the scheduler and the lease ask for', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const asked = [2 ** 40, Number.NaN, -5, 1234];
    for (const delayMs of asked) systemClock.clearTimeout(systemClock.setTimeout(() => undefined, delayMs));
    expect(spy.mock.calls.map((c) => c[1])).toEqual([MAX_TIMER_DELAY_MS, 0, 0, 1234]);
  });

  it('LeaseFolder clamps its poll period', () => {
    const spy = vi.spyOn(globalThis, 'setInterval');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mining-timers-'));
    const folder = new LeaseFolder(dir, { pollMs: 2 ** 40, watch: false });
    folder.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(spy.mock.calls.map((c) => c[1])).toEqual([MAX_TIMER_DELAY_MS]);
  });

  it('no setTimeout or setInterval in src/vscode takes a delay that skipped clampDelayMs', () => {
    const root = path.join(__dirname, '../../../src/vscode');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const unclamped: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const call of timerCalls(text))
        if (!/^clampDelayMs\(/.test(call.lastArgument) && !isSafeLiteralDelay(call.lastArgument))
          unclamped.push(`${file}: ${call.text.replace(/\s+/g, ' ').slice(0, 80)}`);
    }
    expect(files.length).toBeGreaterThan(10);
    expect(unclamped).toEqual([]);
  });
});

/** A literal delay cannot be NaN or negative; it is safe when it is within Node's timer limit. */
function isSafeLiteralDelay(argument: string): boolean {
  return /^\d[\d_]*$/.test(argument) && Number(argument.replace(/_/g, '')) <= MAX_TIMER_DELAY_MS;
}

/** Every `setTimeout(…)`/`setInterval(…)` call in a source text, with its last top-level argument. */
function timerCalls(text: string): { text: string; lastArgument: string }[] {
  const calls: { text: string; lastArgument: string }[] = [];
  for (const m of text.matchAll(/\bset(?:Timeout|Interval)\(/g)) {
    const open = m.index + m[0].length;
    let depth = 1;
    let lastComma = open;
    let i = open;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (c === '(' || c === '{' || c === '[') depth++;
      else if (c === ')' || c === '}' || c === ']') depth--;
      else if (c === ',' && depth === 1) lastComma = i + 1;
    }
    calls.push({ text: text.slice(m.index, i), lastArgument: text.slice(lastComma, i - 1).trim() });
  }
  return calls;
}
