// The replay server's websocket at the protocol level, over a raw TCP socket: the RFC 6455 handshake and
// framing that undici's client hides, mempool's subscription semantics, faults and the control API.
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReplayServer, type ReplayServer } from '../server/replayServer';
import { FrameDecoder, OPCODE, acceptKey, encodeFrame, type Frame } from '../server/websocket';

const WAIT = { timeout: 20_000, interval: 10 };
const MASK = Buffer.from([1, 2, 3, 4]);
let server: ReplayServer;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startReplayServer({ conversionsIntervalMs: 0 });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  for (const s of open.splice(0)) s.destroy();
  server.clearFault();
});

/** A raw client: sends the upgrade request, then collects the status line and frames. */
async function rawClient(path = '/api/v1/ws', headers: Record<string, string> = {}) {
  const socket = connect(server.port, '127.0.0.1');
  open.push(socket);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let head = '';
  let upgraded = false;
  let ended = false;
  const frames: Frame[] = [];
  const decoder = new FrameDecoder(false);
  socket.on('data', (chunk: Buffer) => {
    if (upgraded) {
      frames.push(...decoder.push(chunk));
      return;
    }
    head += chunk.toString('latin1');
    const end = head.indexOf('\r\n\r\n');
    if (end >= 0 && head.startsWith('HTTP/1.1 101')) {
      upgraded = true;
      const rest = Buffer.from(head.slice(end + 4), 'latin1');
      head = head.slice(0, end);
      if (rest.length) frames.push(...decoder.push(rest));
    }
  });
  socket.on('end', () => (ended = true));
  socket.on('error', () => undefined);
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${server.port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const texts = () =>
    frames
      .filter((f) => f.opcode === OPCODE.text)
      .map((f) => JSON.parse(f.payload.toString('utf8')) as Record<string, unknown>);
  return {
    socket,
    frames,
    texts,
    head: () => head,
    ended: () => ended,
    send: (text: string, opts: { fin?: boolean; opcode?: number; mask?: Buffer | null } = {}) =>
      socket.write(
        encodeFrame(opts.opcode ?? OPCODE.text, Buffer.from(text), {
          fin: opts.fin ?? true,
          ...(opts.mask === null ? {} : { mask: opts.mask ?? MASK }),
        }),
      ),
  };
}

describe('handshake', () => {
  it('answers with the RFC 6455 accept key and declines extensions', async () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo='); // RFC 6455 §1.3
    const c = await rawClient('/api/v1/ws', {
      'Sec-WebSocket-Extensions': 'permessage-deflate',
      'User-Agent': 'raw/1',
    });
    await vi.waitFor(() => expect(c.head()).toMatch(/^HTTP\/1\.1 101 /), WAIT);
    expect(c.head()).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(c.head()).not.toMatch(/Sec-WebSocket-Extensions/i);
    await vi.waitFor(() => expect(server.webSockets.some((w) => w.userAgent === 'raw/1')).toBe(true), WAIT);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/ws', status: 101, route: null });
  });

  it('refuses other paths (404) and faulted upgrades (503 with Retry-After)', async () => {
    const other = await rawClient('/api/v1/websocket');
    await vi.waitFor(() => expect(other.ended()).toBe(true), WAIT);
    expect(other.head()).toMatch(/^HTTP\/1\.1 404 /);
    server.setFault('http503', { paths: '/api/v1/ws', retryAfterS: 7 });
    const refused = await rawClient();
    await vi.waitFor(() => expect(refused.ended()).toBe(true), WAIT);
    expect(refused.head()).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(refused.head()).toContain('Retry-After: 7');
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/v1/ws', status: 503, fault: 'http503' });
  });
});

describe('mempool semantics', () => {
  it('want: blocks oldest first and da, no conversions; init: conversions too; ping: pong', async () => {
    const c = await rawClient();
    c.send(JSON.stringify({ action: 'want', data: ['blocks', 'stats'] }));
    await vi.waitFor(() => expect(c.texts()).toHaveLength(1), WAIT);
    const want = c.texts()[0]!;
    const heights = (want.blocks as { height: number }[]).map((b) => b.height);
    expect(heights).toEqual(Array.from({ length: 8 }, (_, i) => server.chain.tipHeight - 7 + i));
    expect(Object.keys(want.da as object)).toHaveLength(12);
    expect(want).toHaveProperty('mempoolInfo');
    expect(want).not.toHaveProperty('conversions');
    // Wanting the same again sends nothing new, like mempool (only newly wanted subscriptions answer).
    c.send(JSON.stringify({ action: 'want', data: ['blocks', 'stats'] }));
    c.send(JSON.stringify({ action: 'init' }));
    c.send(JSON.stringify({ action: 'ping' }));
    await vi.waitFor(() => expect(c.texts()).toHaveLength(3), WAIT);
    expect(c.texts()[1]).toMatchObject({
      conversions: { USD: expect.any(Number), time: expect.any(Number) },
      blocks: expect.any(Array),
      da: expect.any(Object),
    });
    expect(c.texts()[2]).toEqual({ pong: true });
  });

  it('pushes each mined block with da to subscribers, and conversions to everyone', async () => {
    const blocksOnly = await rawClient();
    const silent = await rawClient();
    blocksOnly.send(JSON.stringify({ action: 'want', data: ['blocks'] }));
    await vi.waitFor(() => expect(blocksOnly.texts()).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(server.webSockets).toHaveLength(2), WAIT);
    const { tipHeight } = server.mineBlocks(2);
    const pushed = () => blocksOnly.texts().filter((m) => 'block' in m);
    await vi.waitFor(() => expect(pushed()).toHaveLength(2), WAIT);
    expect(pushed().map((m) => (m.block as { height: number }).height)).toEqual([tipHeight - 1, tipHeight]);
    expect(pushed()[1]).not.toHaveProperty('da');
    // Whoever wants nothing gets only prices (here possibly also when the mined blocks crossed an hour).
    server.pushConversions();
    await vi.waitFor(() => expect(silent.texts().length).toBeGreaterThanOrEqual(1), WAIT);
    expect(silent.texts().every((m) => Object.keys(m).join() === 'conversions')).toBe(true);
  });
});

describe('framing', () => {
  it('reassembles a fragmented message and answers a ping frame with a pong', async () => {
    const c = await rawClient();
    const text = JSON.stringify({ action: 'ping' });
    c.send(text.slice(0, 5), { fin: false });
    c.send(text.slice(5), { opcode: OPCODE.continuation });
    c.send('hello', { opcode: OPCODE.ping });
    await vi.waitFor(() => expect(c.frames.map((f) => f.opcode).sort()).toEqual([OPCODE.text, OPCODE.pong]), WAIT);
    expect(c.frames.find((f) => f.opcode === OPCODE.pong)!.payload.toString()).toBe('hello');
    expect(c.texts()).toEqual([{ pong: true }]);
    // A 70 000-byte message needs the 64-bit length form.
    c.send(JSON.stringify({ action: 'ping', pad: 'x'.repeat(70_000) }));
    await vi.waitFor(() => expect(c.texts()).toHaveLength(2), WAIT);
  });

  it('closes with 1002 on an unmasked client frame, and echoes a client close', async () => {
    const bad = await rawClient();
    bad.send('{}', { mask: null });
    await vi.waitFor(() => expect(bad.frames.some((f) => f.opcode === OPCODE.close)).toBe(true), WAIT);
    expect(bad.frames.find((f) => f.opcode === OPCODE.close)!.payload.readUInt16BE(0)).toBe(1002);

    const good = await rawClient();
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(1000);
    await vi.waitFor(() => expect(server.webSockets.length).toBeGreaterThan(0), WAIT);
    const before = server.webSockets.length;
    good.socket.write(encodeFrame(OPCODE.close, payload, { mask: MASK }));
    await vi.waitFor(() => expect(good.ended()).toBe(true), WAIT);
    expect(good.frames.at(-1)).toMatchObject({ opcode: OPCODE.close });
    expect(good.frames.at(-1)!.payload.readUInt16BE(0)).toBe(1000);
    await vi.waitFor(() => expect(server.webSockets.length).toBeLessThan(before), WAIT);
  });

  it('closes the connection on a message that is not JSON, as mempool does', async () => {
    const c = await rawClient();
    c.send('not json');
    await vi.waitFor(() => expect(c.frames.some((f) => f.opcode === OPCODE.close)).toBe(true), WAIT);
  });
});

describe('control', () => {
  it('POST /__control/ws-drop kills open websockets; /__control/state counts them', async () => {
    const c = await rawClient();
    await vi.waitFor(() => expect(server.webSockets).toHaveLength(1), WAIT);
    expect(((await (await fetch(`${server.url}/__control/state`)).json()) as { webSockets: number }).webSockets).toBe(
      1,
    );
    const res = await fetch(`${server.url}/__control/ws-drop`, { method: 'POST' });
    expect(await res.json()).toEqual({ ok: true, dropped: 1 });
    await vi.waitFor(() => expect(c.ended() || c.socket.destroyed).toBe(true), WAIT);
    expect(server.webSockets).toHaveLength(0);
  });

  it('close() also closes websockets', async () => {
    const own = await startReplayServer({ conversionsIntervalMs: 0 });
    const s = connect(own.port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => s.on('close', () => resolve()));
    s.on('error', () => undefined);
    s.resume(); // a paused socket would never see the end of the stream
    s.write(
      'GET /api/v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await vi.waitFor(() => expect(own.webSockets).toHaveLength(1), WAIT);
    await own.close();
    await closed;
    expect(own.webSockets).toHaveLength(0);
  });

  it('live mode pushes blocks as they are found', async () => {
    // 600 chain seconds per wall second: a block every second or so.
    const live = await startReplayServer({ live: true, liveSpeed: 600, conversionsIntervalMs: 0 });
    try {
      const s = connect(live.port, '127.0.0.1');
      s.on('error', () => undefined);
      const frames: Frame[] = [];
      const decoder = new FrameDecoder(false);
      let head: Buffer | null = Buffer.alloc(0);
      s.on('data', (chunk: Buffer) => {
        if (head === null) {
          frames.push(...decoder.push(chunk));
          return;
        }
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const rest = head.subarray(end + 4);
        head = null;
        frames.push(...decoder.push(rest));
      });
      s.write(
        'GET /api/v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      s.write(
        encodeFrame(OPCODE.text, Buffer.from(JSON.stringify({ action: 'want', data: ['blocks'] })), { mask: MASK }),
      );
      const start = live.chain.tipHeight;
      await vi.waitFor(() => expect(frames.some((f) => f.payload.toString().startsWith('{"block":'))).toBe(true), WAIT);
      expect(live.chain.tipHeight).toBeGreaterThan(start);
      s.destroy();
    } finally {
      await live.close();
    }
  });
});
