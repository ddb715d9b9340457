import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The real `vscode` module only exists inside VS Code: unit tests get the stand-in.
    alias: { vscode: fileURLToPath(new URL('./test/support/vscodeModule.ts', import.meta.url)) },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // CI is a busy 2-core machine: no test may depend on wall-clock speed.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The lazy bundles' loaders return their source modules (test/support/lazyBundles.ts).
    setupFiles: ['test/support/lazyBundles.ts'],
  },
});
