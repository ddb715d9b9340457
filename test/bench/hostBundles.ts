// The host bundles esbuild.js builds beside dist/extension.js and the extension require()s at first use (its
// `lazyBundles`): what the eager design loads up front, and what activation must not load.
export const LAZY_HOST_BUNDLES = ['net.js', 'sources.js', 'panel.js', 'node.js'] as const;
