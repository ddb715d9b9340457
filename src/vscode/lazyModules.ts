// Modules the first paint does not need are separate bundles, loaded on first use (esbuild.js builds
// dist/net.js and dist/panel.js beside dist/extension.js and leaves these requires alone).
// Types come from the sources; only the runtime load is deferred.

type NetModule = typeof import('../net/index');

let net: NetModule | undefined;

/** undici and the HTTP client: ~0.5 MB of JavaScript that activation must not pay for. */
export function loadNet(): NetModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  net ??= require('./net.js') as NetModule;
  return net;
}

type PanelModule = typeof import('./panel/index');

let panel: PanelModule | undefined;

/** The webview panel's host side: only needed once the user opens it. */
export function loadPanel(): PanelModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  panel ??= require('./panel.js') as PanelModule;
  return panel;
}
