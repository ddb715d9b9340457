// The lease over real files: several windows' worth of LeaseFolder + Lease + SnapshotChannel on one temp
// folder in this process, and then separate Node processes, one of which is killed with SIGKILL.
// Real time, so every wait is on a condition; TTLs are short but the bounds are generous.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lease, SnapshotChannel, type SharedGlance } from '../../src/core/lease';
import { LeaseFolder } from '../../src/vscode/leaseFile';
import { systemClock } from '../../src/vscode/systemClock';
import { makeSnapshot } from './helpers/snapshot';

const WAIT = { timeout: 30_000, interval: 25 };
const GRACE_MS = 2_000; // Lease's default skew grace
const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mining-lease-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What one window would build: its own folder watcher, lease and snapshot channel. */
function window(dir: string, id: string, opts: { ttlMs: number; pollMs?: number; watch?: boolean }) {
  const folder = new LeaseFolder(dir, { pollMs: opts.pollMs ?? 200, watch: opts.watch });
  const received: SharedGlance[] = [];
  const lease = new Lease({
    store: folder.text('lease'),
    clock: systemClock,
    ownerId: id,
    ttlMs: opts.ttlMs,
    settleMs: 150,
  });
  const channel = new SnapshotChannel({
    store: folder.text('snapshot'),
    clock: systemClock,
    ownerId: id,
    onReceive: (g) => received.push(g),
  });
  folder.onDidChange((name) => {
    if (name === 'lease') void lease.check();
    if (name === 'snapshot') void channel.poll();
  });
  let dead = false;
  const w = {
    id,
    folder,
    lease,
    channel,
    received,
    get alive() {
      return !dead;
    },
    /** A crash: timers stop, nothing is released. */
    die() {
      dead = true;
      lease.dispose();
      folder.dispose();
    },
    async close() {
      dead = true;
      await lease.release();
      folder.dispose();
    },
  };
  cleanups.push(() => {
    lease.dispose();
    folder.dispose();
  });
  lease.start();
  return w;
}

type Window = ReturnType<typeof window>;
const holders = (ws: Window[]) => ws.filter((w) => w.alive && w.lease.isHolder);
/** Exactly one live holder, and every live window names it. */
function settled(ws: Window[]): Window {
  const h = holders(ws);
  expect(h.map((w) => w.id)).toHaveLength(1);
  for (const w of ws.filter((x) => x.alive)) expect(w.lease.state.holderId).toBe(h[0]!.id);
  return h[0]!;
}

describe('LeaseFolder + Lease, five windows on one folder', () => {
  it('elects exactly one holder; a killed holder is replaced within one TTL', async () => {
    const dir = tempDir();
    const ttlMs = 3_000;
    const ws = Array.from({ length: 5 }, (_, i) => window(dir, `w${i}`, { ttlMs }));
    const first = await vi.waitFor(() => settled(ws), WAIT);
    const epoch = first.lease.state.epoch;

    first.die();
    const diedAtMs = Date.now();
    const second = await vi.waitFor(() => {
      const h = settled(ws);
      expect(h).not.toBe(first);
      return h;
    }, WAIT);
    // Expiry is at most one TTL after the last renewal; the grace and a busy machine add a little.
    expect(Date.now() - diedAtMs).toBeLessThan(ttlMs + GRACE_MS + 3_000);
    expect(second.lease.state.epoch).toBe(epoch + 1);
    // The lease file names it too.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'lease.json'), 'utf8'))).toMatchObject({
      ownerId: second.id,
      epoch: epoch + 1,
    });
  });

  it('a closing holder hands over at once, long before its lease would expire', async () => {
    const dir = tempDir();
    const ttlMs = 120_000; // a takeover by expiry, or by the followers' timers (40 s), would time out the test
    const ws = Array.from({ length: 3 }, (_, i) => window(dir, `w${i}`, { ttlMs }));
    const first = await vi.waitFor(() => settled(ws), WAIT);
    const closedAtMs = Date.now();
    await first.close();
    await vi.waitFor(() => expect(settled(ws)).not.toBe(first), { ...WAIT, timeout: 15_000 });
    expect(Date.now() - closedAtMs).toBeLessThan(15_000);
  });

  it('followers receive the snapshot the holder writes, with fs.watch or by polling alone', async () => {
    for (const watch of [true, false]) {
      const dir = tempDir();
      const ws = Array.from({ length: 3 }, (_, i) =>
        window(dir, `w${i}`, { ttlMs: 3_000, watch, pollMs: watch ? 60_000 : 100 }),
      );
      const holder = await vi.waitFor(() => settled(ws), WAIT);
      const followers = ws.filter((w) => w !== holder);
      expect(followers).toHaveLength(2);
      for (const tip of [975_145, 975_146]) {
        await holder.channel.publish({
          epoch: holder.lease.state.epoch,
          writtenAtMs: Date.now(),
          snapshot: makeSnapshot({ tipHeight: tip, fetchedAtMs: Date.now() }),
          error: null,
        });
        await vi.waitFor(() => {
          for (const f of followers) expect(f.received.at(-1)?.snapshot?.tipHeight).toBe(tip);
        }, WAIT);
      }
      expect(holder.received).toEqual([]);
      for (const w of ws) w.die();
    }
  });
});

describe('LeaseFolder files', () => {
  it('creates the folder on first write and reads null before', async () => {
    const dir = path.join(tempDir(), 'globalStorage', 'mining-economics');
    const folder = new LeaseFolder(dir);
    cleanups.push(() => folder.dispose());
    expect(await folder.text('lease').read()).toBeNull();
    await folder.text('lease').write('{"a":1}');
    expect(await folder.text('lease').read()).toBe('{"a":1}');
  });

  it('never shows a reader half a record while several processes write', async () => {
    const dir = tempDir();
    const folders = Array.from({ length: 3 }, () => new LeaseFolder(dir, { watch: false }));
    for (const f of folders) cleanups.push(() => f.dispose());
    const big = (i: number) => JSON.stringify({ writer: i, pad: String(i).repeat(200_000) });
    let torn = 0;
    let reads = 0;
    const writers = folders.map(async (f, i) => {
      for (let n = 0; n < 30; n++) await f.text('snapshot').write(big(i));
    });
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = await folders[0]!.text('snapshot').read();
        reads++;
        if (text !== null) {
          try {
            JSON.parse(text);
          } catch {
            torn++;
          }
        }
      }
    })();
    await Promise.all(writers);
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(torn).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes temp files a crashed writer left behind, but not fresh ones', async () => {
    const dir = tempDir();
    const stale = path.join(dir, '.lease.json.123.deadbeef.tmp');
    const fresh = path.join(dir, '.lease.json.456.cafebabe.tmp');
    fs.writeFileSync(stale, '{');
    fs.writeFileSync(fresh, '{');
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(stale, old, old);
    const folder = new LeaseFolder(dir);
    cleanups.push(() => folder.dispose());
    await vi.waitFor(() => expect(fs.existsSync(stale)).toBe(false), WAIT);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('reports changes by other processes once per change (stat identity), not its baseline', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'lease.json'), '{}');
    const folder = new LeaseFolder(dir, { watch: false, pollMs: 50 });
    cleanups.push(() => folder.dispose());
    const seen: string[] = [];
    folder.onDidChange((n) => seen.push(n));
    const other = new LeaseFolder(dir, { watch: false, pollMs: 60_000 });
    cleanups.push(() => other.dispose());
    await other.text('focus').write('{"focusedAtMs":1}');
    await vi.waitFor(() => expect(seen).toEqual(['focus']), WAIT);
    await other.text('focus').write('{"focusedAtMs":2}');
    await vi.waitFor(() => expect(seen).toEqual(['focus', 'focus']), WAIT);
  });
});

describe('LeaseFolder.probe (issue 11 #11)', () => {
  const isRoot = process.getuid?.() === 0;

  it('says nothing of a folder it can write, and leaves no probe file behind', async () => {
    const dir = path.join(tempDir(), 'shared');
    const folder = new LeaseFolder(dir, { watch: false });
    cleanups.push(() => folder.dispose());
    expect(await folder.probe()).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('names a file in place of the folder, or of a parent (EEXIST, ENOTDIR), without a retry message', async () => {
    const base = tempDir();
    fs.writeFileSync(path.join(base, 'shared'), 'not a folder');
    const errors: string[] = [];
    for (const dir of [path.join(base, 'shared'), path.join(base, 'shared', 'below')]) {
      const folder = new LeaseFolder(dir, { watch: false, onError: (m) => errors.push(m) });
      cleanups.push(() => folder.dispose());
      expect(await folder.probe()).toMatch(/EEXIST|ENOTDIR/);
    }
    expect(errors).toEqual([]);
  });

  // Root writes anywhere: this one needs an ordinary user.
  it.skipIf(isRoot)('names a read-only folder (EACCES)', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o500);
    cleanups.push(() => fs.chmodSync(dir, 0o700));
    const folder = new LeaseFolder(dir, { watch: false });
    cleanups.push(() => folder.dispose());
    expect(await folder.probe()).toMatch(/EACCES|EPERM/);
  });
});

describe('separate processes', () => {
  it('three processes elect one holder; SIGKILL it and another takes over and keeps publishing', async () => {
    const dir = tempDir();
    const script = await bundleRunner();
    const ttlMs = 3_000;
    const procs = ['p0', 'p1', 'p2'].map((id) => runner(script, dir, id, ttlMs));
    const holderOf = () => procs.filter((p) => p.alive && p.role === 'holder');
    const first = await vi.waitFor(() => {
      expect(holderOf()).toHaveLength(1);
      expect(procs.every((p) => p.holderId === holderOf()[0]!.id)).toBe(true);
      return holderOf()[0]!;
    }, WAIT);
    // The others follow its snapshots.
    const others = procs.filter((x) => x !== first);
    expect(others).toHaveLength(2);
    await vi.waitFor(() => {
      for (const p of others) expect(p.receivedFrom).toContain(first.id);
    }, WAIT);

    first.kill();
    const killedAtMs = Date.now();
    const second = await vi.waitFor(() => {
      const h = holderOf();
      expect(h).toHaveLength(1);
      expect(h[0]).not.toBe(first);
      return h[0]!;
    }, WAIT);
    expect(Date.now() - killedAtMs).toBeLessThan(ttlMs + GRACE_MS + 3_000);
    const follower = procs.find((p) => p.alive && p !== second)!;
    await vi.waitFor(() => expect(follower.receivedFrom).toContain(second.id), WAIT);
  });
});

// ---------------------------------------------------------------------------------------------------

/** A window in its own process: the same core + LeaseFolder, bundled by esbuild for plain `node`. */
async function bundleRunner(): Promise<string> {
  const root = path.resolve(__dirname, '../..');
  const source = `
    import { Lease, SnapshotChannel } from './src/core/lease';
    import { LeaseFolder } from './src/vscode/leaseFile';
    import { systemClock } from './src/vscode/systemClock';
    const [dir, id, ttl] = process.argv.slice(2);
    const say = (o: object) => process.stdout.write(JSON.stringify(o) + '\\n');
    const folder = new LeaseFolder(dir!, { pollMs: 200 });
    const channel = new SnapshotChannel({ store: folder.text('snapshot'), clock: systemClock, ownerId: id!, onReceive: (g) => say({ received: g.writerId }) });
    const lease = new Lease({ store: folder.text('lease'), clock: systemClock, ownerId: id!, ttlMs: Number(ttl), settleMs: 150,
      onChange: (s) => say({ role: s.role, holderId: s.holderId }) });
    folder.onDidChange((n) => { if (n === 'lease') void lease.check(); if (n === 'snapshot') void channel.poll(); });
    setInterval(() => {
      if (!lease.isHolder) return;
      const now = Date.now();
      void channel.publish({ epoch: lease.state.epoch, writtenAtMs: now, error: null, snapshot: {
        schema: 1, fetchedAtMs: now, sourceHost: 'replay', tipHeight: 1,
        hashrate: { daily: [], difficulty: [], currentHashrateHps: 1, currentDifficulty: 1 },
        adjustment: { estimatedRetargetMs: now }, rewardStats: { totalFeeSats: 0 }, prices: { timeS: 0, perBtc: {} }, latestBlocks: [] } as never });
    }, 200);
    lease.start();
  `;
  const out = path.join(tempDir(), 'lease-runner.js');
  await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts', sourcefile: 'lease-runner.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

function runner(script: string, dir: string, id: string, ttlMs: number) {
  const child: ChildProcess = spawn(process.execPath, [script, dir, id, String(ttlMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const p = {
    id,
    alive: true,
    role: 'follower' as string,
    holderId: null as string | null,
    receivedFrom: [] as string[],
    kill: () => child.kill('SIGKILL'),
  };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as { role?: string; holderId?: string | null; received?: string };
      buffer = buffer.slice(nl + 1);
      if (line.role) {
        p.role = line.role;
        p.holderId = line.holderId ?? null;
      }
      if (line.received && !p.receivedFrom.includes(line.received)) p.receivedFrom.push(line.received);
    }
  });
  child.on('exit', () => (p.alive = false));
  cleanups.push(() => {
    if (p.alive) child.kill('SIGKILL');
  });
  return p;
}
