// undici and the HTTP client (~0.5 MB of JavaScript) are a separate bundle, dist/net.js, that esbuild.js
// builds beside dist/extension.js and leaves this require alone: activation must not pay for it, the
// first fetch loads it. Types come from the sources; only the runtime load is deferred.

type NetModule = typeof import('../net/index');

let net: NetModule | undefined;

export function loadNet(): NetModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  net ??= require('./net.js') as NetModule;
  return net;
}
