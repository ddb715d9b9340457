// The glance sources (./index.ts) are a separate bundle, dist/sources.js, that esbuild.js builds beside
// dist/extension.js and leaves this require alone: the first refresh loads it (with dist/net.js), activation
// never does. Types come from the sources; only the runtime load is deferred.

type SourcesModule = typeof import('./index');

let sources: SourcesModule | undefined;

export function loadSources(): SourcesModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sources ??= require('./sources.js') as SourcesModule;
  return sources;
}
