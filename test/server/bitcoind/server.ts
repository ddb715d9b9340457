// A JSON-RPC server shaped like Bitcoin Core's (httprpc.cpp, rpc/request.cpp, rpc/server.cpp, v27–v30) over
// the synthetic chain: POST / only, Basic auth with the cookie (`__cookie__:<64 hex>`, rewritten at every
// "restart") or user/password, 401 with `WWW-Authenticate: Basic realm="jsonrpc"` and an empty body, legacy
// (1.0) replies with both `result` and `error` and HTTP 500/404/400 for errors, JSON-RPC 2.0 from v28 (HTTP
// 200, only one of result/error, 204 for notifications), batches, 503 "Work queue depth exceeded".
// Test levers: warming up (−28), IBD with a progress fraction, pruning, 503 busy, missing methods (an older
// node), cookie rotation, a stale tip, time overrides. Every request is logged so tests wait on conditions.
// Another process (an e2e test) steers it through a control API on the same port (no auth, never logged):
//   POST /__control/mode {version?, warmingUp?, syncing?: {progress, blocks?}|null, staleTip?, pruned?, busy?,
//                         removeMethods?, restoreMethods?}
//   POST /__control/rotate-cookie   POST /__control/mine {n, intervalS?}   GET /__control/state

import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile, rename } from 'node:fs/promises';
import http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeError } from '../../../src/core/errors';
import { generateChain, type MineOptions, type SyntheticChain } from '../chain';
import { METHODS, PARAM_NAMES, type CoreVersion, type NodeContext } from './methods';
import { NodeChain } from './nodeChain';
import { RpcError } from './rpcError';

export interface BitcoindServerOptions {
  host?: string;
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default: a fork of the default synthetic chain (pass the replay server's chain to share it). */
  chain?: SyntheticChain;
  version?: CoreVersion;
  /** Write a cookie (default true, as Core does when rpcpassword is not set). */
  cookie?: boolean;
  /** Where `.cookie` goes (default: a new temporary directory, removed on close()). */
  dataDir?: string;
  /** rpcuser/rpcpassword or rpcauth users. */
  users?: readonly { user: string; password: string }[];
  /** Core waits 250 ms before answering a bad password (brute-force brake). */
  authFailureDelayMs?: number;
}

export interface BitcoindRequestLogEntry {
  seq: number;
  /** Methods of the request (several for a batch); [] when the body never got parsed. */
  methods: string[];
  status: number;
  /** The user name that authenticated, or null. */
  user: string | null;
  batch: boolean;
}

export interface BitcoindServer {
  readonly url: string;
  readonly port: number;
  readonly cookiePath: string | null;
  readonly node: NodeChain;
  readonly requests: readonly BitcoindRequestLogEntry[];
  /** Current cookie password (what the file says). */
  readonly cookiePassword: string | null;
  setVersion(version: CoreVersion): void;
  /** −28 with this message for every method (null = done warming up). */
  setWarmingUp(message: string | null): void;
  /** Initial block download: active tip at `blocks` (default: the same fraction of the chain), headers at the chain tip. */
  setSyncing(progress: number, blocks?: number): void;
  /** A synced node whose active tip is at `height` (no new blocks: peers lost). null = back to the chain tip. */
  setStaleTip(height: number | null): void;
  setSynced(): void;
  /** Block data below this height is pruned (null = not pruned). */
  setPruned(pruneHeight: number | null): void;
  /** The next `count` requests get 503 "Work queue depth exceeded" (Infinity until clearBusy). */
  setBusy(count?: number): void;
  clearBusy(): void;
  /** An older node that lacks these methods (−32601). */
  removeMethods(...methods: string[]): void;
  restoreMethods(): void;
  /** A node restart: a new cookie password written to the same file. Resolves with it. */
  rotateCookie(): Promise<string>;
  /**
   * Batches calling `method` wait, after the first `letThrough` of them (a slow node, for tests of what happens
   * while a long fill is under way): `step()` lets the waiting one (or the next) through, `release()` all.
   * close() releases them too.
   */
  holdBatches(method: string, letThrough?: number): BatchHold;
  mine(n: number, opts?: MineOptions): void;
  close(): Promise<void>;
}

export interface BatchHold {
  step(): void;
  release(): void;
}

const REALM_HEADER = 'Basic realm="jsonrpc"';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

interface Reply {
  /** Undefined: a notification, nothing to send. */
  body: Record<string, unknown> | undefined;
  /** HTTP status for this reply when it is not part of a batch. */
  status: number;
}

function legacyStatus(code: number): number {
  if (code === -32600) return 400;
  if (code === -32601) return 404;
  return 500;
}

export async function startBitcoindServer(options: BitcoindServerOptions = {}): Promise<BitcoindServer> {
  const chain = options.chain ?? generateChain().fork();
  const node = new NodeChain(chain);
  let version: CoreVersion = options.version ?? 30;
  let warmingUp: string | null = null;
  let syncProgress: number | null = null;
  let pruneHeight: number | null = null;
  let busyRemaining = 0;
  const missing = new Set<string>();
  const requests: BitcoindRequestLogEntry[] = [];
  const users = options.users ?? [];
  const authDelayMs = options.authFailureDelayMs ?? 250;
  const startedAtMs = Date.now();
  // Held batches wait in `waiting`; `pass` more may go through without waiting.
  let hold: { method: string; pass: number; waiting: (() => void)[] } | null = null;

  const ownDir =
    options.cookie !== false && options.dataDir === undefined
      ? await mkdtemp(path.join(tmpdir(), 'bitcoind-test-'))
      : null;
  const cookiePath = options.cookie === false ? null : path.join(options.dataDir ?? ownDir!, '.cookie');
  let cookiePassword: string | null = null;

  async function writeCookie(): Promise<string> {
    if (cookiePath === null) throw new Error('this node runs without a cookie');
    const password = randomBytes(32).toString('hex');
    await mkdir(path.dirname(cookiePath), { recursive: true });
    // Like Core: write .cookie.tmp, then rename, so a reader never sees half a cookie.
    await writeFile(`${cookiePath}.tmp`, `__cookie__:${password}`, { mode: 0o600 });
    await rename(`${cookiePath}.tmp`, cookiePath);
    cookiePassword = password;
    return password;
  }
  if (cookiePath !== null) await writeCookie();

  function authenticate(header: string | undefined): string | null {
    if (!header?.startsWith('Basic ')) return null;
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (cookiePassword !== null && user === '__cookie__' && password === cookiePassword) return user;
    return users.some((u) => u.user === user && u.password === password) ? user : null;
  }

  function context(): NodeContext {
    return { node, version, pruneHeight, syncProgress, startedAtMs, nowMs: Date.now() };
  }

  /** One request object → its reply (Core's JSONRPCExecOne plus the v28 version rules). */
  function execOne(request: unknown, methods: string[]): Reply {
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return {
        body: { result: null, error: { code: -32600, message: 'Invalid Request object' }, id: null },
        status: 400,
      };
    }
    const req = request as Record<string, unknown>;
    const hasId = 'id' in req;
    const id = hasId ? req.id : null;
    let v2 = false;
    const reply = (result: unknown, error: RpcError | null): Reply => {
      if (v2) {
        if (!hasId) return { body: undefined, status: 204 };
        const body: Record<string, unknown> = error
          ? { jsonrpc: '2.0', error: { code: error.code, message: error.message }, id }
          : { jsonrpc: '2.0', result, id };
        return { body, status: 200 };
      }
      const body: Record<string, unknown> = {
        result: error ? null : result,
        error: error ? { code: error.code, message: error.message } : null,
      };
      // v27 always echoes id (null if absent); v28+ only when the request carried one.
      if (hasId || version < 28) body.id = id;
      return { body, status: error ? legacyStatus(error.code) : 200 };
    };
    try {
      if (version >= 28 && 'jsonrpc' in req) {
        if (typeof req.jsonrpc !== 'string') throw new RpcError(-32600, 'jsonrpc field must be a string');
        if (req.jsonrpc === '2.0') v2 = true;
        else if (req.jsonrpc !== '1.0') throw new RpcError(-32600, 'JSON-RPC version not supported');
      }
      if (typeof req.method !== 'string') throw new RpcError(-32600, 'Method must be a string');
      methods.push(req.method);
      const params = positional(req.method, req.params);
      if (warmingUp !== null) throw new RpcError(-28, warmingUp);
      const handler = missing.has(req.method) ? undefined : METHODS[req.method];
      if (!handler) throw new RpcError(-32601, 'Method not found');
      return reply(handler(context(), params), null);
    } catch (e) {
      if (e instanceof RpcError) return reply(null, e);
      return reply(null, new RpcError(-32603, `Internal error: ${describeError(e)}`));
    }
  }

  function positional(method: string, params: unknown): unknown[] {
    if (params === undefined || params === null) return [];
    if (Array.isArray(params)) return params;
    if (typeof params === 'object') {
      const names = PARAM_NAMES[method] ?? [];
      const obj = params as Record<string, unknown>;
      for (const key of Object.keys(obj))
        if (!names.includes(key)) throw new RpcError(-8, `Unknown named parameter ${key}`);
      const out = names.map((n) => obj[n]);
      while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
      return out;
    }
    throw new RpcError(-32600, 'Params must be an array or object');
  }

  function send(
    res: http.ServerResponse,
    status: number,
    body: unknown,
    entry: Omit<BitcoindRequestLogEntry, 'seq' | 'status'>,
  ): void {
    requests.push({ ...entry, seq: requests.length, status });
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        send(res, 413, 'Request too large', { methods: [], user: null, batch: false });
        return;
      }
      chunks.push(chunk);
    }
    const url = req.url ?? '/';
    if (url.startsWith('/__control/'))
      return control(url, req.method ?? 'GET', Buffer.concat(chunks).toString('utf8'), res);
    if (url !== '/' && !url.startsWith('/wallet/'))
      return send(res, 404, undefined, { methods: [], user: null, batch: false });
    if (req.method !== 'POST')
      return send(res, 405, 'JSONRPC server handles only POST requests', { methods: [], user: null, batch: false });
    const user = authenticate(req.headers.authorization);
    if (user === null) {
      if (req.headers.authorization !== undefined && authDelayMs > 0)
        await new Promise((r) => setTimeout(r, authDelayMs));
      requests.push({ seq: requests.length, methods: [], status: 401, user: null, batch: false });
      res.writeHead(401, { 'www-authenticate': REALM_HEADER, 'content-length': 0 }).end();
      return;
    }
    // The work queue is full before the request is even parsed.
    if (busyRemaining > 0) {
      busyRemaining--;
      return send(res, 503, 'Work queue depth exceeded', { methods: [], user, batch: false });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(
        res,
        500,
        { result: null, error: { code: -32700, message: 'Parse error' }, id: null },
        { methods: [], user, batch: false },
      );
    }
    const methods: string[] = [];
    if (Array.isArray(parsed)) {
      const held = hold;
      if (held && parsed.some((r) => (r as { method?: unknown } | null)?.method === held.method)) {
        if (held.pass > 0) held.pass--;
        else await new Promise<void>((resolve) => held.waiting.push(resolve));
      }
      const replies = parsed.map((r) => execOne(r, methods).body).filter((b) => b !== undefined);
      if (parsed.length > 0 && replies.length === 0 && version >= 28)
        return send(res, 204, undefined, { methods, user, batch: true });
      return send(res, 200, replies, { methods, user, batch: true });
    }
    if (typeof parsed !== 'object' || parsed === null) {
      return send(
        res,
        500,
        { result: null, error: { code: -32700, message: 'Top-level object parse error' }, id: null },
        { methods, user, batch: false },
      );
    }
    const reply = execOne(parsed, methods);
    send(res, reply.status, reply.body, { methods, user, batch: false });
  }

  async function control(url: string, method: string, body: string, res: http.ServerResponse): Promise<void> {
    const reply = (status: number, value: unknown): void => {
      const text = JSON.stringify(value);
      res
        .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
        .end(text);
    };
    try {
      const args = (body.trim() === '' ? {} : JSON.parse(body)) as Record<string, any>;
      if (method === 'GET' && url === '/__control/state') {
        return reply(200, {
          tipHeight: node.tipHeight,
          headerHeight: node.headerHeight,
          version,
          warmingUp,
          syncProgress,
          pruneHeight,
          busyRemaining,
          missing: [...missing],
          requests: requests.length,
          cookiePath,
        });
      }
      if (method !== 'POST') return reply(405, { error: 'POST' });
      if (url === '/__control/mode') {
        if (args.version !== undefined) api.setVersion(args.version);
        if (args.warmingUp !== undefined) api.setWarmingUp(args.warmingUp);
        if (args.syncing === null) api.setSynced();
        else if (args.syncing !== undefined) api.setSyncing(args.syncing.progress, args.syncing.blocks);
        if (args.staleTip !== undefined) api.setStaleTip(args.staleTip);
        if (args.pruned !== undefined) api.setPruned(args.pruned);
        if (args.busy !== undefined) api.setBusy(args.busy === null ? 0 : args.busy);
        if (args.restoreMethods) api.restoreMethods();
        if (Array.isArray(args.removeMethods)) api.removeMethods(...args.removeMethods);
        return reply(200, { ok: true });
      }
      if (url === '/__control/rotate-cookie') {
        await api.rotateCookie();
        return reply(200, { cookiePath });
      }
      if (url === '/__control/mine') {
        api.mine(Number(args.n ?? 1), args.intervalS !== undefined ? { intervalS: Number(args.intervalS) } : {});
        return reply(200, { tipHeight: node.tipHeight });
      }
      return reply(404, { error: 'unknown control route' });
    } catch (e) {
      return reply(400, { error: describeError(e) });
    }
  }

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(describeError(e));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  const api: BitcoindServer = {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    cookiePath,
    node,
    requests,
    get cookiePassword() {
      return cookiePassword;
    },
    setVersion: (v) => void (version = v),
    setWarmingUp: (message) => void (warmingUp = message),
    setSyncing(progress, blocks) {
      if (!(progress >= 0 && progress < 1)) throw new RangeError('progress must be in [0, 1)');
      syncProgress = progress;
      node.setVisibleTip(blocks ?? Math.floor(chain.tipHeight * progress));
    },
    setStaleTip(height) {
      syncProgress = null;
      node.setVisibleTip(height);
    },
    setSynced() {
      syncProgress = null;
      node.setVisibleTip(null);
    },
    setPruned: (height) => void (pruneHeight = height),
    setBusy: (count = Infinity) => void (busyRemaining = count),
    clearBusy: () => void (busyRemaining = 0),
    removeMethods: (...names) => names.forEach((n) => missing.add(n)),
    restoreMethods: () => missing.clear(),
    rotateCookie: writeCookie,
    mine: (n, opts) => chain.mine(n, opts),
    holdBatches(method, letThrough = 0) {
      for (const go of hold?.waiting.splice(0) ?? []) go();
      const entry = { method, pass: letThrough, waiting: [] as (() => void)[] };
      hold = entry;
      return {
        step() {
          const go = entry.waiting.shift();
          if (go) go();
          else entry.pass++;
        },
        release() {
          if (hold === entry) hold = null;
          for (const go of entry.waiting.splice(0)) go();
        },
      };
    },
    async close() {
      for (const go of hold?.waiting.splice(0) ?? []) go();
      hold = null;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      // Core deletes its cookie on a clean shutdown.
      if (cookiePath !== null) await rm(cookiePath, { force: true });
      if (ownDir !== null) await rm(ownDir, { recursive: true, force: true });
    },
  };
  return api;
}
