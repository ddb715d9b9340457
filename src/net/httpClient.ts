// GET over undici: one dispatcher (dispatcher.ts), a User-Agent naming us, a deadline per request, an HTTP
// cache with a capped lifetime, and bounded retries with exponential backoff and jitter that honour a
// (capped) Retry-After. Everything it returns or throws is in the core's vocabulary (Transport, TransportError).

import { errors, request, type Dispatcher } from 'undici';
import { describeError } from '../core/errors';
import { clampDelayMs } from '../core/timers';
import { MAX_RETRY_AFTER_MS, TransportError, redactUrlCredentials, type Transport } from '../core/transport';
import { createDispatcher, type ProxySettings } from './dispatcher';

export {
  createDispatcher,
  MAX_WEBSOCKET_MESSAGE_BYTES,
  type DispatcherOptions,
  type ProxySettings,
} from './dispatcher';

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly proxy: ProxySettings;
  /** Attempts per request, including the first (transient failures only). */
  readonly maxAttempts?: number;
  readonly retryBaseDelayMs?: number;
  /** A Retry-After longer than this is not waited out inside a request: the scheduler defers instead. */
  readonly maxInlineRetryAfterMs?: number;
  readonly connectTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  /**
   * Headers and the whole body must arrive within this (default 30 s). undici's timeouts only bound the
   * gaps: a server trickling one byte every few seconds would otherwise hold a request forever.
   */
  readonly requestDeadlineMs?: number;
  /** The longest a response is reused without asking the server (default MAX_FRESH_MS). */
  readonly maxFreshMs?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called once per HTTP exchange (and per cache hit, with `cached: true`), for the log and for benchmarks. */
  readonly onExchange?: (info: ExchangeInfo) => void;
  /** Clock for cache freshness (tests pass a fake one). */
  readonly now?: () => number;
}

export interface ExchangeInfo {
  readonly path: string;
  readonly status: number | null;
  readonly bytes: number;
  readonly ms: number;
  readonly attempt: number;
  readonly error?: string;
  /** Served from the HTTP cache without a request. */
  readonly cached?: boolean;
}

interface CacheEntry {
  readonly body: string;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
  freshUntilMs: number;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The longest a cached response is trusted without asking (10 min). mempool's own lifetimes (120–300 s on
 * mining routes, 1 h on prices) mostly fit; a server claiming a year must not freeze the figures. 10 min is
 * the default refresh interval, so every regular refresh at least revalidates (a 304 costs a few hundred
 * bytes) — and a price older than that is not worth saving one request for.
 */
export const MAX_FRESH_MS = 10 * 60_000;

/**
 * How long a response may be reused without asking, from Cache-Control (max-age minus Age) or Expires,
 * capped at `maxMs`. A refresh inside that window costs no request at all. `no-store`/`no-cache` or no
 * freshness information → 0.
 */
export function freshnessMs(headers: Headers, nowMs: number, maxMs: number = MAX_FRESH_MS): number {
  const cacheControl = header(headers, 'cache-control')?.toLowerCase() ?? '';
  if (/(^|,)\s*(no-store|no-cache|private)\b/.test(cacheControl)) return 0;
  const cap = (ms: number): number => (ms > 0 ? Math.min(ms, maxMs) : 0);
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl);
  if (maxAge) {
    const age = Number(header(headers, 'age') ?? 0) || 0;
    return cap((Number(maxAge[1]) - age) * 1000);
  }
  const expires = header(headers, 'expires');
  if (expires) {
    const expiresMs = Date.parse(expires);
    const dateMs = Date.parse(header(headers, 'date') ?? '');
    // Measure against the server's own Date when present, so a skewed local clock does not matter.
    if (!Number.isNaN(expiresMs)) return cap(expiresMs - (Number.isNaN(dateMs) ? nowMs : dateMs));
  }
  return 0;
}

const DEFAULTS = {
  maxAttempts: 3,
  retryBaseDelayMs: 1_000,
  maxInlineRetryAfterMs: 10_000,
  // Above the headers timeout, with room for the ~0.5 MB history on a slow link (≥ 50 kB/s).
  requestDeadlineMs: 30_000,
};

/**
 * Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from now, at most
 * MAX_RETRY_AFTER_MS: a year-long (or overflowing) wait is still a wait, but a bounded one.
 */
export function parseRetryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Number(trimmed) * 1000);
  const dateMs = Date.parse(trimmed);
  return Number.isNaN(dateMs) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, dateMs - nowMs));
}

function classify(
  error: unknown,
  path: string,
  deadline?: { readonly hit: boolean; readonly ms: number },
): TransportError {
  if (error instanceof TransportError) return error;
  if (deadline?.hit)
    return new TransportError(
      'timeout',
      `${path}: no complete response within ${deadline.ms < 1000 ? `${deadline.ms} ms` : `${Math.round(deadline.ms / 1000)} s`}`,
      { path },
    );
  if (error instanceof errors.ConnectTimeoutError)
    return new TransportError('timeout', `${path}: connection timed out`, { path });
  if (error instanceof errors.HeadersTimeoutError)
    return new TransportError('timeout', `${path}: no response headers in time`, { path });
  if (error instanceof errors.BodyTimeoutError)
    return new TransportError('timeout', `${path}: response body stalled`, { path });
  if (error instanceof errors.ResponseExceededMaxSizeError)
    return new TransportError('tooLarge', `${path}: response exceeds the size cap`, { path });
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  // An error's text may quote a URL or a server's words: bounded, and without credentials.
  const detail = code ? `${code}` : redactUrlCredentials(describeError(error));
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR')
    return new TransportError('timeout', `${path}: request aborted`, { path });
  return new TransportError('network', `${path}: network error (${detail})`, { path });
}

function isTransient(error: TransportError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  if (error.kind === 'rateLimited') return true;
  // Truncated bodies surface as invalid JSON later; a 5xx is worth one more try.
  return error.kind === 'http' && (error.details.status ?? 0) >= 500;
}

export class HttpClient implements Transport {
  private readonly dispatcher: Dispatcher;
  private readonly options: HttpClientOptions;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private closed = false;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly now: () => number;
  private readonly maxFreshMs: number;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.dispatcher = createDispatcher(options);
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, clampDelayMs(ms))));
    this.now = options.now ?? Date.now;
    this.maxFreshMs = options.maxFreshMs ?? MAX_FRESH_MS;
  }

  async getText(path: string): Promise<string> {
    const cached = this.cache.get(path);
    if (cached && this.now() < cached.freshUntilMs) {
      this.options.onExchange?.({ path, status: 200, bytes: 0, ms: 0, attempt: 0, cached: true });
      return cached.body;
    }
    return this.fetchWithRetries(path);
  }

  /** Keep the bodies and validators (a 304 is still cheap) but make the next use ask the server. */
  markStale(paths: readonly string[]): void {
    for (const path of paths) {
      const entry = this.cache.get(path);
      if (entry) entry.freshUntilMs = 0;
    }
  }

  /** Forget cached responses (a manual refresh wants the network's answer). */
  clearCache(): void {
    this.cache.clear();
  }

  private async fetchWithRetries(path: string): Promise<string> {
    const maxAttempts = this.options.maxAttempts ?? DEFAULTS.maxAttempts;
    const base = this.options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs;
    const maxInline = this.options.maxInlineRetryAfterMs ?? DEFAULTS.maxInlineRetryAfterMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(path, attempt);
      } catch (raw) {
        const error = classify(raw, path);
        const retryAfterMs = error.details.retryAfterMs;
        const lastAttempt = attempt >= maxAttempts || this.closed || !isTransient(error);
        // A long Retry-After is the scheduler's business: it defers all refreshes, not just this request.
        if (lastAttempt || (retryAfterMs !== undefined && retryAfterMs > maxInline)) throw error;
        const backoff = base * 2 ** (attempt - 1) * (0.5 + 0.5 * this.random());
        await this.sleep(Math.max(backoff, retryAfterMs ?? 0));
      }
    }
  }

  private async once(path: string, attempt: number): Promise<string> {
    const started = Date.now();
    // Keep a base URL's own path prefix (e.g. https://host/mempool) in front of the API path.
    const base = new URL(this.options.baseUrl);
    const full = new URL(base.pathname.replace(/\/?$/, '/') + path.replace(/^\//, ''), base.origin);
    let status: number | null = null;
    let bytes = 0;
    const cached = this.cache.get(path);
    const conditional: Record<string, string> = {};
    const deadline = { hit: false, ms: this.options.requestDeadlineMs ?? DEFAULTS.requestDeadlineMs };
    const abort = new AbortController();
    const deadlineTimer = setTimeout(() => {
      deadline.hit = true;
      abort.abort();
    }, clampDelayMs(deadline.ms));
    // Revalidate instead of re-downloading: a 304 costs a few hundred bytes.
    if (cached?.etag) conditional['if-none-match'] = cached.etag;
    else if (cached?.lastModified) conditional['if-modified-since'] = cached.lastModified;
    try {
      const response = await request(full, {
        method: 'GET',
        dispatcher: this.dispatcher,
        signal: abort.signal,
        headers: { 'user-agent': this.options.userAgent, accept: 'application/json, text/plain;q=0.9', ...conditional },
      });
      status = response.statusCode;
      const text = await response.body.text();
      bytes = Buffer.byteLength(text);
      if (status === 304 && cached) {
        cached.freshUntilMs = this.now() + freshnessMs(response.headers, this.now(), this.maxFreshMs);
        this.options.onExchange?.({ path, status, bytes, ms: Date.now() - started, attempt });
        return cached.body;
      }
      if (status === 429 || (status === 503 && response.headers['retry-after'] !== undefined)) {
        const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], Date.now()) ?? 60_000;
        throw new TransportError(
          'rateLimited',
          `${path}: HTTP ${status}, the server asks to retry in ${Math.ceil(retryAfterMs / 1000)} s`,
          {
            status,
            retryAfterMs,
            path,
          },
        );
      }
      if (status < 200 || status >= 300) {
        throw new TransportError('http', `${path}: HTTP ${status}${statusText(status)}`, { status, path });
      }
      this.remember(path, text, response.headers);
      this.options.onExchange?.({ path, status, bytes, ms: Date.now() - started, attempt });
      return text;
    } catch (error) {
      const classified = classify(error, path, deadline);
      this.options.onExchange?.({ path, status, bytes, ms: Date.now() - started, attempt, error: classified.message });
      throw classified;
    } finally {
      clearTimeout(deadlineTimer);
    }
  }

  private remember(path: string, body: string, headers: Headers): void {
    const etag = header(headers, 'etag');
    const lastModified = header(headers, 'last-modified');
    const freshMs = freshnessMs(headers, this.now(), this.maxFreshMs);
    if (freshMs <= 0 && !etag && !lastModified) {
      this.cache.delete(path);
      return;
    }
    this.cache.set(path, { body, etag, lastModified, freshUntilMs: this.now() + freshMs });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // destroy(), not close(): a hung request must not keep the extension host busy on shutdown.
    await this.dispatcher.destroy().catch(() => undefined);
  }
}

function statusText(status: number): string {
  const names: Record<number, string> = {
    400: ' Bad Request',
    401: ' Unauthorized',
    403: ' Forbidden',
    404: ' Not Found (is this a mempool instance with the mining API enabled?)',
    500: ' Internal Server Error',
    502: ' Bad Gateway',
    503: ' Service Unavailable',
    504: ' Gateway Timeout',
  };
  return names[status] ?? '';
}
