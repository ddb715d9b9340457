// The one undici dispatcher factory: keep-alive, timeouts, a response-size cap, a websocket message cap,
// proxy support — and a destroy() that really closes every connection it opened.
//
// undici does not go through Node's http module, so VS Code's own proxy patching does not reach it: we read
// `http.proxy`/`http.proxyStrictSSL`/`http.noProxy` (passed in) and the HTTPS_PROXY/HTTP_PROXY/NO_PROXY
// environment ourselves, through undici's EnvHttpProxyAgent.

import { EnvHttpProxyAgent, buildConnector, type Dispatcher } from 'undici';

export interface ProxySettings {
  /** VS Code's `http.proxy`; empty = use the environment. */
  readonly proxyUrl: string;
  /** VS Code's `http.proxyStrictSSL`. */
  readonly strictSsl: boolean;
  /** VS Code's `http.noProxy` hosts, added to NO_PROXY. */
  readonly noProxy: readonly string[];
}

export interface DispatcherOptions {
  readonly proxy: ProxySettings;
  readonly connectTimeoutMs?: number;
  /** No complete response headers this long after the request → failure. */
  readonly headersTimeoutMs?: number;
  /** No body data for this long → failure (a gap, not a total: see HttpClient's deadline). */
  readonly bodyTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Websocket messages through this dispatcher larger than this fail the connection (code 1009). */
  readonly maxWebSocketMessageBytes?: number;
}

/**
 * The largest websocket message accepted (2 MiB). mempool's biggest, the init message, is tens of kB;
 * undici's own default is 128 MB, which a hostile server could make us buffer.
 */
export const MAX_WEBSOCKET_MESSAGE_BYTES = 2 * 1024 * 1024;

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 30_000,
  // The whole-history hash-rate series is ~0.5 MB; 16 MB leaves room and still stops a runaway body.
  maxResponseBytes: 16 * 1024 * 1024,
};

/** The socket shape we rely on (net.Socket / tls.TLSSocket), without importing node:net for a type. */
interface Closable {
  readonly destroyed: boolean;
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const tls = {
    rejectUnauthorized: options.proxy.strictSsl,
    timeout: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
  };
  const envNoProxy = process.env.NO_PROXY ?? process.env.no_proxy ?? '';
  const noProxy = [envNoProxy, ...options.proxy.noProxy].filter(Boolean).join(',');
  const maxPayloadSize = options.maxWebSocketMessageBytes ?? MAX_WEBSOCKET_MESSAGE_BYTES;

  // undici forgets a connection once it is upgraded to a websocket (and while the upgrade is pending an
  // abort leaves it open): its destroy() would not close it. We keep our own list of direct connections.
  // (Through a proxy the tunnel is opened inside undici's ProxyAgent, out of our reach.)
  const sockets = new Set<Closable>();
  const direct = buildConnector(tls);
  const connect: buildConnector.connector = (connectOptions, callback) =>
    direct(connectOptions, (...args: Parameters<buildConnector.Callback>) => {
      const socket = args[0] === null ? (args[1] as unknown as Closable) : null;
      if (socket) {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      }
      callback(...args);
    });

  // undici's WebSocket reads its limits from the dispatcher's `webSocketOptions`, but EnvHttpProxyAgent
  // does not pass a `webSocket` option on (undici 7.x): override the getter it reads.
  class BoundedAgent extends EnvHttpProxyAgent {
    get webSocketOptions(): { maxFragments: number; maxPayloadSize: number } {
      return { maxFragments: 1024, maxPayloadSize };
    }
  }
  const agent = new BoundedAgent({
    ...(options.proxy.proxyUrl ? { httpProxy: options.proxy.proxyUrl, httpsProxy: options.proxy.proxyUrl } : {}),
    ...(noProxy ? { noProxy } : {}),
    connect,
    requestTls: tls,
    keepAliveTimeout: 30_000,
    headersTimeout: options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs,
    maxResponseSize: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
  });
  const destroy = agent.destroy.bind(agent) as (...args: unknown[]) => unknown;
  agent.destroy = ((...args: unknown[]) => {
    for (const socket of sockets) if (!socket.destroyed) socket.destroy();
    sockets.clear();
    return destroy(...args);
  }) as typeof agent.destroy;
  return agent;
}
