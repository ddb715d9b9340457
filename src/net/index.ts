// The lazily loaded network bundle (dist/net.js): everything that needs undici.
export { HttpClient, MAX_FRESH_MS, freshnessMs, parseRetryAfterMs } from './httpClient';
export type { ExchangeInfo, HttpClientOptions } from './httpClient';
export { MAX_WEBSOCKET_MESSAGE_BYTES, createDispatcher } from './dispatcher';
export type { DispatcherOptions, ProxySettings } from './dispatcher';
export { PushClient, pushUrlFor } from './pushClient';
export type { PushClientOptions, PushStatus } from './pushClient';
export { JsonRpcClient } from './jsonRpc';
export type { BatchOutcome, BitcoindAuth, JsonRpcClientOptions, RpcExchangeInfo } from './jsonRpc';
