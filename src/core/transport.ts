// What the core needs from the network, and how failures are classified — without knowing about undici.

import { describeError } from './errors';
import { ParseError } from './parse';

/**
 * The longest wait a server's Retry-After can impose (1 h). A longer one — or a far-future date — is
 * treated as this: we still back off politely, but a misconfigured or hostile server cannot silence the
 * extension for days, nor (through a timer overflow) make it fire at once.
 */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Replaces the credentials of every URL in a text (`https://user:pass@host` → `https://***@host`), so a
 * configured URL or an error quoting it can be logged or shown.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1***@');
}

export type TransportErrorKind =
  | 'network' // DNS, refused, reset, TLS
  | 'timeout'
  | 'http' // non-2xx other than rate limiting
  | 'rateLimited' // 429, or 503 with Retry-After
  | 'tooLarge'
  | 'invalid'; // the body did not parse or failed validation

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly details: { readonly status?: number; readonly retryAfterMs?: number; readonly path?: string } = {},
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface Transport {
  /** GET a path relative to the instance's base URL; resolves with the body text of a 2xx response. */
  getText(path: string): Promise<string>;
  /**
   * These responses are known to be outdated (a new block arrived): revalidate them on next use even if
   * their HTTP lifetime has not run out. Transports without a cache need not implement it.
   */
  markStale?(paths: readonly string[]): void;
}

/** Parses JSON text, turning syntax errors into a classified failure that names the endpoint. */
export function parseJsonBody(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const preview = text.trim().slice(0, 60).replace(/\s+/g, ' ');
    throw new TransportError(
      'invalid',
      `${path}: response is not JSON${preview ? ` (starts with "${preview}")` : ' (empty body)'}`,
      { path },
    );
  }
}

/** GET, decode and validate one JSON endpoint; any failure becomes a TransportError naming the path. */
export async function getParsed<T>(transport: Transport, path: string, parse: (json: unknown) => T): Promise<T> {
  const text = await transport.getText(path);
  try {
    return parse(parseJsonBody(path, text));
  } catch (error) {
    if (error instanceof ParseError) throw new TransportError('invalid', `${path}: ${error.reason}`, { path });
    throw error;
  }
}

/**
 * `instanceof` is not enough: the HTTP client is a separate bundle (loaded lazily) with its own copy of
 * this class, so its errors are recognised by shape.
 */
export function isTransportError(error: unknown): error is TransportError {
  return (
    error instanceof TransportError ||
    (error instanceof Error &&
      error.name === 'TransportError' &&
      typeof (error as Partial<TransportError>).kind === 'string')
  );
}

/**
 * A one-line, human explanation of any failure, for the hover and the log: bounded (a message may carry a
 * server's text) and without URL credentials.
 */
export function describeFailure(error: unknown): string {
  const text =
    isTransportError(error) || !(error instanceof Error)
      ? describeError(error)
      : `${error.name}: ${describeError(error)}`;
  return redactUrlCredentials(text);
}
