// The extension's HTTP client to the mempool source, with every exchange in the log (failures as warnings).
import type { HttpClient } from '../net/index';
import type { ProxyConfig } from './config';
import type { Log } from './log';
import { loadNet } from './netBundle';

/** Loads the network bundle on first use (activation never does). */
export function createHttpClient(
  baseUrl: string,
  proxy: ProxyConfig,
  { userAgent, log }: { readonly userAgent: string; readonly log: Log },
): HttpClient {
  const { HttpClient } = loadNet();
  return new HttpClient({
    baseUrl,
    userAgent,
    proxy,
    onExchange: (x) => {
      const line = x.cached
        ? `GET ${x.path} → fresh in the HTTP cache, no request`
        : `GET ${x.path} → ${x.status ?? 'no response'} (${x.bytes} B, ${x.ms} ms, attempt ${x.attempt})${x.error ? `: ${x.error}` : ''}`;
      if (x.error) log.warn(line);
      else log.debug(line);
    },
  });
}

/**
 * The one HTTP client to the source, made at first use with the URL and proxy of that moment; only a change
 * of either (or a new source) replaces it, so a P&L edit keeps its keep-alive pool and HTTP cache.
 */
export class SourceConnection {
  private client: HttpClient | undefined;
  /** The proxy settings the client was built with. */
  private proxyKey = '';

  constructor(
    private readonly deps: {
      readonly url: () => string;
      readonly proxy: () => ProxyConfig;
      readonly userAgent: string;
      readonly log: Log;
    },
  ) {}

  get(): HttpClient {
    if (!this.client) {
      const proxy = this.deps.proxy();
      this.proxyKey = JSON.stringify(proxy);
      this.client = createHttpClient(this.deps.url(), proxy, this.deps);
    }
    return this.client;
  }

  /** The proxy settings differ from those the current client was built with (no client: nothing to rebuild). */
  proxyChanged(): boolean {
    return this.client !== undefined && JSON.stringify(this.deps.proxy()) !== this.proxyKey;
  }

  /** Closes the client; the next get() builds a new one. */
  reset(): void {
    void this.client?.close();
    this.client = undefined;
  }
}
