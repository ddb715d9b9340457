// The RPC client against the Core-shaped test node (and a few raw servers for what Core never does): every
// error state becomes a typed, user-facing BitcoindError; cookie rotation; batches; 1.0 and 2.0 replies; and
// no credential ever appears in an error text or a log line.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BitcoindError, isBitcoindError } from '../../../src/core/sources/bitcoind/errors';
import { nodeFeeMean, feeWindowHeights } from '../../../src/core/sources/bitcoind/fees';
import { rpc } from '../../../src/core/sources/bitcoind/calls';
import {
  JsonRpcClient,
  type BitcoindAuth,
  type JsonRpcClientOptions,
  type RpcExchangeInfo,
} from '../../../src/net/jsonRpc';
import { subsidySats } from '../../server/chain';
import { startBitcoindServer, type BitcoindServer } from '../../server/bitcoind/server';

const PASSWORD = 'wonderland-42-secret';
let server: BitcoindServer;
const clients: JsonRpcClient[] = [];
/** Every error text and log line any client produced: checked for secrets at the end. */
const texts: string[] = [];
const secrets = new Set<string>([PASSWORD, Buffer.from(`alice:${PASSWORD}`).toString('base64')]);

function rememberCookieSecret(): void {
  const password = server.cookiePassword!;
  secrets.add(password);
  secrets.add(Buffer.from(`__cookie__:${password}`).toString('base64'));
}

interface Harness {
  client: JsonRpcClient;
  reads: string[];
  log: RpcExchangeInfo[];
}

function makeClient(opts: Partial<JsonRpcClientOptions> & { auth?: BitcoindAuth; url?: string } = {}): Harness {
  const reads: string[] = [];
  const log: RpcExchangeInfo[] = [];
  const client = new JsonRpcClient({
    url: opts.url ?? server.url,
    auth: opts.auth ?? { kind: 'cookie', cookiePath: server.cookiePath! },
    readFile:
      opts.readFile ??
      (async (p) => {
        reads.push(p);
        return readFile(p, 'utf8');
      }),
    callTimeoutMs: opts.callTimeoutMs ?? 10_000,
    maxResponseBytes: opts.maxResponseBytes,
    onExchange: (info) => {
      log.push(info);
      texts.push(JSON.stringify(info));
    },
  });
  clients.push(client);
  return { client, reads, log };
}

async function failure(promise: Promise<unknown>): Promise<BitcoindError> {
  try {
    await promise;
  } catch (e) {
    expect(isBitcoindError(e)).toBe(true);
    texts.push((e as Error).message);
    return e as BitcoindError;
  }
  throw new Error('expected a failure');
}

/** A raw HTTP server for replies Core would never send. */
async function rawServer(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))),
  };
}

beforeAll(async () => {
  server = await startBitcoindServer({ authFailureDelayMs: 0, users: [{ user: 'alice', password: PASSWORD }] });
  rememberCookieSecret();
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await server.close();
  // Every text any test produced: no password, cookie or Authorization value in any of them.
  expect(texts.length).toBeGreaterThan(20);
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
});
beforeEach(() => {
  server.setVersion(30);
  server.setWarmingUp(null);
  server.setSynced();
  server.setPruned(null);
  server.clearBusy();
  server.restoreMethods();
});

describe('calls', () => {
  it('reads the cookie once, then reuses it; parses typed results', async () => {
    const { client, reads } = makeClient();
    const info = await client.call(rpc.getBlockchainInfo());
    expect(info.blocks).toBe(server.node.tipHeight);
    expect(await client.call(rpc.getNetworkHashPs(1008, 900_000))).toBe(server.node.networkHashPs(1008, 900_000));
    expect(await client.call(rpc.getBestBlockHash())).toBe(info.bestBlockHash);
    expect(reads).toEqual([server.cookiePath]);
  });

  it('user and password', async () => {
    const { client, reads } = makeClient({ auth: { kind: 'password', user: 'alice', password: PASSWORD } });
    expect(await client.call(rpc.uptime())).toBeGreaterThanOrEqual(0);
    expect(reads).toEqual([]);
    expect(server.requests.at(-1)!.user).toBe('alice');
  });

  it('works with a v27 node (legacy only) and with 2.0-shaped replies', async () => {
    server.setVersion(27);
    const { client } = makeClient();
    expect((await client.call(rpc.getMiningInfo())).warnings).toEqual([]);
    const err = await failure(client.call(rpc.getBlockHash(-3)));
    expect(err.kind).toBe('invalidParameter');
    const raw = await rawServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { id } = JSON.parse(body);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(
            JSON.stringify(
              id % 2
                ? { jsonrpc: '2.0', result: 123, id }
                : { jsonrpc: '2.0', error: { code: -28, message: 'Verifying blocks…' }, id },
            ),
          );
      });
    });
    try {
      const v2 = makeClient({ url: raw.url, auth: { kind: 'password', user: 'alice', password: PASSWORD } }).client;
      expect(await v2.call(rpc.uptime())).toBe(123);
      expect((await failure(v2.call(rpc.uptime()))).kind).toBe('warmingUp');
    } finally {
      await raw.close();
    }
  });
});

describe('cookie', () => {
  it('rotation: 401 → re-read the file → success, one call for the caller', async () => {
    const { client, reads } = makeClient();
    await client.call(rpc.uptime());
    await server.rotateCookie();
    rememberCookieSecret();
    const before = server.requests.length;
    expect(await client.call(rpc.uptime())).toBeGreaterThanOrEqual(0);
    expect(server.requests.slice(before).map((r) => r.status)).toEqual([401, 200]);
    expect(reads).toHaveLength(2);
  });

  it('missing file: says where it looked and why a cookie may be absent', async () => {
    const err = await failure(
      makeClient({ auth: { kind: 'cookie', cookiePath: '/nonexistent/regtest/.cookie' } }).client.call(rpc.uptime()),
    );
    expect(err.kind).toBe('cookieUnreadable');
    expect(err.message).toContain('/nonexistent/regtest/.cookie');
    expect(err.message).toMatch(/does not exist/);
  });

  it('unreadable (permission denied) and malformed files', async () => {
    const denied = makeClient({
      readFile: () => Promise.reject(Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' })),
    });
    expect(await failure(denied.client.call(rpc.uptime()))).toMatchObject({
      kind: 'cookieUnreadable',
      message: expect.stringContaining('permission denied'),
    });
    const malformed = makeClient({ readFile: async () => 'not a cookie' });
    expect((await failure(malformed.client.call(rpc.uptime()))).message).toMatch(/not a Bitcoin Core cookie/);
  });

  it('a cookie the node keeps refusing: unauthorized, naming the file (one retry only if the file changed)', async () => {
    const stale = `__cookie__:${'ab'.repeat(32)}`;
    secrets.add('ab'.repeat(32));
    let reads = 0;
    const { client } = makeClient({ readFile: async () => (reads++, stale) });
    const before = server.requests.length;
    const err = await failure(client.call(rpc.uptime()));
    expect(err).toMatchObject({ kind: 'unauthorized', details: { httpStatus: 401 } });
    expect(err.message).toContain(server.cookiePath);
    expect(reads).toBe(2); // read again after the 401, found unchanged: no second request
    expect(server.requests.length - before).toBe(1);
  });
});

describe('error states', () => {
  it('wrong password: 401 names the user, never the password', async () => {
    const err = await failure(
      makeClient({ auth: { kind: 'password', user: 'alice', password: `${PASSWORD}-wrong` } }).client.call(
        rpc.uptime(),
      ),
    );
    secrets.add(`${PASSWORD}-wrong`);
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toContain('"alice"');
  });

  it('not reachable: asks whether bitcoind runs with server=1 and the URL is right', async () => {
    const raw = await rawServer(() => undefined);
    const url = raw.url;
    await raw.close();
    const err = await failure(makeClient({ url }).client.call(rpc.uptime()));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain(url);
    expect(err.message).toMatch(/server=1/);
  });

  it('warming up (−28) with Core’s message', async () => {
    server.setWarmingUp('Loading block index…');
    const err = await failure(makeClient().client.call(rpc.getBlockchainInfo()));
    expect(err).toMatchObject({ kind: 'warmingUp', details: { rpcCode: -28, method: 'getblockchaininfo' } });
    expect(err.message).toContain('Loading block index…');
  });

  it('503 work queue exceeded', async () => {
    server.setBusy(1);
    expect(await failure(makeClient().client.call(rpc.uptime()))).toMatchObject({
      kind: 'busy',
      details: { httpStatus: 503 },
    });
  });

  it('method missing on an older node', async () => {
    server.removeMethods('getblockstats');
    const err = await failure(makeClient().client.call(rpc.getBlockStats(900_000)));
    expect(err).toMatchObject({ kind: 'methodNotFound', details: { rpcCode: -32601 } });
    expect(err.message).toMatch(/getblockstats/);
  });

  it('pruned block', async () => {
    server.setPruned(970_000);
    expect(await failure(makeClient().client.call(rpc.getBlockStats(900_000)))).toMatchObject({
      kind: 'pruned',
      details: { rpcCode: -1 },
    });
  });

  it('deadline per call, size cap, wrong shapes, non-JSON bodies', async () => {
    const hang = await rawServer(() => undefined);
    const big = await rawServer((_req, res) =>
      res.writeHead(200).end(JSON.stringify({ result: 'x'.repeat(200_000), error: null, id: 1 })),
    );
    const wrong = await rawServer((_req, res) =>
      res.writeHead(200).end(JSON.stringify({ result: { blocks: 'many' }, error: null, id: 1 })),
    );
    const html = await rawServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>'),
    );
    const auth = { kind: 'password', user: 'alice', password: PASSWORD } as const;
    try {
      expect(
        await failure(makeClient({ url: hang.url, auth, callTimeoutMs: 300 }).client.call(rpc.uptime())),
      ).toMatchObject({ kind: 'timeout' });
      expect(
        await failure(makeClient({ url: big.url, auth, maxResponseBytes: 100_000 }).client.call(rpc.uptime())),
      ).toMatchObject({ kind: 'tooLarge' });
      const shape = await failure(makeClient({ url: wrong.url, auth }).client.call(rpc.getBlockchainInfo()));
      expect(shape.kind).toBe('invalid');
      expect(shape.message).toContain('blocks should be a finite number');
      expect(await failure(makeClient({ url: html.url, auth }).client.call(rpc.uptime()))).toMatchObject({
        kind: 'http',
        details: { httpStatus: 404 },
      });
    } finally {
      await Promise.all([hang.close(), big.close(), wrong.close(), html.close()]);
    }
  });

  it('a server echoing the password gets it scrubbed; credentials in the URL are refused', async () => {
    const echo = await rawServer((req, res) => {
      const decoded = Buffer.from(String(req.headers.authorization).slice(6), 'base64').toString();
      const pad = 'x'.repeat(Number(/^\/pad\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0));
      res.writeHead(500, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          result: null,
          error: { code: -1, message: `bad auth ${pad}${decoded} ${req.headers.authorization}` },
          id: 1,
        }),
      );
    });
    try {
      const err = await failure(
        makeClient({ url: echo.url, auth: { kind: 'password', user: 'alice', password: PASSWORD } }).client.call(
          rpc.uptime(),
        ),
      );
      expect(err.message).toContain('***');
      // The secret straddling the point where long server text is cut: not even its first letters leak.
      for (const pad of [136, 140, 150]) {
        const padded = await failure(
          makeClient({
            url: `${echo.url}/pad/${pad}`,
            auth: { kind: 'password', user: 'alice', password: PASSWORD },
          }).client.call(rpc.uptime()),
        );
        expect(padded.message).not.toContain('wonder');
      }
    } finally {
      await echo.close();
    }
    expect(() => makeClient({ url: `http://alice:${PASSWORD}@127.0.0.1:8332` })).toThrow(/not in the URL/);
    try {
      makeClient({ url: `http://alice:${PASSWORD}@127.0.0.1:8332` });
    } catch (e) {
      texts.push((e as Error).message);
    }
  });
});

describe('batches', () => {
  it('144 getblockstats in one request → the node fee mean; pruned elements fail alone', async () => {
    const tip = server.node.tipHeight;
    server.setPruned(tip - 99); // the oldest 44 of the 144 are pruned
    const { client } = makeClient();
    const heights = feeWindowHeights(tip);
    const before = server.requests.length;
    const outcomes = await client.batch(heights.map((h) => rpc.getBlockStats(h)));
    expect(server.requests.length - before).toBe(1);
    expect(server.requests.at(-1)!.batch).toBe(true);
    expect(outcomes.filter((o) => !o.ok)).toHaveLength(44);
    for (const o of outcomes) if (!o.ok) expect(o.error.kind).toBe('pruned');
    const stats = outcomes.flatMap((o) => (o.ok ? [o.value] : []));
    const mean = nodeFeeMean(stats)!;
    let sum = 0;
    for (let h = tip - 99; h <= tip; h++) sum += server.node.chain.feesAt(h);
    expect(mean).toMatchObject({
      blocksUsed: 100,
      missingBlocks: 44,
      fromHeight: tip - 143,
      toHeight: tip,
      nextSubsidySats: subsidySats(tip + 1),
    });
    expect(mean.meanFeesSats).toBeCloseTo(sum / 100, 9);
  });

  it('mixed types in one batch; a transport failure rejects the whole batch', async () => {
    const { client } = makeClient();
    const [info, hash, missing] = await client.batch([
      rpc.getBlockchainInfo(),
      rpc.getBlockHash(0),
      rpc.getBlockHash(-1),
    ] as const);
    expect(info.ok && info.value.blocks).toBe(server.node.tipHeight);
    expect(hash.ok && hash.value).toBe(server.node.blockHash(0));
    expect(!missing.ok && missing.error.kind).toBe('invalidParameter');
    server.setBusy(1);
    expect(await failure(client.batch([rpc.uptime(), rpc.uptime()]))).toMatchObject({ kind: 'busy' });
  });
});
