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
