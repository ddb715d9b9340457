// mempool's websocket through undici's WebSocket client: subscribe, hand every parsed message to the host,
// reconnect with backoff, and say 'unavailable' after repeated failures so the host polls instead.
// Proof of life: we ping every 30 s (mempool answers {"pong":true}); 2.5 min of silence means a dead
// connection (sleep, NAT timeout, a proxy that swallowed it) and we start over.
// Nothing here throws or rejects into the host: every failure becomes a status with a reason.
// Hostile servers: a message above maxMessageBytes ends the connection, and stop() closes the
// dispatcher — which, unlike undici's own, also kills a connection stuck in the upgrade or a server that
// ignores our close frame.

import { WebSocket, type Dispatcher } from 'undici';
import {
  DEFAULT_RECONNECT_POLICY,
  PUSH_PATH,
  PUSH_PING_MESSAGE,
  PUSH_SUBSCRIBE_MESSAGES,
  hasPushData,
  parsePushText,
  reconnectDelayMs,
  type PushMessage,
  type ReconnectPolicy,
} from '../core/push';
import { describeError, oneLine } from '../core/errors';
import type { Clock } from '../core/scheduler';
import { clampDelayMs } from '../core/timers';
import { redactUrlCredentials } from '../core/transport';
import { MAX_WEBSOCKET_MESSAGE_BYTES, createDispatcher, type ProxySettings } from './dispatcher';

/**
 * - connecting: an attempt is under way (not repeated while 'unavailable')
 * - open: the subscription delivers data — the host can rely on push
 * - closed: the connection ended; a retry is scheduled (or stop() was called)
 * - unavailable: several attempts in a row failed — the host should poll; retries continue slowly
 */
export type PushStatus = 'connecting' | 'open' | 'closed' | 'unavailable';

export interface PushClientOptions {
  /** The instance's http(s) base URL; a path prefix (https://host/mempool) is kept. */
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly onMessage: (message: PushMessage) => void;
  readonly onStatus?: (status: PushStatus, detail: string) => void;
  /**
   * The dispatcher for the upgrade (make it with createDispatcher, so proxy and TLS settings and the
   * message cap apply). The client owns it: stop() destroys it — do not share one with other users.
   */
  readonly dispatcher?: Dispatcher;
  /** Without `dispatcher`: the client makes its own with these proxy settings (default: the environment). */
  readonly proxy?: ProxySettings;
  /** A received message larger than this (bytes) ends the connection (default MAX_WEBSOCKET_MESSAGE_BYTES). */
  readonly maxMessageBytes?: number;
  /** After stop(), how long the server has to finish the closing handshake before the socket is destroyed. */
  readonly closeGraceMs?: number;
  readonly clock?: Clock;
  /** Returns [0, 1), for the reconnect jitter. */
  readonly random?: () => number;
  readonly policy?: Partial<ReconnectPolicy>;
  readonly pingIntervalMs?: number;
  /** No message at all for this long → reconnect. */
  readonly idleTimeoutMs?: number;
  /** An upgrade that has not completed by then counts as a failure. */
  readonly connectTimeoutMs?: number;
}

const DEFAULTS = { pingIntervalMs: 30_000, idleTimeoutMs: 150_000, connectTimeoutMs: 15_000, closeGraceMs: 1_000 };
const ENVIRONMENT_PROXY: ProxySettings = { proxyUrl: '', strictSsl: true, noProxy: [] };
/** A close reason is at most 123 bytes of UTF-8 by the protocol; we show at most this many characters. */
const MAX_REASON_CHARS = 123;

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, clampDelayMs(delayMs)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** ws(s)://host[:port][/prefix]/api/v1/ws for an http(s) base URL. */
export function pushUrlFor(baseUrl: string): string {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`not an http(s) URL: ${baseUrl}`);
  const scheme = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${base.host}${base.pathname.replace(/\/+$/, '')}${PUSH_PATH}`;
}

/** One connection attempt and everything that belongs to it, so late events of an old socket are ignored. */
interface Attempt {
  readonly ws: WebSocket;
  /** When the first usable message arrived (null: none yet). */
  dataSinceMs: number | null;
  ended: boolean;
  connectTimer: unknown;
  pingTimer: unknown;
}

export class PushClient {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly policy: ReconnectPolicy;
  private readonly url: string | null;
  private readonly urlProblem: string | null;
  private attempt: Attempt | null = null;
  private retryTimer: unknown = undefined;
  private idleTimer: unknown = undefined;
  private failures = 0;
  private started = false;
  private stopped = false;
  private current: PushStatus = 'closed';
  private readonly maxMessageBytes: number;
  private dispatcher: Dispatcher | null = null;

  constructor(private readonly options: PushClientOptions) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.policy = { ...DEFAULT_RECONNECT_POLICY, ...options.policy };
    this.maxMessageBytes = options.maxMessageBytes ?? MAX_WEBSOCKET_MESSAGE_BYTES;
    let url: string | null = null;
    let problem: string | null = null;
    try {
      url = pushUrlFor(options.baseUrl);
    } catch (error) {
      // The URL may carry credentials (user:pass@): never echo them.
      problem = redactUrlCredentials(describeError(error));
    }
    this.url = url;
    this.urlProblem = problem;
  }

  get status(): PushStatus {
    return this.current;
  }

  /** Consecutive failed attempts (0 after a stable connection). */
  get failureCount(): number {
    return this.failures;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    if (this.url === null) {
      void this.options.dispatcher?.destroy().catch(() => undefined);
      this.setStatus('unavailable', `websocket URL: ${this.urlProblem ?? 'invalid'}`);
      return;
    }
    this.connect();
  }

  /** Closes the socket and cancels every timer; the client cannot be restarted (make a new one). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clearTimer('retryTimer');
    this.clearTimer('idleTimer');
    const attempt = this.attempt;
    this.attempt = null;
    const wasOpen = attempt !== null && attempt.ws.readyState === WebSocket.OPEN;
    if (attempt) this.abandon(attempt, 1000, 'stopped');
    this.setStatus('closed', 'stopped');
    const dispatcher = this.dispatcher ?? (this.started ? null : (this.options.dispatcher ?? null));
    this.dispatcher = null;
    if (!dispatcher) return;
    const destroy = (): void => void dispatcher.destroy().catch(() => undefined);
    // Give an open connection's closing handshake a moment; anything else (an upgrade never answered,
    // a server ignoring our close frame) is then cut.
    if (wasOpen) this.clock.setTimeout(destroy, this.options.closeGraceMs ?? DEFAULTS.closeGraceMs);
    else destroy();
  }

  private getDispatcher(): Dispatcher {
    this.dispatcher ??=
      this.options.dispatcher ??
      createDispatcher({
        proxy: this.options.proxy ?? ENVIRONMENT_PROXY,
        maxWebSocketMessageBytes: this.maxMessageBytes,
      });
    return this.dispatcher;
  }

  private connect(): void {
    if (this.stopped || this.url === null) return;
    if (this.current !== 'unavailable') this.setStatus('connecting', this.url);
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url, {
        headers: { 'user-agent': this.options.userAgent },
        dispatcher: this.getDispatcher(),
      });
    } catch (error) {
      this.failed(`could not open ${this.url}: ${describe(error)}`);
      return;
    }
    const attempt: Attempt = { ws, dataSinceMs: null, ended: false, connectTimer: undefined, pingTimer: undefined };
    this.attempt = attempt;
    ws.binaryType = 'arraybuffer';
    attempt.connectTimer = this.clock.setTimeout(() => {
      if (ws.readyState === WebSocket.CONNECTING)
        this.end(attempt, 'the websocket upgrade did not complete in time', true);
    }, this.options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs);
    ws.addEventListener('open', () => this.opened(attempt));
    ws.addEventListener('message', (event) => this.received(attempt, event.data));
    // An 'error' is always followed by 'close', which carries the code: handle it there.
    ws.addEventListener('error', () => undefined);
    ws.addEventListener('close', (event) => {
      // undici closes a connection whose message exceeds the dispatcher's cap with 1009 but reports 1006.
      const reason = clip(event.reason);
      this.end(attempt, `closed (code ${event.code}${reason ? `: ${reason}` : ''})`, false);
    });
  }

  private opened(attempt: Attempt): void {
    if (attempt !== this.attempt) return;
    for (const text of PUSH_SUBSCRIBE_MESSAGES) this.send(attempt, text);
    this.armIdle(attempt);
    const everyMs = this.options.pingIntervalMs ?? DEFAULTS.pingIntervalMs;
    const ping = (): void => {
      if (attempt !== this.attempt || attempt.ended) return;
      attempt.pingTimer = this.clock.setTimeout(ping, everyMs);
      this.send(attempt, PUSH_PING_MESSAGE);
    };
    attempt.pingTimer = this.clock.setTimeout(ping, everyMs);
  }

  private received(attempt: Attempt, data: unknown): void {
    if (attempt !== this.attempt || attempt.ended) return;
    this.armIdle(attempt);
    const bytes =
      typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data instanceof ArrayBuffer ? data.byteLength : 0;
    if (bytes > this.maxMessageBytes) {
      this.end(attempt, `a message of ${bytes} bytes exceeds the ${this.maxMessageBytes}-byte limit`, true);
      return;
    }
    const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : null;
    if (text === null) return;
    const message = parsePushText(text);
    if (!hasPushData(message) && message.rejected.length === 0) return; // pong, mempoolInfo, fees…
    if (hasPushData(message) && attempt.dataSinceMs === null) {
      attempt.dataSinceMs = this.clock.now();
      this.setStatus('open', this.url ?? '');
    }
    try {
      this.options.onMessage(message);
    } catch {
      // The host's handler failing must not take the connection down with it.
    }
  }

  private armIdle(attempt: Attempt): void {
    this.clearTimer('idleTimer');
    const idleMs = this.options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs;
    this.idleTimer = this.clock.setTimeout(() => {
      this.idleTimer = undefined;
      if (attempt === this.attempt) this.end(attempt, `no data for ${Math.round(idleMs / 1000)} s`, true);
    }, idleMs);
  }

  /** The attempt is over (closed by the server, the network, or us): schedule the next one. */
  private end(attempt: Attempt, reason: string, closeSocket: boolean): void {
    if (attempt.ended || attempt !== this.attempt) return;
    this.attempt = null;
    this.clearTimer('idleTimer');
    // A dead connection may never finish a closing handshake: drop it and move on.
    this.abandon(attempt, 4000, reason, closeSocket);
    if (this.stopped) return;
    const stable = attempt.dataSinceMs !== null && this.clock.now() - attempt.dataSinceMs >= this.policy.stableAfterMs;
    if (stable) this.failures = 0;
    this.failed(attempt.dataSinceMs === null ? `could not connect: ${reason}` : reason);
  }

  private failed(reason: string): void {
    this.failures++;
    const delayMs = reconnectDelayMs(this.failures, this.random, this.policy);
    const detail = `${reason}; retrying in ${Math.round(delayMs / 1000)} s`;
    if (this.failures >= this.policy.unavailableAfterFailures)
      this.setStatus('unavailable', `${this.failures} failed attempts: ${detail}`);
    else this.setStatus('closed', detail);
    this.clearTimer('retryTimer');
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, delayMs);
  }

  private abandon(attempt: Attempt, code: number, reason: string, closeSocket = true): void {
    attempt.ended = true;
    this.clock.clearTimeout(attempt.connectTimer);
    this.clock.clearTimeout(attempt.pingTimer);
    if (!closeSocket) return;
    try {
      // A close reason may be at most 123 bytes of UTF-8.
      attempt.ws.close(code, reason.slice(0, 60));
    } catch {
      // Already closing or closed.
    }
  }

  private send(attempt: Attempt, text: string): void {
    try {
      attempt.ws.send(text);
    } catch (error) {
      this.end(attempt, `send failed: ${describe(error)}`, true);
    }
  }

  private setStatus(status: PushStatus, detail: string): void {
    // Repeated 'unavailable' reports carry news (the next retry); repeated others do not.
    if (status === this.current && status !== 'unavailable' && status !== 'closed') return;
    this.current = status;
    try {
      this.options.onStatus?.(status, detail);
    } catch {
      // A throwing listener must not break the reconnect cycle.
    }
  }

  private clearTimer(which: 'retryTimer' | 'idleTimer'): void {
    if (this[which] !== undefined) {
      this.clock.clearTimeout(this[which]);
      this[which] = undefined;
    }
  }
}

function describe(error: unknown): string {
  return redactUrlCredentials(describeError(error));
}

/** A server's close reason, for the log: one line, bounded. */
function clip(text: string): string {
  return oneLine(text, MAX_REASON_CHARS);
}
