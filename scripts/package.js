// `npm run package`: exactly one .vsix at the repository root, built from a production bundle.
// Dependencies are bundled by esbuild, so the package ships no node_modules (--no-dependencies).
// README images are relative and shipped in the package (media/screenshot-*.png): VS Code renders them
// from the installed extension, so vsce must not rewrite them to a repository URL (there is none).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const file of fs.readdirSync(root)) {
  if (file.endsWith('.vsix')) fs.rmSync(path.join(root, file));
}
const out = `${name}-${version}.vsix`;
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// vsce runs `vscode:prepublish` itself: type check, lint, then the production build.
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], {
  cwd: root,
  stdio: 'inherit',
});
console.log(`packaged ${out}`);
