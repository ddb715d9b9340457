// The lazily loaded network bundle (dist/net.js): everything that needs undici.
export { HttpClient, createDispatcher, freshnessMs, parseRetryAfterMs } from './httpClient';
export type { ExchangeInfo, HttpClientOptions, ProxySettings } from './httpClient';
export { PushClient, pushUrlFor } from './pushClient';
export type { PushClientOptions, PushStatus } from './pushClient';
