// The node features (./index.ts) are a separate bundle, dist/node.js, that esbuild.js builds beside
// dist/extension.js and leaves this require alone: only a user who set up a node loads it. Types come from
// the sources; only the runtime load is deferred.

type NodeModule = typeof import('./index');

let node: NodeModule | undefined;

export function loadNode(): NodeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  node ??= require('./node.js') as NodeModule;
  return node;
}
