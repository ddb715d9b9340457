// The lease protocol, the shared snapshot channel and the focus beacon, driven by a fake clock over an
// in-memory store whose reads and writes take (fake) time — so races between windows are real races.
import { describe, expect, it } from 'vitest';
import {
  FocusBeacon,
  Lease,
  SnapshotChannel,
  decodeSharedGlance,
  encodeSharedGlance,
  leaseTtlMs,
  parseLeaseRecord,
  type LeaseState,
  type SharedGlance,
  type SharedText,
} from '../../src/core/lease';
import { FakeClock } from './helpers/fakeClock';
import { makeSnapshot, NOW_MS } from './helpers/snapshot';

const TTL = 30_000;

/** One shared record; each window's view of it can be slow (latency in fake ms) or broken. */
class MemoryRecord {
  text: string | null = null;
  writes = 0;
  constructor(private readonly clock: FakeClock) {}

  view(opts: { readMs?: number; writeMs?: number; broken?: () => boolean } = {}): SharedText {
    const delay = (ms: number) =>
      new Promise<void>((resolve) => (ms > 0 ? this.clock.setTimeout(resolve, ms) : resolve()));
    return {
      read: async () => {
        await delay(opts.readMs ?? 5);
        if (opts.broken?.()) throw new Error('EACCES: permission denied');
        return this.text;
      },
      write: async (text) => {
        await delay(opts.writeMs ?? 5);
        if (opts.broken?.()) throw new Error('EACCES: permission denied');
        this.text = text;
        this.writes++;
      },
    };
  }
}

function windows(n: number, opts: { latency?: (i: number) => { readMs?: number; writeMs?: number } } = {}) {
  const clock = new FakeClock();
  const record = new MemoryRecord(clock);
  const changes: LeaseState[][] = [];
  const leases = Array.from({ length: n }, (_, i) => {
    changes.push([]);
    return new Lease({
      store: record.view(opts.latency?.(i)),
      clock,
      ownerId: `w${i}`,
      ttlMs: TTL,
      onChange: (s) => changes[i]!.push(s),
    });
  });
  const holders = () => leases.filter((l) => l.isHolder).map((l) => leases.indexOf(l));
  return { clock, record, leases, changes, holders, current: () => parseLeaseRecord(record.text) };
}

describe('leaseTtlMs', () => {
  it('is half the refresh interval, within 20 s and 2 min', () => {
    expect(leaseTtlMs(60_000)).toBe(30_000);
    expect(leaseTtlMs(5 * 60_000)).toBe(120_000);
    expect(leaseTtlMs(10_000)).toBe(20_000);
    expect(leaseTtlMs(24 * 3_600_000)).toBe(120_000);
  });
});

describe('parseLeaseRecord', () => {
  it('accepts our record and nothing else', () => {
    expect(parseLeaseRecord('{"ownerId":"a","epoch":3,"expiresAtMs":5}')).toEqual({
      ownerId: 'a',
      epoch: 3,
      expiresAtMs: 5,
    });
    for (const text of [
      null,
      '',
      '{',
      '[]',
      '{"ownerId":"","epoch":1,"expiresAtMs":1}',
      '{"ownerId":"a","epoch":-1,"expiresAtMs":1}',
      '{"ownerId":"a","epoch":1}',
    ]) {
      expect(parseLeaseRecord(text)).toBeNull();
    }
  });
});

describe('Lease', () => {
  it('a lone window takes the free lease and renews it every third of the TTL', async () => {
    const { clock, leases, changes, current } = windows(1);
    leases[0]!.start();
    await clock.advance(1_000);
    expect(leases[0]!.state).toEqual({ role: 'holder', holderId: 'w0', epoch: 1, problem: null });
    expect(changes[0]).toHaveLength(1);
    const first = current()!.expiresAtMs;
    expect(first).toBeGreaterThan(clock.now());
    await clock.advance(TTL / 3);
    expect(current()).toMatchObject({ ownerId: 'w0', epoch: 1 });
    expect(current()!.expiresAtMs).toBeGreaterThanOrEqual(first + TTL / 3);
    expect(changes[0]).toHaveLength(1); // renewals are not changes
  });

  it('a check prompted by its own write (the folder watcher) writes nothing: no renewal storm', async () => {
    const { clock, leases, record } = windows(1);
    leases[0]!.start();
    await clock.advance(1_000);
    const writes = record.writes;
    for (let i = 0; i < 5; i++) void leases[0]!.check();
    await clock.advance(1_000);
    expect(record.writes).toBe(writes);
    expect(leases[0]!.isHolder).toBe(true);
  });

  it('five windows starting together end with exactly one holder that all of them name', async () => {
    const { clock, leases, holders } = windows(5, { latency: (i) => ({ readMs: 3 + i, writeMs: 7 - i }) });
    for (const l of leases) l.start();
    await clock.advance(2_000);
    expect(holders()).toHaveLength(1);
    const holderId = `w${holders()[0]}`;
    expect(leases.map((l) => l.state.holderId)).toEqual(Array(5).fill(holderId));
    // …and it stays that way over many renewals.
    await clock.advance(10 * TTL);
    expect(holders()).toEqual([Number(holderId.slice(1))]);
  });

  it('replaces a dead holder within one TTL (plus the clock-skew grace)', async () => {
    const { clock, leases, holders, current } = windows(5);
    for (const l of leases) l.start();
    await clock.advance(2_000);
    const [dead] = holders();
    leases[dead!]!.dispose(); // no release: a crash
    const diedAtMs = clock.now();
    const expiresAtMs = current()!.expiresAtMs;
    expect(expiresAtMs - diedAtMs).toBeLessThanOrEqual(TTL);
    await clock.advance(expiresAtMs - diedAtMs + 2_000 + 1_000);
    expect(holders()).toHaveLength(1);
    expect(holders()[0]).not.toBe(dead);
    expect(current()!.epoch).toBe(2);
    expect(leases.filter((l) => l !== leases[dead!]).every((l) => l.state.holderId === current()!.ownerId)).toBe(true);
  });

  it('hands over at once when the holder releases (a closing window), as soon as a follower looks', async () => {
    const { clock, leases, holders, current } = windows(3);
    for (const l of leases) l.start();
    await clock.advance(2_000);
    const [old] = holders();
    await Promise.all([leases[old!]!.release(), clock.advance(100)]);
    expect(current()!.expiresAtMs).toBe(0);
    // The file watcher makes a follower look now; without it, its timer does within a third of the TTL.
    const follower = leases.find((l) => l !== leases[old!])!;
    void follower.check();
    await clock.advance(1_000);
    expect(follower.isHolder).toBe(true);
    expect(holders()).toEqual([leases.indexOf(follower)]);
  });

  it('without a watcher a released lease is still taken within a third of the TTL', async () => {
    const { clock, leases, holders } = windows(2);
    for (const l of leases) l.start();
    await clock.advance(2_000);
    const [old] = holders();
    await Promise.all([leases[old!]!.release(), clock.advance(100)]);
    await clock.advance(TTL / 3 + 1_000);
    expect(holders()).toEqual([1 - old!]);
  });

  it('a slow writer can win a second tenure; the other steps down at its next renewal', async () => {
    // w1 reads early but its write lands long after w0 has read back its own record.
    const { clock, leases, holders } = windows(2, {
      latency: (i) => (i === 0 ? { readMs: 5, writeMs: 5 } : { readMs: 5, writeMs: 2_000 }),
    });
    for (const l of leases) l.start();
    await clock.advance(3_000);
    expect(holders().sort()).toEqual([0, 1]);
    await clock.advance(TTL / 3);
    expect(holders()).toEqual([1]);
    expect(leases[0]!.state.holderId).toBe('w1');
  });

  it('steps down when its record was replaced (it stalled past expiry and someone took over)', async () => {
    const { clock, leases, record } = windows(1);
    leases[0]!.start();
    await clock.advance(1_000);
    record.text = JSON.stringify({ ownerId: 'other', epoch: 2, expiresAtMs: clock.now() + TTL });
    await clock.advance(TTL / 3);
    expect(leases[0]!.state).toEqual({ role: 'follower', holderId: 'other', epoch: 2, problem: null });
  });

  it('fetches on its own when the shared folder is unusable, and rejoins when it works again', async () => {
    const clock = new FakeClock();
    const record = new MemoryRecord(clock);
    let broken = true;
    const lease = new Lease({ store: record.view({ broken: () => broken }), clock, ownerId: 'w0', ttlMs: TTL });
    const other = new Lease({ store: record.view(), clock, ownerId: 'w1', ttlMs: TTL });
    other.start();
    await clock.advance(1_000);
    lease.start();
    await clock.advance(100);
    expect(lease.isHolder).toBe(false); // one failure is not enough
    await clock.advance(TTL / 3 + 100);
    expect(lease.state).toMatchObject({
      role: 'holder',
      holderId: 'w0',
      problem: expect.stringMatching(/^shared lease unavailable \(EACCES/),
    });
    broken = false;
    await clock.advance(TTL / 3 + 100);
    expect(lease.state).toEqual({ role: 'follower', holderId: 'w1', epoch: 1, problem: null });
  });

  it('ignores a damaged lease file and takes over', async () => {
    const { clock, leases, record } = windows(1);
    record.text = '{"ownerId": "w9", "epo';
    leases[0]!.start();
    await clock.advance(1_000);
    expect(leases[0]!.state).toMatchObject({ role: 'holder', epoch: 1 });
  });

  it('does not take a lease that expired less than the skew grace ago', async () => {
    const { clock, leases, record } = windows(1);
    record.text = JSON.stringify({ ownerId: 'w9', epoch: 4, expiresAtMs: clock.now() - 1_000 });
    leases[0]!.start();
    await clock.advance(50);
    expect(leases[0]!.state).toMatchObject({ role: 'follower', holderId: 'w9' });
    await clock.advance(2_000);
    expect(leases[0]!.state).toMatchObject({ role: 'holder', epoch: 5 });
  });

  it('does not believe a lease that runs further ahead than any lease is written for (clock corrected, damaged file)', async () => {
    const { clock, leases, record } = windows(1);
    // Written by a window whose clock ran a day ahead: believed, nobody would fetch for a day.
    record.text = JSON.stringify({ ownerId: 'w9', epoch: 4, expiresAtMs: clock.now() + 86_400_000 });
    leases[0]!.start();
    await clock.advance(1_000);
    expect(leases[0]!.state).toMatchObject({ role: 'holder', holderId: 'w0', epoch: 5 });
    // The longest lease anyone writes (2 min), plus the tolerance, is still believed.
    const { clock: clock2, leases: leases2, record: record2 } = windows(1);
    record2.text = JSON.stringify({ ownerId: 'w9', epoch: 4, expiresAtMs: clock2.now() + 120_000 + 60_000 });
    leases2[0]!.start();
    await clock2.advance(1_000);
    expect(leases2[0]!.state).toMatchObject({ role: 'follower', holderId: 'w9' });
  });

  it('stops all timers when disposed; a throwing listener does not stop the cycle, and is reported', async () => {
    const clock = new FakeClock();
    const record = new MemoryRecord(clock);
    const errors: string[] = [];
    const lease = new Lease({
      store: record.view(),
      clock,
      ownerId: 'w0',
      ttlMs: TTL,
      onChange: () => {
        throw new Error('listener bug');
      },
      onError: (message) => errors.push(message),
    });
    lease.start();
    await clock.advance(TTL);
    expect(lease.isHolder).toBe(true);
    const writes = record.writes;
    lease.dispose();
    await clock.advance(TTL);
    expect(record.writes).toBe(writes);
    expect(clock.pendingTimers).toBe(0);
    expect(errors).toEqual(['A lease listener failed: listener bug']);
  });

  it('reports failed rounds before it gives up on the shared folder', async () => {
    const clock = new FakeClock();
    const errors: string[] = [];
    const lease = new Lease({
      store: new MemoryRecord(clock).view({ broken: () => true }),
      clock,
      ownerId: 'w0',
      ttlMs: TTL,
      onError: (m) => errors.push(m),
    });
    lease.start();
    await clock.advance(100);
    expect(errors).toEqual(['Lease round failed (1 in a row): EACCES: permission denied']);
    lease.dispose();
  });
});

describe('SnapshotChannel', () => {
  const glance = (over: Partial<SharedGlance> = {}): Omit<SharedGlance, 'writerId'> => ({
    epoch: 1,
    writtenAtMs: 1_000,
    snapshot: makeSnapshot(),
    error: null,
    ...over,
  });

  it('delivers what the holder published to followers, once', async () => {
    const clock = new FakeClock(NOW_MS);
    const record = new MemoryRecord(clock);
    const received: SharedGlance[] = [];
    const holder = new SnapshotChannel({
      store: record.view({ readMs: 0, writeMs: 0 }),
      clock,
      ownerId: 'h',
      onReceive: () => undefined,
    });
    const follower = new SnapshotChannel({
      store: record.view({ readMs: 0, writeMs: 0 }),
      clock,
      ownerId: 'f',
      onReceive: (g) => received.push(g),
    });
    await holder.publish(glance());
    expect(await holder.poll()).toBeNull(); // its own write
    expect(await follower.poll()).not.toBeNull();
    expect(await follower.poll()).toBeNull(); // unchanged
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ writerId: 'h', epoch: 1, snapshot: { tipHeight: 975_144 } });
    // A failure without new data is news too (followers show why the data is stale).
    await holder.publish(glance({ writtenAtMs: 2_000, error: { message: 'HTTP 503', atMs: 2_000 } }));
    await follower.poll();
    expect(received.at(-1)!.error).toEqual({ message: 'HTTP 503', atMs: 2_000 });
  });

  it("never goes back in time: a deposed holder's late, older snapshot is ignored", async () => {
    const clock = new FakeClock(NOW_MS);
    const record = new MemoryRecord(clock);
    const received: SharedGlance[] = [];
    const follower = new SnapshotChannel({
      store: record.view({ readMs: 0, writeMs: 0 }),
      clock,
      ownerId: 'f',
      onReceive: (g) => received.push(g),
    });
    const newer = makeSnapshot({ fetchedAtMs: 5_000 });
    record.text = encodeSharedGlance({ writerId: 'new', epoch: 2, writtenAtMs: 5_000, snapshot: newer, error: null });
    await follower.poll();
    record.text = encodeSharedGlance({
      writerId: 'old',
      epoch: 1,
      writtenAtMs: 5_100,
      snapshot: makeSnapshot({ fetchedAtMs: 4_000 }),
      error: null,
    });
    expect(await follower.poll()).toBeNull();
    // …unless it is for another source (the user switched instances).
    record.text = encodeSharedGlance({
      writerId: 'new',
      epoch: 2,
      writtenAtMs: 6_000,
      snapshot: makeSnapshot({ fetchedAtMs: 4_000, sourceHost: 'umbrel.local' }),
      error: null,
    });
    expect(await follower.poll()).not.toBeNull();
    expect(received.map((g) => g.snapshot!.sourceHost)).toEqual(['mempool.space', 'umbrel.local']);
  });

  it('ignores a snapshot dated in the future, which would otherwise make every later one look older', async () => {
    const clock = new FakeClock(NOW_MS);
    const record = new MemoryRecord(clock);
    const received: SharedGlance[] = [];
    const errors: string[] = [];
    const follower = new SnapshotChannel({
      store: record.view({ readMs: 0, writeMs: 0 }),
      clock,
      ownerId: 'f',
      onReceive: (g) => received.push(g),
      onError: (m) => errors.push(m),
    });
    const dayAhead = NOW_MS + 86_400_000;
    record.text = encodeSharedGlance({
      writerId: 'h',
      epoch: 1,
      writtenAtMs: NOW_MS,
      snapshot: makeSnapshot({ fetchedAtMs: dayAhead }),
      error: null,
    });
    expect(await follower.poll()).toBeNull();
    record.text = encodeSharedGlance({ writerId: 'h', epoch: 1, writtenAtMs: dayAhead, snapshot: null, error: null });
    expect(await follower.poll()).toBeNull();
    expect(errors).toHaveLength(2);
    // The next real snapshot is delivered.
    record.text = encodeSharedGlance({
      writerId: 'h',
      epoch: 1,
      writtenAtMs: NOW_MS + 1_000,
      snapshot: makeSnapshot({ fetchedAtMs: NOW_MS }),
      error: null,
    });
    expect(await follower.poll()).not.toBeNull();
    // Within the tolerance (the writer's clock a little ahead) is fine.
    record.text = encodeSharedGlance({
      writerId: 'h',
      epoch: 1,
      writtenAtMs: NOW_MS + 50_000,
      snapshot: makeSnapshot({ fetchedAtMs: NOW_MS + 50_000 }),
      error: null,
    });
    expect(await follower.poll()).not.toBeNull();
    expect(received.map((g) => g.snapshot!.fetchedAtMs)).toEqual([NOW_MS, NOW_MS + 50_000]);
  });

  it('reports an unreadable record and a failing receiver, and keeps delivering', async () => {
    const clock = new FakeClock(NOW_MS);
    const record = new MemoryRecord(clock);
    let broken = true;
    const errors: string[] = [];
    const follower = new SnapshotChannel({
      store: record.view({ readMs: 0, writeMs: 0, broken: () => broken }),
      clock,
      ownerId: 'f',
      onReceive: () => {
        throw new Error('view bug');
      },
      onError: (m) => errors.push(m),
    });
    expect(await follower.poll()).toBeNull();
    broken = false;
    record.text = encodeSharedGlance({
      writerId: 'h',
      epoch: 1,
      writtenAtMs: NOW_MS,
      snapshot: makeSnapshot(),
      error: null,
    });
    expect(await follower.poll()).not.toBeNull();
    expect(errors).toEqual([
      'Could not read the snapshot shared by another window: EACCES: permission denied',
      'Showing a snapshot shared by another window failed: view bug',
    ]);
  });

  it('decodes only its own envelope with a plausible snapshot', () => {
    const text = encodeSharedGlance({ writerId: 'h', epoch: 1, writtenAtMs: 1, snapshot: null, error: null });
    expect(decodeSharedGlance(text)).toEqual({ writerId: 'h', epoch: 1, writtenAtMs: 1, snapshot: null, error: null });
    expect(decodeSharedGlance(null)).toBeNull();
    expect(decodeSharedGlance('{"v":2}')).toBeNull();
    expect(
      decodeSharedGlance(
        JSON.stringify({ v: 1, writerId: 'h', epoch: 1, writtenAtMs: 1, snapshot: { schema: 1 }, error: null }),
      ),
    ).toBeNull();
  });
});

describe('FocusBeacon', () => {
  it('tells the holder that another window is focused, until the note ages out', async () => {
    const clock = new FakeClock();
    const record = new MemoryRecord(clock);
    const follower = new FocusBeacon({ store: record.view(), clock, ownerId: 'f', freshForMs: TTL });
    const holder = new FocusBeacon({ store: record.view(), clock, ownerId: 'h', freshForMs: TTL });
    expect(await read(holder)).toBe(false);
    follower.setFocused(true);
    await clock.advance(100);
    expect(await read(holder)).toBe(true);
    await clock.advance(3 * TTL); // still focused: the note is refreshed
    expect(await read(holder)).toBe(true);
    follower.setFocused(false);
    await clock.advance(TTL - 1_000);
    expect(await read(holder)).toBe(true);
    await clock.advance(2_000);
    expect(await read(holder)).toBe(false);
    holder.setFocused(true);
    expect(await read(holder)).toBe(true);
    follower.dispose();
    holder.dispose();
    expect(clock.pendingTimers).toBe(0);

    async function read(b: FocusBeacon): Promise<boolean> {
      const result = b.anyFocused();
      await clock.advance(10);
      return result;
    }
  });
});
