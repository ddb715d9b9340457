// JSON-RPC client for Bitcoin Core (the only other module that imports undici). Requests are JSON-RPC 1.0,
// which every Core version accepts (2.0 only exists from v28), alone or as one batch per HTTP request.
// Credentials: the cookie file, read through an injected reader and read again after a 401 (the node writes
// a new cookie at every start), or a user and password from the caller (SecretStorage). Secrets never reach
// an error text or a log line: messages are built from core's templates (URL, cookie path, user name only)
// and scrubbed of the password and the Authorization value as a second line of defence.
//
// Its own undici Agent, without the proxy handling of httpClient.ts: a node is on this machine or the LAN,
// and routing it through HTTPS_PROXY would only break it.

import { Agent, errors, request, type Dispatcher } from 'undici';
import { describeError } from '../core/errors';
import { ParseError } from '../core/parse';
import type { RpcCall } from '../core/sources/bitcoind/calls';
import {
  BitcoindError,
  bitcoindMessages,
  rpcErrorToBitcoindError,
  type BitcoindErrorDetails,
  type BitcoindErrorKind,
  type CredentialsDescription,
} from '../core/sources/bitcoind/errors';
import { readCookie, type Credentials } from './jsonRpcCookie';

export type BitcoindAuth =
  | { readonly kind: 'cookie'; readonly cookiePath: string }
  | { readonly kind: 'password'; readonly user: string; readonly password: string };

export interface JsonRpcClientOptions {
  /** http(s)://host:port[/wallet/name]; credentials in the URL are refused (they would end up in logs). */
  readonly url: string;
  readonly auth: BitcoindAuth;
  /** Reads the cookie file (injected: fs in the extension, a fake in tests). */
  readonly readFile: (path: string) => Promise<string>;
  readonly userAgent?: string;
  /** Deadline for one call or batch, cookie re-read and retry included. */
  readonly callTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** One line per HTTP exchange, for the log: no credentials in it. */
  readonly onExchange?: (info: RpcExchangeInfo) => void;
}

export interface RpcExchangeInfo {
  readonly methods: readonly string[];
  readonly status: number | null;
  readonly bytes: number;
  readonly ms: number;
  readonly error?: string;
}

export type BatchOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BitcoindError };
type Outcomes<C extends readonly RpcCall<unknown>[]> = {
  -readonly [K in keyof C]: BatchOutcome<C[K] extends RpcCall<infer T> ? T : never>;
};

const DEFAULTS = {
  callTimeoutMs: 30_000,
  connectTimeoutMs: 5_000,
  // 144 getblockstats replies with every field are ~150 KB; 8 MB stops a runaway body.
  maxResponseBytes: 8 * 1024 * 1024,
};

interface HttpReply {
  readonly status: number;
  readonly text: string;
}

/** The URL for messages: never with credentials, never with a query. */
function checkedUrl(raw: string): { url: URL; display: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BitcoindError(
      'config',
      `The Bitcoin Core URL "${raw.slice(0, 80)}" is not a valid URL (expected e.g. http://127.0.0.1:8332).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BitcoindError(
      'config',
      `The Bitcoin Core URL must start with http:// or https:// (got ${url.protocol}).`,
    );
  }
  if (url.username || url.password) {
    throw new BitcoindError(
      'config',
      'Put the Bitcoin Core user and password in the credential settings, not in the URL.',
    );
  }
  return { url, display: `${url.origin}${url.pathname === '/' ? '' : url.pathname}` };
}

export class JsonRpcClient {
  private readonly options: JsonRpcClientOptions;
  private readonly url: URL;
  private readonly display: string;
  private readonly dispatcher: Dispatcher;
  private readonly callTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private cookie: Credentials | null = null;
  private nextId = 1;
  private closed = false;

  constructor(options: JsonRpcClientOptions) {
    this.options = options;
    const { url, display } = checkedUrl(options.url);
    this.url = url;
    this.display = display;
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULTS.callTimeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
    this.dispatcher = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs },
      keepAliveTimeout: 10_000,
      headersTimeout: this.callTimeoutMs,
      bodyTimeout: this.callTimeoutMs,
      maxResponseSize: this.maxResponseBytes,
    });
  }

  /** Which credentials are used, in words safe to show. */
  get credentials(): CredentialsDescription {
    const auth = this.options.auth;
    return auth.kind === 'cookie'
      ? { kind: 'cookie', cookiePath: auth.cookiePath }
      : { kind: 'password', user: auth.user };
  }

  /** One call; resolves with the parsed result or rejects with a BitcoindError. */
  async call<T>(call: RpcCall<T>): Promise<T> {
    const id = this.nextId++;
    const body = JSON.stringify({ jsonrpc: '1.0', id, method: call.method, params: call.params });
    const reply = await this.exchange(body, [call.method]);
    const json = this.json(reply, call.method);
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw this.fail('invalid', bitcoindMessages.invalid(this.display, call.method, 'not a JSON-RPC reply object'), {
        method: call.method,
      });
    const outcome = this.outcome(call, json as Record<string, unknown>);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Several calls in one HTTP request (Core runs them one after another on one worker). Each element
   * succeeds or fails on its own; transport-level failures (401, 503, unreachable…) reject the whole batch.
   */
  async batch<const C extends readonly RpcCall<unknown>[]>(calls: C): Promise<Outcomes<C>> {
    if (calls.length === 0) return [] as unknown as Outcomes<C>;
    const firstId = this.nextId;
    this.nextId += calls.length;
    const methods = calls.map((c) => c.method);
    const body = JSON.stringify(
      calls.map((c, i) => ({ jsonrpc: '1.0', id: firstId + i, method: c.method, params: c.params })),
    );
    const reply = await this.exchange(body, methods);
    const label = `a batch of ${calls.length} (${[...new Set(methods)].join(', ')})`;
    const json = this.json(reply, label);
    if (!Array.isArray(json))
      throw this.fail('invalid', bitcoindMessages.invalid(this.display, label, 'a batch reply should be an array'));
    // Match by id: the order of replies is not promised.
    const byId = new Map<number, Record<string, unknown>>();
    for (const element of json) {
      if (typeof element === 'object' && element !== null && typeof (element as { id?: unknown }).id === 'number') {
        byId.set((element as { id: number }).id, element as Record<string, unknown>);
      }
    }
    return calls.map((call, i) => {
      const element = byId.get(firstId + i);
      if (!element)
        return {
          ok: false,
          error: this.fail('invalid', bitcoindMessages.invalid(this.display, call.method, 'no reply in the batch'), {
            method: call.method,
          }),
        };
      return this.outcome(call, element);
    }) as unknown as Outcomes<C>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.dispatcher.destroy().catch(() => undefined);
  }

  // ---- one reply element → outcome ------------------------------------------------------------------

  private outcome<T>(call: RpcCall<T>, reply: Record<string, unknown>): BatchOutcome<T> {
    // Legacy replies carry both keys (error null on success); 2.0 replies only one. Error first.
    const error = reply.error;
    if (error !== undefined && error !== null) {
      const e = error as { code?: unknown; message?: unknown };
      const code = typeof e.code === 'number' ? e.code : NaN;
      const message = typeof e.message === 'string' ? e.message : '';
      if (!Number.isFinite(code))
        return {
          ok: false,
          error: this.fail(
            'invalid',
            bitcoindMessages.invalid(this.display, call.method, 'error without a numeric code'),
            { method: call.method },
          ),
        };
      // Scrub before the message is shortened: a cut secret would no longer match.
      return {
        ok: false,
        error: this.scrub(rpcErrorToBitcoindError(this.display, call.method, code, this.scrubText(message))),
      };
    }
    if (!('result' in reply))
      return {
        ok: false,
        error: this.fail('invalid', bitcoindMessages.invalid(this.display, call.method, 'neither result nor error'), {
          method: call.method,
        }),
      };
    try {
      return { ok: true, value: call.parse(reply.result) };
    } catch (e) {
      const reason = e instanceof ParseError ? e.reason : describeError(e);
      return {
        ok: false,
        error: this.fail('invalid', bitcoindMessages.invalid(this.display, call.method, reason), {
          method: call.method,
        }),
      };
    }
  }

  private json(reply: HttpReply, label: string): unknown {
    try {
      return JSON.parse(reply.text) as unknown;
    } catch {
      if (reply.status === 200)
        throw this.fail(
          'invalid',
          bitcoindMessages.invalid(this.display, label, reply.text.trim() === '' ? 'empty body' : 'body is not JSON'),
        );
      throw this.fail('http', bitcoindMessages.http(this.display, reply.status, this.scrubText(reply.text)), {
        httpStatus: reply.status,
      });
    }
  }

  // ---- HTTP, credentials, deadline -------------------------------------------------------------------

  private async exchange(body: string, methods: readonly string[]): Promise<HttpReply> {
    if (this.closed) throw this.fail('unreachable', bitcoindMessages.unreachable(this.display, 'the client is closed'));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.callTimeoutMs);
    const label = methods.length === 1 ? methods[0]! : `a batch of ${methods.length}`;
    try {
      let credentials = await this.credentialsFor(false);
      let reply = await this.post(body, credentials, methods, controller.signal, label);
      if (reply.status === 401 && this.options.auth.kind === 'cookie') {
        // The node may have restarted with a new cookie: read it again, once (pointless if unchanged).
        const before = credentials;
        credentials = await this.credentialsFor(true);
        if (credentials.user !== before.user || credentials.password !== before.password) {
          reply = await this.post(body, credentials, methods, controller.signal, label);
        }
      }
      if (reply.status === 401)
        throw this.fail('unauthorized', bitcoindMessages.unauthorized(this.display, this.credentials), {
          httpStatus: 401,
        });
      if (reply.status === 403)
        throw this.fail('forbidden', bitcoindMessages.forbidden(this.display, label), { httpStatus: 403 });
      if (reply.status === 503) throw this.fail('busy', bitcoindMessages.busy(this.display), { httpStatus: 503 });
      if (reply.status === 204)
        throw this.fail('invalid', bitcoindMessages.invalid(this.display, label, 'HTTP 204 without a reply'));
      return reply;
    } catch (e) {
      if (e instanceof BitcoindError) throw e;
      if (controller.signal.aborted)
        throw this.fail('timeout', bitcoindMessages.timeout(this.display, label, this.callTimeoutMs));
      throw this.classify(e, label);
    } finally {
      clearTimeout(timer);
    }
  }

  private async post(
    body: string,
    credentials: Credentials,
    methods: readonly string[],
    signal: AbortSignal,
    label: string,
  ): Promise<HttpReply> {
    const started = Date.now();
    let status: number | null = null;
    let bytes = 0;
    try {
      const response = await request(this.url, {
        method: 'POST',
        dispatcher: this.dispatcher,
        signal,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': this.options.userAgent ?? 'mining-economics',
          authorization: `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`,
        },
        body,
      });
      status = response.statusCode;
      const text = await response.body.text();
      bytes = Buffer.byteLength(text);
      this.options.onExchange?.({ methods, status, bytes, ms: Date.now() - started });
      return { status, text };
    } catch (e) {
      const error = signal.aborted
        ? this.fail('timeout', bitcoindMessages.timeout(this.display, label, this.callTimeoutMs))
        : this.classify(e, label);
      this.options.onExchange?.({ methods, status, bytes, ms: Date.now() - started, error: error.message });
      throw error;
    }
  }

  private async credentialsFor(reread: boolean): Promise<Credentials> {
    const auth = this.options.auth;
    if (auth.kind === 'password') return { user: auth.user, password: auth.password };
    if (this.cookie && !reread) return this.cookie;
    this.cookie = null;
    this.cookie = await readCookie(auth.cookiePath, this.options.readFile, (message) =>
      this.fail('cookieUnreadable', message),
    );
    return this.cookie;
  }

  private classify(error: unknown, label: string): BitcoindError {
    if (error instanceof BitcoindError) return error;
    if (error instanceof errors.ResponseExceededMaxSizeError)
      return this.fail('tooLarge', bitcoindMessages.tooLarge(this.display, label, this.maxResponseBytes));
    if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
      return this.fail('timeout', bitcoindMessages.timeout(this.display, label, this.callTimeoutMs));
    }
    if (error instanceof errors.ConnectTimeoutError)
      return this.fail('unreachable', bitcoindMessages.unreachable(this.display, 'connection timed out'));
    const e = error as { code?: unknown; cause?: { code?: unknown } };
    const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
    const detail =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'host not found'
          : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
            ? 'connection reset'
            : (code ?? 'network error');
    return this.fail('unreachable', bitcoindMessages.unreachable(this.display, detail));
  }

  /** Every error leaves through here: scrubbed of the password and the Authorization value. */
  private fail(kind: BitcoindErrorKind, message: string, details: BitcoindErrorDetails = {}): BitcoindError {
    return new BitcoindError(kind, this.scrubText(message), details);
  }

  private scrub(error: BitcoindError): BitcoindError {
    const message = this.scrubText(error.message);
    return message === error.message ? error : new BitcoindError(error.kind, message, error.details);
  }

  private scrubText(text: string): string {
    const secrets: string[] = [];
    const auth = this.options.auth;
    const add = (c: Credentials): void => {
      secrets.push(c.password, Buffer.from(`${c.user}:${c.password}`, 'utf8').toString('base64'));
    };
    if (auth.kind === 'password') add(auth);
    if (this.cookie) add(this.cookie);
    let out = text;
    // Very short passwords would blank out ordinary words; they are not worth hiding from our own text.
    for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
    return out;
  }
}
