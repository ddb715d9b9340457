// The standalone test node (test/server/bitcoind/cli.ts), bundled and run as its own process the way an
// end-to-end test would: the two stdout lines, our client with the real file system, the control API
// (cookie rotation, warming up), and a clean SIGTERM that deletes the cookie like Core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc } from '../../../src/core/sources/bitcoind/calls';
import { JsonRpcClient } from '../../../src/net/jsonRpc';

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bitcoind-cli-'));
  bundle = join(dir, 'bitcoind-server.js');
  await build({
    entryPoints: [join(__dirname, '../../server/bitcoind/cli.ts')],
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
  cookiePath: string;
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
      const m = /^BITCOIND_URL=(\S+)\nBITCOIND_COOKIE=(\S+)\n/m.exec(out);
      if (m) resolve({ child, url: m[1]!, cookiePath: m[2]!, stdout: () => out, exit });
    });
    void exit.then(({ code }) => reject(new Error(`test node exited early (${code}): ${err}`)));
  });
}

describe('bitcoind test node CLI', () => {
  it('prints the URL and cookie path, serves our client, follows the control API, exits 0 on SIGTERM', async () => {
    const dataDir = join(dir, 'data');
    const node = await run(['--port', '0', '--version', '28', '--datadir', dataDir]);
    expect(node.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(node.cookiePath).toBe(join(dataDir, '.cookie'));
    const client = new JsonRpcClient({
      url: node.url,
      auth: { kind: 'cookie', cookiePath: node.cookiePath },
      readFile: (p) => readFile(p, 'utf8'),
    });
    try {
      const info = await client.call(rpc.getBlockchainInfo());
      expect(info).toMatchObject({ chain: 'main', initialBlockDownload: false, bits: null });
      const control = (path: string, body: unknown): Promise<Response> =>
        fetch(`${node.url}/__control/${path}`, { method: 'POST', body: JSON.stringify(body) });
      expect((await control('rotate-cookie', {})).status).toBe(200);
      expect(await client.call(rpc.getBlockCount())).toBe(info.blocks);
      await control('mode', { warmingUp: 'Verifying blocks…' });
      await expect(client.call(rpc.uptime())).rejects.toMatchObject({ kind: 'warmingUp' });
      await control('mode', { warmingUp: null, syncing: { progress: 0.5 } });
      expect((await client.call(rpc.getBlockchainInfo())).initialBlockDownload).toBe(true);
    } finally {
      await client.close();
    }
    node.child.kill('SIGTERM');
    expect(await node.exit).toEqual({ code: 0, signal: null });
    expect(existsSync(node.cookiePath)).toBe(false);
  });
});
