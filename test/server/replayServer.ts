// mempool-shaped replay server (node:http only): serves responses.ts over a SyntheticChain, injects
// faults, mines blocks on demand (or over time with `live`), and logs every request so tests can wait on
// conditions instead of sleeping. A control API on the same port lets another process (an e2e test
// driving a real VS Code) steer it:
//   POST /__control/fault  {fault, paths?, pathsRegex?, retryAfterS?, trickleMs?, count?, add?}
//   POST /__control/clear
//   POST /__control/mine   {n, intervalS?}
//   GET  /__control/requests[?since=N]
//   GET  /__control/state
//   POST /__control/ws-drop  (kills every open websocket)
// Control routes are never faulted and never logged. The websocket `/api/v1/ws` (websocket.ts) shares the
// port: its upgrade requests are logged and faulted like API requests (http500/503/429 refuse it, timeout
// never answers, reset hangs up, malformed sends non-JSON after the handshake).

import http from 'node:http';
import type { Socket } from 'node:net';
import { Rng, generateChain, hash32, type MineOptions, type SyntheticChain } from './chain';
import { respond, type RouteName } from './responses';
import { MempoolWebSocketHub, WS_PATH, refuseUpgrade, type WebSocketClientInfo } from './websocket';

export const FAULTS = [
  'http500',
  'http404',
  'http503',
  'http429',
  'timeout',
  'slowBody',
  'reset',
  'truncated',
  'malformed',
  'absurd',
  'empty',
  'trickle',
] as const;
/**
 * - http500: 500 text body
 * - http404: 404 text body, as mempool answers a route it does not serve (mining indexing off)
 * - http503 / http429: with `Retry-After: retryAfterS` (default 5)
 * - timeout: accept the request, never send headers (until close())
 * - slowBody: 200 headers with the full Content-Length, half the body, then stall (until close())
 * - reset: destroy the socket (TCP RST where supported) without a response
 * - truncated: 200 with the full Content-Length, half the body, then end the connection
 * - malformed: 200 application/json with a non-JSON (HTML error page) body
 * - absurd: 200 with shape-correct JSON full of absurd values (see responses.ts)
 * - empty: 200 with an empty body
 * - trickle: 200 headers with the full Content-Length, then one body byte every trickleMs (default 2000)
 *   — never idle long enough for a gap timeout, never done (until close())
 */
export type Fault = (typeof FAULTS)[number];

export interface FaultOptions {
  /** Which requests: a RegExp tested on the path+query, or a substring of it. Default: every API request. */
  paths?: RegExp | string;
  /** Retry-After seconds for http429 / http503 (default 5). */
  retryAfterS?: number;
  /** trickle: milliseconds between body bytes (default 2000). */
  trickleMs?: number;
  /** Only the next N matching requests, then the fault clears itself. Default: until cleared. */
  count?: number;
}

export interface ActiveFault {
  fault: Fault;
  paths: RegExp | string | undefined;
  retryAfterS: number;
  trickleMs?: number;
  /** Remaining matching requests (Infinity = until cleared). */
  remaining: number;
}

export interface RequestLogEntry {
  /** 0-based position in `requests`. */
  seq: number;
  method: string;
  /** Path with query string, as requested. */
  path: string;
  /** Status sent (0: no response at all — timeout / reset). */
  status: number;
  /** Wall clock (ms) when the request arrived. */
  timeMs: number;
  fault: Fault | null;
  route: RouteName | null;
}

export interface ReplayServerOptions {
  host?: string;
  /** 0 (default) = a random free port. */
  port?: number;
  /** Chain to serve; forked (never mutated). Default: generateChain({ seed, endTimeS }). */
  chain?: SyntheticChain;
  seed?: number;
  endTimeS?: number;
  /** New blocks appear over time (exponential arrivals at the model hash rate) and "now" runs on. */
  live?: boolean;
  /** Live mode: chain seconds per wall second (default 1). */
  liveSpeed?: number;
  /** Override the server's notion of now (Unix s; never goes backwards). Default: frozen at the chain's
   *  now (moved by mineBlocks), or running from it in real time when live. With `live`, blocks due by
   *  this clock are mined on each request and once a second. */
  clock?: () => number;
  /** Websocket: re-send prices this often (default 60 000; 0 = only when the hourly price changes). */
  conversionsIntervalMs?: number;
}

export interface ReplayServer {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** The server's own (forked, mutable) chain. */
  readonly chain: SyntheticChain;
  /** The server's now (Unix s) used for every response. */
  nowS(): number;
  /** Replace the active faults with this one. */
  setFault(fault: Fault, opts?: FaultOptions): void;
  /** Add a fault rule; the newest matching rule wins. */
  addFault(fault: Fault, opts?: FaultOptions): void;
  clearFault(): void;
  readonly faults: readonly ActiveFault[];
  /** Mine n blocks (default 600 s apart after the tip); retargets when crossing a 2016 boundary. */
  mineBlocks(n: number, opts?: MineOptions): { tipHeight: number; tipTimeS: number };
  /** Every API request so far, in arrival order (logged on arrival with the status it gets). */
  readonly requests: readonly RequestLogEntry[];
  /** Resolves with the first logged request (from index `since`, default 0) matching pred. */
  waitForRequest(
    pred: (r: RequestLogEntry) => boolean,
    timeoutMs?: number,
    opts?: { since?: number },
  ): Promise<RequestLogEntry>;
  /** Open websockets on /api/v1/ws, oldest first. */
  readonly webSockets: readonly WebSocketClientInfo[];
  /** Bytes sent over websockets so far. */
  readonly webSocketBytes: number;
  /** Kills every open websocket without a closing handshake (a network drop); returns how many. */
  dropWebSockets(): number;
  /** Pushes {"conversions"} to every open websocket now. */
  pushConversions(): void;
  /** Stops listening and destroys every connection, including hung 'timeout'/'slowBody' ones and websockets. */
  close(): Promise<void>;
}

const MALFORMED_BODY =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

function matches(rule: ActiveFault, path: string): boolean {
  if (rule.paths === undefined) return true;
  if (typeof rule.paths === 'string') return path.includes(rule.paths);
  rule.paths.lastIndex = 0;
  return rule.paths.test(path);
}

function readBody(req: http.IncomingMessage, limit = 1 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isFault(x: unknown): x is Fault {
  return typeof x === 'string' && (FAULTS as readonly string[]).includes(x);
}

export async function startReplayServer(opts: ReplayServerOptions = {}): Promise<ReplayServer> {
  const host = opts.host ?? '127.0.0.1';
  const base = opts.chain ?? generateChain({ seed: opts.seed, endTimeS: opts.endTimeS });
  const chain = base.fork();
  const live = opts.live === true;
  const speed = opts.liveSpeed ?? 1;

  // ---- clock & live mining -------------------------------------------------------------------------
  const startWallMs = Date.now();
  let liveBaseS = chain.nowS;
  const liveRng = new Rng(hash32(chain.seed, 0x11fe));
  const drawInterval = (atS: number): number => -Math.log(1 - liveRng.next()) * chain.expectedIntervalS(atS);
  let nextLiveBlockS = chain.nowS + drawInterval(chain.nowS);

  const rawNow = (): number => {
    if (opts.clock) return opts.clock();
    if (live) return liveBaseS + ((Date.now() - startWallMs) / 1000) * speed;
    return chain.nowS;
  };
  const advance = (): number => {
    const now = rawNow();
    if (live) {
      while (nextLiveBlockS <= now) {
        chain.appendBlock(nextLiveBlockS);
        nextLiveBlockS += drawInterval(nextLiveBlockS);
      }
    }
    chain.setNow(now);
    hub?.announceTip();
    return Math.max(now, chain.nowS);
  };
  // Created once the clock exists; reads chain.nowS so that announcing never re-enters advance().
  let hub: MempoolWebSocketHub | undefined;
  const liveTimer = live ? setInterval(advance, 1000) : null;
  liveTimer?.unref();

  // ---- faults & log --------------------------------------------------------------------------------
  let faults: ActiveFault[] = [];
  const requests: RequestLogEntry[] = [];
  const waiters = new Set<{
    pred: (r: RequestLogEntry) => boolean;
    since: number;
    resolve: (r: RequestLogEntry) => void;
  }>();
  const rejectors = new Set<(e: Error) => void>();

  const makeRule = (fault: Fault, o: FaultOptions = {}): ActiveFault => {
    if (!isFault(fault)) throw new Error(`unknown fault ${String(fault)}`);
    const count = o.count ?? Infinity;
    return {
      fault,
      paths: o.paths,
      retryAfterS: o.retryAfterS ?? 5,
      remaining: count > 0 ? count : Infinity,
      ...(o.trickleMs !== undefined ? { trickleMs: o.trickleMs } : {}),
    };
  };
  const takeFault = (path: string): ActiveFault | null => {
    for (let i = faults.length - 1; i >= 0; i--) {
      const rule = faults[i]!;
      if (!matches(rule, path)) continue;
      rule.remaining -= 1;
      if (rule.remaining <= 0) faults.splice(i, 1);
      return rule;
    }
    return null;
  };
  const log = (entry: Omit<RequestLogEntry, 'seq'>): void => {
    const full: RequestLogEntry = { seq: requests.length, ...entry };
    requests.push(full);
    for (const w of [...waiters]) {
      let hit: boolean;
      try {
        hit = full.seq >= w.since && w.pred(full);
      } catch {
        hit = false; // a throwing predicate must not break request handling
      }
      if (hit) {
        waiters.delete(w);
        w.resolve(full);
      }
    }
  };

  // ---- connections -----------------------------------------------------------------------------------
  const sockets = new Set<Socket>();
  let closing = false;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(e instanceof Error ? e.message : String(e));
      } else {
        res.destroy();
      }
    });
  });
  // 'timeout' / 'slowBody' hold responses open for as long as the test wants: no server-side limit.
  server.requestTimeout = 0;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const mineBlocks = (n: number, o?: MineOptions): { tipHeight: number; tipTimeS: number } => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('mineBlocks: n must be a non-negative integer');
    const before = advance();
    chain.mine(n, o);
    hub?.announceTip();
    if (live && !opts.clock && chain.tipTimeS > before) {
      // keep the running clock at or after the new tip
      liveBaseS += chain.tipTimeS - before;
      nextLiveBlockS = chain.tipTimeS + drawInterval(chain.tipTimeS);
    }
    return { tipHeight: chain.tipHeight, tipTimeS: chain.tipTimeS };
  };

  const sendJson = (res: http.ServerResponse, status: number, value: unknown): void => {
    const body = JSON.stringify(value);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };

  async function control(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const action = url.pathname.slice('/__control/'.length);
    const method = req.method ?? 'GET';
    if (method === 'POST') {
      const raw = await readBody(req);
      let body: Record<string, unknown> = {};
      if (raw.trim() !== '') {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          sendJson(res, 400, { error: 'body is not JSON' });
          return;
        }
      }
      if (action === 'fault') {
        if (!isFault(body.fault)) {
          sendJson(res, 400, { error: `fault must be one of ${FAULTS.join(', ')}` });
          return;
        }
        const paths =
          typeof body.pathsRegex === 'string'
            ? new RegExp(body.pathsRegex)
            : typeof body.paths === 'string'
              ? body.paths
              : undefined;
        const o: FaultOptions = {
          paths,
          retryAfterS: typeof body.retryAfterS === 'number' ? body.retryAfterS : undefined,
          trickleMs: typeof body.trickleMs === 'number' && body.trickleMs > 0 ? body.trickleMs : undefined,
          count: typeof body.count === 'number' ? body.count : undefined,
        };
        if (body.add === true) api.addFault(body.fault, o);
        else api.setFault(body.fault, o);
        sendJson(res, 200, { ok: true, faults: describeFaults() });
        return;
      }
      if (action === 'clear') {
        api.clearFault();
        sendJson(res, 200, { ok: true });
        return;
      }
      if (action === 'ws-drop') {
        sendJson(res, 200, { ok: true, dropped: hub?.drop() ?? 0 });
        return;
      }
      if (action === 'mine') {
        const n = typeof body.n === 'number' ? body.n : 1;
        try {
          const r = mineBlocks(n, typeof body.intervalS === 'number' ? { intervalS: body.intervalS } : undefined);
          sendJson(res, 200, { ok: true, ...r });
        } catch (e) {
          sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
    } else if (method === 'GET') {
      if (action === 'requests') {
        const since = parseInt(url.searchParams.get('since') ?? '0', 10) || 0;
        sendJson(res, 200, requests.slice(since));
        return;
      }
      if (action === 'state') {
        sendJson(res, 200, {
          tipHeight: chain.tipHeight,
          tipTimeS: chain.tipTimeS,
          nowS: advance(),
          seed: chain.seed,
          live,
          faults: describeFaults(),
          requestCount: requests.length,
          webSockets: hub?.openClients.length ?? 0,
        });
        return;
      }
    }
    sendJson(res, 404, { error: `unknown control route ${method} ${url.pathname}` });
  }

  const describeFaults = (): object[] =>
    faults.map((f) => ({
      fault: f.fault,
      paths: f.paths === undefined ? null : String(f.paths),
      retryAfterS: f.retryAfterS,
      remaining: Number.isFinite(f.remaining) ? f.remaining : null,
    }));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const url = new URL(path, 'http://replay.invalid');
    if (url.pathname.startsWith('/__control/')) {
      await control(req, res, url);
      return;
    }
    const method = req.method ?? 'GET';
    const timeMs = Date.now();
    const nowS = advance();
    const rule = takeFault(path);
    const fault = rule?.fault ?? null;
    const entry = { method, path, timeMs, fault };

    switch (fault) {
      case 'timeout':
        log({ ...entry, status: 0, route: null });
        return; // never answer; close() destroys the socket
      case 'reset': {
        log({ ...entry, status: 0, route: null });
        const s = req.socket as Socket & { resetAndDestroy?: () => Socket };
        if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
        else s.destroy();
        return;
      }
      case 'http500': {
        log({ ...entry, status: 500, route: null });
        const body = 'Internal Server Error';
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      case 'http404': {
        log({ ...entry, status: 404, route: null });
        const body = `Cannot GET ${path.split('?')[0]}`;
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      case 'http503':
      case 'http429': {
        const status = fault === 'http503' ? 503 : 429;
        log({ ...entry, status, route: null });
        const body = status === 503 ? 'Service Unavailable' : 'Too Many Requests';
        res.writeHead(status, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
          'Retry-After': String(rule!.retryAfterS),
        });
        res.end(body);
        return;
      }
      default:
        break;
    }

    const r = respond(chain, { method, url: path, headers: req.headers }, nowS, {
      wallClockMs: Date.now(),
      absurd: fault === 'absurd',
    });
    const ok = r.status === 200;
    if (fault === 'malformed' && ok) {
      log({ ...entry, status: 200, route: r.route });
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(MALFORMED_BODY),
      });
      res.end(MALFORMED_BODY);
      return;
    }
    if (fault === 'empty' && ok) {
      log({ ...entry, status: 200, route: r.route });
      res.writeHead(200, { ...r.headers, 'Content-Length': 0 });
      res.end();
      return;
    }
    if ((fault === 'truncated' || fault === 'slowBody') && ok) {
      log({ ...entry, status: 200, route: r.route });
      const buf = Buffer.from(r.body, 'utf8');
      const part = buf.subarray(0, Math.max(1, Math.floor(buf.length / 2)));
      const headers = { ...r.headers, 'Content-Length': buf.length };
      delete (headers as Record<string, unknown>)['ETag'];
      res.writeHead(200, headers);
      if (method === 'HEAD') {
        // no body to cut: hang up (truncated) or hang (slowBody)
        if (fault === 'truncated') res.socket?.end();
        return;
      }
      if (fault === 'truncated') {
        res.write(part, () => res.socket?.end());
      } else {
        res.write(part); // …and nothing more until close()
      }
      return;
    }
    if (fault === 'trickle' && ok && method !== 'HEAD') {
      log({ ...entry, status: 200, route: r.route });
      const buf = Buffer.from(r.body, 'utf8');
      const headers = { ...r.headers, 'Content-Length': buf.length };
      delete (headers as Record<string, unknown>)['ETag'];
      res.writeHead(200, headers);
      res.flushHeaders();
      let sent = 0;
      const timer = setInterval(() => {
        if (sent < buf.length) res.write(buf.subarray(sent, ++sent));
        if (sent >= buf.length) {
          clearInterval(timer);
          res.end();
        }
      }, rule?.trickleMs ?? 2_000);
      res.on('close', () => clearInterval(timer));
      return;
    }
    log({ ...entry, status: r.status, route: r.route });
    const body = Buffer.from(r.body, 'utf8');
    res.writeHead(r.status, { ...r.headers, 'Content-Length': body.length });
    res.end(body);
  }

  hub = new MempoolWebSocketHub({ chain, nowS: () => chain.nowS, conversionsIntervalMs: opts.conversionsIntervalMs });
  server.on(
    'upgrade',
    (req: http.IncomingMessage, socket: Socket & { resetAndDestroy?: () => Socket }, head: Buffer) => {
      socket.on('error', () => undefined); // a client vanishing mid-handshake is not the server's problem
      const path = req.url ?? '/';
      const entry = { method: req.method ?? 'GET', path, timeMs: Date.now() };
      if (closing) {
        socket.destroy();
        return;
      }
      if (new URL(path, 'http://replay.invalid').pathname !== WS_PATH) {
        log({ ...entry, status: 404, fault: null, route: null });
        refuseUpgrade(socket, 404, 'Not Found');
        return;
      }
      advance();
      const rule = takeFault(path);
      const fault = rule?.fault ?? null;
      switch (fault) {
        case 'timeout':
          log({ ...entry, status: 0, fault, route: null });
          return; // never answer; close() destroys the socket
        case 'reset':
          log({ ...entry, status: 0, fault, route: null });
          if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
          else socket.destroy();
          return;
        case 'http500':
          log({ ...entry, status: 500, fault, route: null });
          refuseUpgrade(socket, 500, 'Internal Server Error');
          return;
        case 'http503':
        case 'http429': {
          const status = fault === 'http503' ? 503 : 429;
          log({ ...entry, status, fault, route: null });
          refuseUpgrade(socket, status, status === 503 ? 'Service Unavailable' : 'Too Many Requests', {
            'Retry-After': String(rule!.retryAfterS),
          });
          return;
        }
        default: {
          const accepted = hub!.accept(req, socket, head, { malformed: fault === 'malformed' });
          log({ ...entry, status: accepted ? 101 : 400, fault, route: null });
        }
      }
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('replay server: no TCP address');
  const port = address.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const api: ReplayServer = {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    chain,
    nowS: advance,
    setFault(fault, o) {
      faults = [makeRule(fault, o)];
    },
    addFault(fault, o) {
      faults.push(makeRule(fault, o));
    },
    clearFault() {
      faults = [];
    },
    get faults() {
      return faults;
    },
    mineBlocks,
    requests,
    get webSocketBytes() {
      return hub?.sentBytes ?? 0;
    },
    get webSockets() {
      return hub!.openClients;
    },
    dropWebSockets() {
      return hub!.drop();
    },
    pushConversions() {
      hub!.pushConversions();
    },
    waitForRequest(pred, timeoutMs = 10_000, o = {}) {
      const since = o.since ?? 0;
      for (let i = since; i < requests.length; i++) {
        const r = requests[i]!;
        if (pred(r)) return Promise.resolve(r);
      }
      if (closing) return Promise.reject(new Error('replay server is closed'));
      return new Promise<RequestLogEntry>((resolve, reject) => {
        const waiter = {
          pred,
          since,
          resolve: (r: RequestLogEntry) => {
            clearTimeout(timer);
            rejectors.delete(fail);
            resolve(r);
          },
        };
        const fail = (e: Error): void => {
          clearTimeout(timer);
          waiters.delete(waiter);
          rejectors.delete(fail);
          reject(e);
        };
        const timer = setTimeout(() => {
          const recent = requests
            .slice(-10)
            .map((r) => `${r.method} ${r.path} → ${r.status}`)
            .join('; ');
          fail(new Error(`waitForRequest: no matching request within ${timeoutMs} ms (recent: ${recent || 'none'})`));
        }, timeoutMs);
        waiters.add(waiter);
        rejectors.add(fail);
      });
    },
    close() {
      if (closing) return closed;
      closing = true;
      if (liveTimer) clearInterval(liveTimer);
      hub?.close();
      for (const fail of [...rejectors]) fail(new Error('replay server closed'));
      closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
  let closed: Promise<void> = Promise.resolve();
  return api;
}
