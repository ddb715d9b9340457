// ESLint (flat config): correctness rules only. Layout is Prettier's job (.prettierrc.json), so no stylistic rule
// here can disagree with it. TypeScript files are linted with type information (each file against the tsconfig
// nearest to it, as `npm run typecheck` sees it), which is what lets no-floating-promises find un-awaited work.
// The layering rules say, as readable messages, what the per-layer tsconfigs enforce (README: the layers).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const builtinMessage = 'Node built-ins belong in src/vscode or src/net, not here.';
const nodeBuiltins = { group: ['node:*'], message: builtinMessage };
/** `fs`, `path`… without the `node:` prefix, by exact name (a pattern would also match folders of that name). */
const bareBuiltins = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => ({ name, message: builtinMessage }));
const noUndici = { name: 'undici', message: 'Only src/net/ talks to undici.' };
const noVscode = { name: 'vscode', message: 'The vscode API is only for src/extension.ts and src/vscode/.' };

export default defineConfig(
  {
    ignores: ['dist/**', 'out/**', '.cache/**', 'artifacts/**', 'coverage/**', '.vscode-test/**', 'node_modules/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Un-awaited promises are how rejections go unhandled: every one must be awaited, returned or marked `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      // tsc's noUnusedLocals/noUnusedParameters already report these.
      '@typescript-eslint/no-unused-vars': 'off',
      // `async` without `await` is how an interface's Promise is returned while a synchronous throw still becomes a
      // rejection (fakes in tests, serializers): not a bug.
      '@typescript-eslint/require-await': 'off',
      // Cosmetic, and fixable in one `eslint --fix` pass once the tree stops moving.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // A variable declared before the closures that read it and assigned once later is deliberate.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests read JSON and poke at internals: `any` there is the point, not a leak into the product.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `() => unknown | Promise<unknown>` documents that a callback may be async.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  {
    // Reference values are quoted at the precision of their source (NIST tables, mpmath at 50 digits), so a reader
    // can check them against it; each compares as the double nearest to it.
    files: ['test/unit/estimates/**/*.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // The pure core, and the message protocol it shares with the webview.
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode, noUndici, ...bareBuiltins], patterns: [nodeBuiltins] }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode, noUndici, ...bareBuiltins],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/vscode/**', '../vscode', '../../vscode'],
              message: 'The webview reaches the host only through src/shared/protocol.ts.',
            },
            {
              group: ['**/net/**', '../net', '../../net'],
              message: 'The webview reaches the network only through the host.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/net/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    // Build and developer scripts: plain CommonJS for Node, in no tsconfig, so linted without type information.
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      // No tsc looks at these files, so ESLint reports what is unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
