// PushClient against hostile websocket servers on 127.0.0.1: an oversized message, an upgrade that is
// never answered, a server that ignores our close frame, a URL with credentials. Connections are counted
// on the server side: after stop() none may be left. Every wait is on a condition.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src/net/dispatcher';
import { PushClient, type PushClientOptions, type PushStatus } from '../../../src/net/pushClient';
import { acceptUpgrade } from '../../server/websocket';

const WAIT = { timeout: 20_000, interval: 20 };
const FAST = { initialDelayMs: 60_000, maxDelayMs: 60_000, unavailableAfterFailures: 3, stableAfterMs: 60_000 };
const NO_PROXY = { proxyUrl: '', strictSsl: true, noProxy: [] };
const clients: PushClient[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** An HTTP server whose upgrades are handled by `onUpgrade`, counting its open TCP connections. */
async function wsServer(
  onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
): Promise<{ url: string; open: () => number }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.end());
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // An upgraded socket is half-open capable: answer the client's FIN like any live server would, so the
    // count shows whether the client hung up.
    socket.on('end', () => socket.end());
  });
  server.on('upgrade', onUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, open: () => sockets.size };
}

function client(baseUrl: string, overrides: Partial<PushClientOptions> = {}) {
  const statuses: { status: PushStatus; detail: string }[] = [];
  const messages: unknown[] = [];
  const c = new PushClient({
    baseUrl,
    userAgent: 'mining-economics-test/1.0',
    policy: FAST,
    random: () => 0.5,
    onMessage: (m) => messages.push(m),
    onStatus: (status, detail) => statuses.push({ status, detail }),
    ...overrides,
  });
  clients.push(c);
  return { c, statuses, messages };
}

/** Accepts the upgrade and, on the client's first message, answers with `text` (a valid mempool message). */
function answerWith(text: string) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const ws = acceptUpgrade(req, socket, head);
    if (!ws) return;
    let sent = false;
    ws.onText = () => {
      if (sent) return;
      sent = true;
      ws.sendText(text);
    };
  };
}

/** 100 000 bytes of JSON that would otherwise be accepted (unknown keys are ignored). */
const BIG = JSON.stringify({ filler: 'x'.repeat(100_000 - 13) });

describe('PushClient message size cap', () => {
  it('ends the connection on a message above its own limit, with the sizes in the reason', async () => {
    expect(Buffer.byteLength(BIG)).toBe(100_000);
    const server = await wsServer(answerWith(BIG));
    // The dispatcher would take 1 MiB: the client's own check must catch the 64 KiB overrun.
    const dispatcher = createDispatcher({ proxy: NO_PROXY, maxWebSocketMessageBytes: 1024 * 1024 });
    const { c, statuses, messages } = client(server.url, { dispatcher, maxMessageBytes: 65_536 });
    c.start();
    await vi.waitFor(() => expect(statuses.some((s) => s.status === 'closed')).toBe(true), WAIT);
    expect(statuses.find((s) => s.status === 'closed')!.detail).toBe(
      'could not connect: a message of 100000 bytes exceeds the 65536-byte limit; retrying in 45 s',
    );
    expect(messages).toEqual([]);
    await vi.waitFor(() => expect(server.open()).toBe(0), WAIT);
  });

  it('has undici refuse an oversized message through its own dispatcher, before buffering it', async () => {
    const server = await wsServer(answerWith(BIG));
    const { c, statuses, messages } = client(server.url, { maxMessageBytes: 65_536 });
    c.start();
    await vi.waitFor(() => expect(statuses.some((s) => s.status === 'closed')).toBe(true), WAIT);
    expect(statuses.find((s) => s.status === 'closed')!.detail).toMatch(
      /^could not connect: closed \(code 10\d\d\); retrying in 45 s$/,
    );
    expect(messages).toEqual([]);
    await vi.waitFor(() => expect(server.open()).toBe(0), WAIT);
  });
});

describe('PushClient leaves no connection behind', () => {
  it('destroys the dispatcher it was handed when it stops, after the closing handshake had its moment', async () => {
    const server = await wsServer(answerWith(JSON.stringify({ pong: true })));
    const dispatcher = createDispatcher({ proxy: NO_PROXY });
    const { c } = client(server.url, { dispatcher, closeGraceMs: 50 });
    c.start();
    await vi.waitFor(() => expect(server.open()).toBe(1), WAIT);
    c.stop();
    await vi.waitFor(() => expect((dispatcher as unknown as { destroyed: boolean }).destroyed).toBe(true), WAIT);
    await vi.waitFor(() => expect(server.open()).toBe(0), WAIT);
  });

  it('closes the kept-alive connection of a refused upgrade on stop, instead of leaving it to idle out', async () => {
    let refused = 0;
    const server = await wsServer((_req, socket) => {
      refused++;
      // A plain answer that keeps the connection open: undici parks it in the dispatcher's pool.
      socket.write(
        'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nKeep-Alive: timeout=600\r\n\r\nbusy',
      );
    });
    const { c, statuses } = client(server.url);
    c.start();
    await vi.waitFor(() => expect(statuses.some((s) => s.status === 'closed')).toBe(true), WAIT);
    expect(refused).toBe(1);
    // Whether undici parks the refused connection or closes it at once varies from run to run: what must hold is
    // that none is left once the client stops.
    c.stop();
    await vi.waitFor(() => expect(server.open()).toBe(0), WAIT);
  });

  for (const [name, dispatcher] of [
    ['its own dispatcher', false],
    ['a dispatcher handed in', true],
  ] as const) {
    it(`closes an upgrade the server never answers, on stop (${name})`, async () => {
      const server = await wsServer(() => undefined);
      const { c } = client(server.url, dispatcher ? { dispatcher: createDispatcher({ proxy: NO_PROXY }) } : {});
      c.start();
      await vi.waitFor(() => expect(server.open()).toBe(1), WAIT);
      c.stop();
      await vi.waitFor(() => expect(server.open()).toBe(0), WAIT);
    });

    it(`closes a connection whose server ignores our close frame, on stop (${name})`, async () => {
      let upgraded = false;
      const server = await wsServer((req, socket, head) => {
        if (!acceptUpgrade(req, socket, head)) return;
        upgraded = true;
        socket.removeAllListeners('data'); // deaf from now on: never answers a close frame
        socket.on('data', () => undefined);
      });
      const { c } = client(server.url, {
        closeGraceMs: 50,
        ...(dispatcher ? { dispatcher: createDispatcher({ proxy: NO_PROXY }) } : {}),
      });
      c.start();
      await vi.waitFor(() => expect(upgraded).toBe(true), WAIT);
      c.stop();
      await vi.waitFor(() => expect(server.open()).toBe(0), WAIT);
    });
  }
});

describe('PushClient messages', () => {
  it('never echoes credentials of an unusable URL', () => {
    const { c, statuses } = client('ftp://alice:s3cret@example.org/mempool');
    c.start();
    expect(statuses).toEqual([
      { status: 'unavailable', detail: 'websocket URL: not an http(s) URL: ftp://***@example.org/mempool' },
    ]);
  });

  it('shows a server close reason on one line', async () => {
    const server = await wsServer((req, socket, head) => {
      const ws = acceptUpgrade(req, socket, head);
      if (ws) ws.onText = () => ws.close(4001, 'go away\r\nInjected: line');
    });
    const { c, statuses } = client(server.url);
    c.start();
    await vi.waitFor(() => expect(statuses.some((s) => s.status === 'closed')).toBe(true), WAIT);
    expect(statuses.find((s) => s.status === 'closed')!.detail).toBe(
      'could not connect: closed (code 4001: go away Injected: line); retrying in 45 s',
    );
  });
});
