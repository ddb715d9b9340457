// The HTTP client against hostile servers on 127.0.0.1: a Retry-After meant to silence us for a month (or
// to overflow a timer), a server trickling a byte at a time, a year-long max-age. Every wait is on a
// condition; the only real timer is the client's own deadline, set short here.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RefreshScheduler } from '../../../src/core/scheduler';
import { MAX_RETRY_AFTER_MS, TransportError, describeFailure, redactUrlCredentials } from '../../../src/core/transport';
import {
  HttpClient,
  MAX_FRESH_MS,
  freshnessMs,
  parseRetryAfterMs,
  type HttpClientOptions,
} from '../../../src/net/httpClient';
import { startReplayServer, type ReplayServer } from '../../server/replayServer';
import { FakeClock } from '../helpers/fakeClock';

const NO_PROXY = { proxyUrl: '', strictSsl: true, noProxy: [] };
const WAIT = { timeout: 20_000, interval: 20 };
let replay: ReplayServer;
const clients: HttpClient[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(async () => {
  await replay.close();
});
afterEach(async () => {
  replay.clearFault();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

function client(overrides: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const c = new HttpClient({
    baseUrl: replay.url,
    userAgent: 'mining-economics-test/1.0',
    proxy: NO_PROXY,
    random: () => 1,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  clients.push(c);
  return { c, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError);
    return error as TransportError;
  }
  throw new Error('expected a failure');
}

/** A TCP server that tracks its open connections, so tests can check that nothing is left behind. */
async function listenTcp(onSocket: (socket: Socket) => void): Promise<{ url: string; open: () => number }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, open: () => sockets.size };
}

async function listenHttp(handler: Parameters<typeof createHttpServer>[1]): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server: HttpServer = createHttpServer((req, res) => {
    paths.push(req.url ?? '');
    handler!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

/** Answers every request, then sends one byte every 20 ms forever: never idle long enough for undici's gaps. */
function trickle(socket: Socket, stage: 'headers' | 'body'): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  socket.once('data', () => {
    socket.write(
      stage === 'body'
        ? 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n['
        : 'HTTP/1.1 200 OK\r\n',
    );
    timer = setInterval(() => socket.write(stage === 'body' ? '1' : 'X-Slow: 1\r\n'), 20);
  });
  socket.on('close', () => clearInterval(timer));
}

describe('Retry-After from a hostile server', () => {
  it('caps delta-seconds and far-future dates at one hour', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(3_600_000);
    expect(parseRetryAfterMs('3000000', 0)).toBe(3_600_000);
    expect(parseRetryAfterMs('3600', 0)).toBe(3_600_000);
    expect(parseRetryAfterMs('3599', 0)).toBe(3_599_000);
    expect(parseRetryAfterMs('9'.repeat(400), 0)).toBe(3_600_000); // Number() gives Infinity
    expect(parseRetryAfterMs('Fri, 31 Dec 9999 23:59:59 GMT', Date.parse('2026-11-25T10:00:00Z'))).toBe(3_600_000);
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 09:00:00 GMT', Date.parse('2026-11-25T10:00:00Z'))).toBe(0);
  });

  it('reports a 429 with Retry-After: 3000000 as a one-hour wait, without waiting inline', async () => {
    replay.setFault('http429', { retryAfterS: 3_000_000, paths: '/api/v1/prices' });
    const { c, sleeps } = client();
    const e = await failure(c.getText('/api/v1/prices'));
    expect(e.kind).toBe('rateLimited');
    expect(e.details.retryAfterMs).toBe(3_600_000);
    expect(e.message).toBe('/api/v1/prices: HTTP 429, the server asks to retry in 3600 s');
    expect(sleeps).toEqual([]);
    expect(replay.requests.filter((r) => r.path === '/api/v1/prices')).toHaveLength(1);
  });

  it('reports a far-future HTTP date the same way', async () => {
    const probe = await listenHttp((_req, res) => {
      res.writeHead(429, { 'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT', 'Content-Type': 'text/plain' });
      res.end('slow down');
    });
    const { c, sleeps } = client({ baseUrl: probe.url });
    const e = await failure(c.getText('/api/v1/prices'));
    expect(e.details.retryAfterMs).toBe(3_600_000);
    expect(sleeps).toEqual([]);
    expect(probe.paths).toEqual(['/api/v1/prices']);
  });
});

describe('overall request deadline', () => {
  for (const stage of ['body', 'headers'] as const) {
    it(`fails a server trickling its ${stage} a byte at a time, and leaves no connection open`, async () => {
      const tcp = await listenTcp((socket) => trickle(socket, stage));
      const exchanges: (string | undefined)[] = [];
      const sleeps: number[] = [];
      const { c } = client({
        baseUrl: tcp.url,
        requestDeadlineMs: 1_000,
        maxAttempts: 2,
        onExchange: (x) => exchanges.push(x.error),
        // Recorded, not waited; but a turn of the event loop, as a real backoff always is, lets undici
        // finish tearing down the aborted socket before the retry is dispatched.
        sleep: (ms) => {
          sleeps.push(ms);
          return new Promise((resolve) => setImmediate(resolve));
        },
      });
      const e = await failure(c.getText('/api/v1/prices'));
      expect(e.kind).toBe('timeout');
      expect(e.message).toBe('/api/v1/prices: no complete response within 1 s');
      // A timeout is transient: one retry (after backoff), which trickles and fails the same way.
      expect(sleeps).toEqual([1_000]);
      expect(exchanges).toEqual([e.message, e.message]);
      await vi.waitFor(() => expect(tcp.open()).toBe(0), WAIT);
    });
  }
});

describe('the replay server trickle fault', () => {
  it('holds no request past its deadline, and the next request is served normally', async () => {
    replay.setFault('trickle', { trickleMs: 20, paths: '/api/v1/prices', count: 1 });
    const { c } = client({ requestDeadlineMs: 1_000, maxAttempts: 1 });
    const e = await failure(c.getText('/api/v1/prices'));
    expect(e.message).toBe('/api/v1/prices: no complete response within 1 s');
    await expect(c.getText('/api/v1/prices')).resolves.toContain('"USD"');
  });
});

describe('max-age from a hostile server', () => {
  it('caps freshness at 10 minutes, whatever Cache-Control or Expires claim', () => {
    expect(MAX_FRESH_MS).toBe(600_000);
    expect(freshnessMs({ 'cache-control': 'public, max-age=31536000' }, 0)).toBe(600_000);
    expect(freshnessMs({ 'cache-control': `max-age=${'9'.repeat(400)}` }, 0)).toBe(600_000);
    expect(freshnessMs({ expires: 'Fri, 31 Dec 9999 23:59:59 GMT', date: 'Wed, 25 Nov 2026 10:00:00 GMT' }, 0)).toBe(
      600_000,
    );
    expect(freshnessMs({ 'cache-control': 'max-age=300' }, 0, 60_000)).toBe(60_000);
    expect(freshnessMs({ 'cache-control': 'max-age=300' }, 0)).toBe(300_000);
  });

  it('asks the server again after 10 minutes although it promised a year', async () => {
    let price = 100_000;
    const probe = await listenHttp((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=31536000' });
      res.end(JSON.stringify({ USD: price }));
    });
    let nowMs = 1_000_000;
    const { c } = client({ baseUrl: probe.url, now: () => nowMs });
    await expect(c.getText('/api/v1/prices')).resolves.toBe('{"USD":100000}');
    price = 90_000;
    nowMs += 600_000 - 1;
    await expect(c.getText('/api/v1/prices')).resolves.toBe('{"USD":100000}');
    expect(probe.paths).toHaveLength(1);
    nowMs += 1;
    await expect(c.getText('/api/v1/prices')).resolves.toBe('{"USD":90000}');
    expect(probe.paths).toHaveLength(2);
  });
});

describe('server text and URLs in messages', () => {
  it('redacts credentials from every URL in a text', () => {
    expect(redactUrlCredentials('GET https://alice:s3cret@example.org/api failed')).toBe(
      'GET https://***@example.org/api failed',
    );
    expect(redactUrlCredentials('ws://token@h:1/x and http://u:p@[::1]:8/y')).toBe(
      'ws://***@h:1/x and http://***@[::1]:8/y',
    );
    expect(redactUrlCredentials('https://example.org/a@b')).toBe('https://example.org/a@b');
    expect(redactUrlCredentials('mail me: bob@example.org')).toBe('mail me: bob@example.org');
  });

  it('describeFailure bounds a long message and hides credentials', () => {
    const text = describeFailure(new TransportError('network', `http://alice:s3cret@example.org ${'x'.repeat(5_000)}`));
    expect(text.startsWith('http://***@example.org x')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(describeFailure(new TypeError('Invalid URL: https://bob:pw@host/'))).toBe(
      'TypeError: Invalid URL: https://***@host/',
    );
  });
});

describe('a manual refresh under a hostile Retry-After', () => {
  it('is deferred for the capped hour — not a month, not at once — and then runs', async () => {
    replay.setFault('http429', { retryAfterS: 3_000_000, paths: '/api/blocks/tip/height', count: 1 });
    const { c } = client();
    const clock = new FakeClock();
    const paths = () => replay.requests.filter((r) => r.path === '/api/blocks/tip/height').length;
    const scheduler = new RefreshScheduler({
      clock,
      intervalMs: 10 * 60_000,
      random: () => 1,
      focused: false, // no automatic refresh: only the manual ones below
      run: async () => {
        try {
          await c.getText('/api/blocks/tip/height');
          return { ok: true };
        } catch (error) {
          const retryAfterMs = (error as TransportError).details.retryAfterMs;
          return retryAfterMs === undefined ? { ok: false } : { ok: false, retryAfterMs };
        }
      },
    });
    const first = await scheduler.refreshNow();
    expect(first).toEqual({ kind: 'ran', outcome: { ok: false, retryAfterMs: 3_600_000 } });
    const startMs = clock.now();
    await clock.advance(60 * 60_000 - 1);
    await expect(scheduler.refreshNow()).resolves.toEqual({ kind: 'deferred', untilMs: startMs + 3_600_000 });
    expect(paths()).toBe(1);
    await clock.advance(1);
    await expect(scheduler.refreshNow()).resolves.toEqual({ kind: 'ran', outcome: { ok: true } });
    expect(paths()).toBe(2);
    scheduler.dispose();
  });
});
