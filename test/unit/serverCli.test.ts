// The standalone replay server (test/server/cli.ts), bundled like the lead's out/replay-server.js and run
// as a separate Node process, the way the end-to-end tests use it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'replay-cli-'));
  bundle = join(dir, 'replay-server.js');
  await build({
    entryPoints: [join(__dirname, '../server/cli.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^REPLAY_URL=(\S+)\n/m.exec(out);
      if (m) resolve({ child, url: m[1]!, stdout: () => out, exit });
    });
    void exit.then(({ code }) => reject(new Error(`replay server exited early (${code}): ${err}`)));
  });
}

describe('replay-server CLI', () => {
  it('prints exactly one REPLAY_URL line, serves, and exits 0 on SIGTERM', async () => {
    const r = await run(['--port', '0', '--host', '127.0.0.1', '--seed', '21']);
    expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const tip = await (await fetch(`${r.url}/api/blocks/tip/height`)).text();
    expect(Number(tip)).toBeGreaterThan(970_000);
    // a hung request must not keep the process alive
    await (
      await fetch(`${r.url}/__control/fault`, {
        method: 'POST',
        body: JSON.stringify({ fault: 'timeout', paths: '/prices' }),
      })
    ).text();
    const hung = fetch(`${r.url}/api/v1/prices`).catch(() => 'rejected');
    const list = async (): Promise<any[]> => (await (await fetch(`${r.url}/__control/requests`)).json()) as any[];
    while (!(await list()).some((x) => x.fault === 'timeout')) await new Promise((res) => setImmediate(res));
    r.child.kill('SIGTERM');
    expect(await r.exit).toEqual({ code: 0, signal: null });
    expect(await hung).toBe('rejected');
    expect(r.stdout()).toBe(`REPLAY_URL=${r.url}\n`);
  });

  it('exits 0 on SIGINT; --seed changes the data', async () => {
    const a = await run(['--seed', '3']);
    const tipA = await (await fetch(`${a.url}/api/blocks/tip/height`)).text();
    a.child.kill('SIGINT');
    expect((await a.exit).code).toBe(0);
    const b = await run(['--seed', '4']);
    const tipB = await (await fetch(`${b.url}/api/blocks/tip/height`)).text();
    b.child.kill('SIGINT');
    expect((await b.exit).code).toBe(0);
    expect(tipA).not.toBe(tipB);
  });
});
